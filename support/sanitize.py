"""Message HTML is sanitised with nh3 (Rust's ammonia): only plain formatting survives, links lose scripts."""

import html as html_module
import re

import nh3

ALLOWED_TAGS = {"a", "b", "blockquote", "br", "code", "div", "em", "i", "li", "ol", "p", "pre", "span", "strong",
                "u", "ul", "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise_html(html):
    """Safe HTML to show beside a message: no scripts, styles, event handlers, images or forms."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https",
                     "mailto"}, link_rel="noopener noreferrer nofollow", strip_comments=True)


def html_to_text(html):
    """A readable plain-text version of an HTML-only e-mail: block ends become line breaks, tags go."""
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", "", html or "")
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(r"(?i)</(p|div|li|tr|h[1-6]|blockquote)\s*>", "\n", text)
    text = re.sub(r"(?i)<li\b[^>]*>", "- ", text)
    text = nh3.clean(text, tags=set())
    text = html_module.unescape(text)
    lines = [line.strip() for line in text.splitlines()]
    collapsed = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return collapsed.strip()
