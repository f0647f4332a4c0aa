"""The demo copy lives in data files (shop/demo/data/): every one loads, and a bad one is refused by name."""


import pytest

from shop.cms.models import ContentPage, HelpArticlePage, HomePage, LocationPage
from shop.demo.copy import DATA_DIR, DemoCopyError, load_demo_copy, unwrap
from tests.shop.demo_files import spoil


def test_every_data_file_loads():
    copy = load_demo_copy()
    files = {path.relative_to(DATA_DIR).as_posix() for path in DATA_DIR.rglob("*.toml")}
    assert files == {"home.toml", "about.toml", "workshop.toml", "help.toml", "catalogue.toml", "shipping.toml"} | {
        f"help/{article.slug}.toml" for article in copy.help_articles} | {
        "legal/terms-of-sale.toml", "legal/privacy.toml", "legal/cookies.toml", "legal/legal-notice.toml"} | {
        # the rest of the demo (tests/shop/test_demo_data.py)
        "users.toml", "production.toml", "support.toml", "support_requests.toml", "support_history.toml", "orders.toml",
        "returns.toml", "demand.toml"}
    assert {p.upc for p in copy.catalogue.products} == {"ATL-SNK-001", "ATL-BIK-001", "ATL-DSK-001"}
    assert str(copy.catalogue.products[0].price) == "149.00"
    assert [c.alpha2 for c in copy.shipping.countries][:3] == ["BE", "NL", "LU"]
    assert "NO" in [c.alpha2 for c in copy.shipping.countries]  # Norway, not a false


def test_wrapped_text_is_stored_as_one_line_and_rich_text_without_breaks_between_tags():
    assert unwrap("<ul>\n  <li>One\n    two</li>\n  <li>Three</li>\n</ul>\n<p>Four</p>\n") == \
        "<ul><li>One two</li><li>Three</li></ul><p>Four</p>"
    about = load_demo_copy().about
    first = about.stream()[0][1]
    assert first.startswith("<h2>Why we only make to order</h2><p>We started Atelier in 2016")
    assert "\n" not in first and "thousand, months ahead, in sizes" in first


@pytest.mark.django_db
def test_the_seeded_pages_carry_the_data_files_copy():
    copy = load_demo_copy()
    for article in copy.help_articles:
        page = HelpArticlePage.objects.get(slug=article.slug)
        assert (page.title, page.topic, page.summary) == (article.title, article.topic, article.summary)
        assert [(block.block_type, block.value.source if block.block_type == "paragraph" else None)
                for block in page.body] == [(kind, value if kind == "paragraph" else None)
                                            for kind, value in article.stream()]
    about = ContentPage.objects.get(slug="about")
    assert list(about.body.raw_data) and [b["value"] for b in about.body.raw_data] == [
        value for _, value in copy.about.stream()]
    workshop = LocationPage.objects.get(slug="workshop")
    assert workshop.address_lines() == ["Atelier, Loods 4", "Lijnwaadkaai 27", "9000 Gent", "Belgium"]
    assert [(h.weekday, h.opens and h.opens.isoformat("minutes")) for h in workshop.opening_hours.all()][-2:] == [
        ("sat", "10:00"), ("sun", None)]
    assert HomePage.objects.get().hero_text == copy.home.hero_text


def test_a_missing_required_field_is_refused_with_the_file_and_field_named(data_dir):
    spoil(data_dir / "help" / "returns.toml", "summary = ", "summery = ")
    with pytest.raises(DemoCopyError) as refused:
        load_demo_copy(data_dir)
    message = str(refused.value)
    assert "help/returns.toml" in message
    assert "summary: Field required" in message and "summery: Extra inputs are not permitted" in message


@pytest.mark.parametrize("file, old, new, problem", [
    ("catalogue.toml", 'price = "149.00"', "price = 149.0", 'products[0].price: Value error, write an amount'),
    ("about.toml", 'type = "quote"', 'type = "qoute"', "body[2]: Input tag 'qoute'"),
    ("workshop.toml", '{ weekday = "sun", closed = true }', '{ weekday = "sun" }',
     "opening_hours[6]: Value error, give opens and closes"),
    ("help.toml", '  "warranty",\n', "", "help/warranty.toml: not listed in the articles of"),
    ("help.toml", '  "warranty",\n', '  "warranty",\n  "warranty",\n', "articles lists warranty more than once"),
    ("help.toml", '  "warranty",\n', '  "warranty",\n  "gift-cards",\n', "help/gift-cards.toml: the file is missing"),
    ("shipping.toml", 'alpha2 = "NO"', "alpha2 = NO", "shipping.toml: not valid TOML"),
    ("help/returns.toml", 'title = ', 'slug = "returns"\ntitle = ', "help/returns.toml: slug: leave it out"),
])
def test_a_bad_data_file_is_refused_with_the_file_and_field_named(data_dir, file, old, new, problem):
    spoil(data_dir / file, old, new)
    with pytest.raises(DemoCopyError, match=r"shop/demo/data/|data/") as refused:
        load_demo_copy(data_dir)
    assert problem in str(refused.value)
