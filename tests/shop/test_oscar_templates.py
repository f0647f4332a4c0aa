"""Our Oscar templates extend Oscar's and override blocks, so an Oscar upgrade reaches every page we customise.

A template in templates/oscar/ with a counterpart in Oscar's templates must `{% extends %}` that same path (Django
then loads Oscar's), and every block it overrides must still exist in Oscar's template, so a block renamed upstream
fails here instead of silently dropping what we add. The few that cannot extend are listed below with their reason
and the digest of the Oscar original they were written against: when an upgrade changes that original, this test
fails until someone carries the change over and records the new digest.
"""

import hashlib
import re
from pathlib import Path

import oscar
import pytest
from django.conf import settings
from django.template import engines
from django.template.loader_tags import ExtendsNode

OURS = Path(settings.BASE_DIR) / "templates"
OSCARS = Path(oscar.__file__).parent / "templates"
BLOCK = re.compile(r"{%\s*block\s+(\w+)")
EXTENDS = re.compile(r"""{%\s*extends\s+["']([^"']+)["']""")

# path -> (why it cannot extend Oscar's template of the same name, sha256 prefix of Oscar's original)
NOT_EXTENDED = {
    # copies of partials with no blocks: kept minimal, each says why in a {% comment %} at its top
    "oscar/partials/form.html": (
        "no blocks; its cancel link has an inline onclick, which the Content-Security-Policy blocks",
        "d9e5825b4b37979a"),
    "oscar/dashboard/partials/form.html": (
        "no blocks; its cancel link has an inline onclick, which the Content-Security-Policy blocks",
        "45c46747fec6d186"),
    "oscar/customer/partials/standard_tabs.html": (
        "no blocks; we add the Support tab between Order History and Address Book",
        "e8c09eef67340a0e"),
    "oscar/communication/emails/commtype_order_placed_body.txt": (
        "a plain-text e-mail body with no blocks; we add the name, the ship date and each line's features",
        "2d5825698bdbf248"),
    # replaced on purpose, not copied: the store's own frame and checkout
    "oscar/base.html": (
        "Oscar's pages share the store's base.html with the Wagtail pages (same block names)",
        "90f9904e1e615da0"),
    "oscar/layout.html": (
        "the store's header and footer replace Oscar's; Oscar's layout would draw its own around every page",
        "5b72698785c6f1e8"),
    "oscar/checkout/layout.html": (
        "Oscar's draws its own brand header and checkout footer; every checkout step is a page of the store (base.html "
        "through oscar/layout.html) with the order summary beside it, keeping Oscar's checkout_nav, checkout_title and "
        "content blocks",
        "814feabca349faf4"),
    "oscar/checkout/nav.html": (
        "no blocks; our checkout has three steps and a confirmation, not Oscar's five",
        "b612157e366c978a"),
    "oscar/checkout/payment_details.html": (
        "Oscar's empties the order summary blocks; ours is the review page, so it extends checkout.html to keep them",
        "ff5211b9c9f075f0"),
}


def counterparts():
    for path in sorted((OURS / "oscar").rglob("*")):
        name = path.relative_to(OURS).as_posix()
        if path.is_file() and (OSCARS / name).is_file():
            yield name


def oscar_blocks(name):
    """Every block Oscar's template `name` defines, with those of the templates it extends (found as Django finds
    them: ours first, then Oscar's, never the same file twice)."""
    blocks, seen, path = set(), set(), OSCARS / name
    while path:
        seen.add(path)
        source = path.read_text()
        blocks |= set(BLOCK.findall(source))
        parent = EXTENDS.search(source)
        candidates = [root / parent.group(1) for root in (OURS, OSCARS)] if parent else []
        path = next((found for found in candidates if found.is_file() and found not in seen), None)
    return blocks


def test_the_allow_list_names_only_templates_we_override():
    assert set(NOT_EXTENDED) <= set(counterparts())


@pytest.mark.parametrize("name", list(counterparts()))
def test_our_oscar_template_extends_oscars(name):
    source = (OURS / name).read_text()
    if name in NOT_EXTENDED:
        reason, digest = NOT_EXTENDED[name]
        original = hashlib.sha256((OSCARS / name).read_bytes()).hexdigest()
        assert original.startswith(digest), (
            f"Oscar's {name} changed since ours was written ({reason}): carry the change over, then record "
            f"{original[:16]}")
        assert "{% comment %}" in "".join(source.splitlines(keepends=True)[:3]), f"{name} must say why at its top"
        return
    template = engines["django"].from_string(source)
    first = template.template.nodelist[0] if template.template.nodelist else None
    assert isinstance(first, ExtendsNode) and first.parent_name.var == name, (
        f"{name} copies Oscar's template: extend it ({{% extends \"{name}\" %}}) and override blocks")
    missing = set(BLOCK.findall(source)) - oscar_blocks(name)
    assert not missing, f"{name} overrides blocks Oscar's template no longer has: {sorted(missing)}"

