"""Choosing a configuration for another part of the store: the configurator page with a different last step.

Another part of the store (a return's exchange, in support) sends the shopper to the configurator with a signed
``choose`` token holding where to go next and what the final button says. The page then shows that button instead
of "Add to basket"; pressing it saves the configuration and goes to that address with ``?configuration=<code>``.
The configurator knows nothing of who asked: the token is signed (so nobody can make the page send a shopper
elsewhere) and names only a path on this site.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

SALT = "configurator.choose"
MAX_AGE = 60 * 60 * 24 * 90  # as long as an exchange can wait for a choice, and more


@dataclass(frozen=True)
class Handoff:
    token: str
    next_path: str  # a path on this site
    label: str  # the final button: "Use this for my exchange"
    note: str  # one sentence above it: "You are choosing the replacement for return R-10042."

    def destination(self, configuration):
        separator = "&" if "?" in self.next_path else "?"
        return f"{self.next_path}{separator}{urlencode({'configuration': configuration.code})}"


def choose_token(*, next_path, label, note=""):
    if not next_path.startswith("/") or next_path.startswith("//"):
        raise ValueError("A configuration is only ever handed to a path on this site.")
    return signing.dumps({"next": next_path, "label": label, "note": note}, salt=SALT, compress=True)


def choose_url(*, slug, next_path, label, note="", code=None):
    """The configurator of a product (from a saved configuration ``code``, when given) in choosing mode."""
    path = (reverse("configurator:reopen", kwargs={"slug": slug, "code": code}) if code else
            reverse("configurator:configure", kwargs={"slug": slug}))
    return f"{path}?{urlencode({'choose': choose_token(next_path=next_path, label=label, note=note)})}"


def handoff_of(token):
    """The hand-off a token was signed for, or None (missing, tampered, too old, or not a path of this site)."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    next_path, label = data.get("next"), data.get("label")
    if not (isinstance(next_path, str) and isinstance(label, str) and label.strip()):
        return None
    if not next_path.startswith("/") or not url_has_allowed_host_and_scheme(next_path, allowed_hosts=None):
        return None
    return Handoff(token=token, next_path=next_path, label=label[:80], note=str(data.get("note") or "")[:200])
