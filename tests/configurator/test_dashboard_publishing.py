"""Merchandisers confirm before publishing or retiring a version, see what the draft changes since the published
version, and try the draft in the shopper's configurator before publishing it."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from configurator import compiled
from configurator.model_diff import ADDED, CHANGED, FieldChange
from configurator.models import ConfigurableProduct, FeatureRule, ModelVersion, SavedConfiguration
from configurator.services import add_configuration_to_basket, save_configuration
from tests.configurator.test_dashboard import (
    CONFIRM,
    OPTION_FORM,
    count_queries,
    group,
    grow_draft,
    html_of,
    messages_of,
    option,
    text_of,
    url,
)

pytestmark = pytest.mark.django_db

COMPLETE = {"options": ["carbon", "disc", "lights"], "measurements": {"height": "185"}}


@pytest.fixture
def bike(bike_version):
    return bike_version.configurable


@pytest.fixture
def merch(client_as):
    return client_as("merch")


def edit_option(client, bike, code, **changes):
    """Change an option of the draft through its dashboard form, keeping its other fields."""
    item = option(bike, code)
    form = {"label": item.label, "code": item.code, "position": item.position, "price_delta": item.price_delta,
            "lead_time_days": item.lead_time_days, "is_active": "on" if item.is_active else "",
            "swatch": item.swatch, "layer_svg": item.layer_svg, "layer_order": item.layer_order,
            "bom": "\n".join(f"{line.component_code} {line.quantity} {line.unit}" for line in item.bom_lines.all()),
            **changes}
    response = client.post(url("option-update", pk=bike.pk, option_pk=item.pk), form)
    assert response.status_code == 302, text_of(response)


def versions_of(configurable):
    return list(configurable.versions.order_by("number").values_list("number", "is_current", "retired_at"))


def quotes_of(version, valid=2, expired=1):
    """Saved quotes of a version: ``valid`` still valid, ``expired`` past their date; each for another rider height,
    so each is a basket line of its own (equal configurations share one)."""
    quotes = [save_configuration(version=version, **{**COMPLETE, "measurements": {"height": str(185 + number)}})
              for number in range(valid + expired)]
    SavedConfiguration.objects.filter(pk__in=[q.pk for q in quotes[valid:]]).update(
        expires_at=timezone.now() - timezone.timedelta(days=1))
    return quotes


# --- Publishing: the confirmation page ------------------------------------------------------------------------------


def test_publish_page_says_what_happens_with_the_changes_and_the_quotes_it_touches(merch, bike, bike_version, basket):
    quotes = quotes_of(bike_version, valid=2, expired=1)
    add_configuration_to_basket(basket=basket, configuration=quotes[0])
    merch.post(url("option-create", pk=bike.pk, group_pk=group(bike, "extras").pk), OPTION_FORM)
    edit_option(merch, bike, "carbon", price_delta="450.00")

    response = merch.get(url("publish", pk=bike.pk))
    assert response.status_code == 200
    page = text_of(response)
    number = bike_version.number
    assert f"Shoppers configure version {number + 1} from now on, instead of version {number}." in page
    assert (f"2 saved quotes of version {number} are still valid: when shoppers reopen them, their choices are "
            f"checked again against version {number + 1}") in page
    assert f"1 basket line carries a quote of version {number}: it keeps its quoted price" in page
    assert f"Changes since version {number}" in page
    assert "Brass bell bell_brass in Extras price +19.00, +1 working days" in page
    assert "Carbon carbon in Frame price: 400.00 → 450.00" in page
    changes = response.context["changes"]
    assert changes.option("carbon").fields == (FieldChange("price", Decimal("400.00"), Decimal("450.00")),)
    assert changes.option("bell_brass").status == ADDED
    form = html_of(response)
    assert 'name="confirm" value="yes"' in form and "Publish version" in form


def test_a_post_without_confirmation_publishes_nothing_and_leads_to_the_confirmation_page(merch, bike):
    before = versions_of(bike)
    response = merch.post(url("publish", pk=bike.pk))
    assert response.status_code == 302 and response["Location"] == url("publish", pk=bike.pk)
    assert versions_of(bike) == before
    for refused in ({"confirm": "no"}, {"confirm": ""}, {"confirm": "YES "}):
        merch.post(url("publish", pk=bike.pk), refused)
    assert versions_of(bike) == before
    response = merch.get(response["Location"])
    assert "Nothing was published yet: check what publishing changes, then confirm." in messages_of(response)


def test_publishing_from_the_page_publishes_the_draft_that_was_shown(merch, bike, bike_version):
    edit_option(merch, bike, "carbon", price_delta="450.00")
    shown = re.search(r'name="draft" value="([0-9a-f]+)"', html_of(merch.get(url("publish", pk=bike.pk)))).group(1)

    response = merch.post(url("publish", pk=bike.pk), {**CONFIRM, "draft": shown}, follow=True)
    assert f"Published version {bike_version.number + 1} of The Atelier City Bike" in " ".join(messages_of(response))
    carbon = next(o for g in bike.current_version.definition["groups"] for o in g["options"] if o["code"] == "carbon")
    assert carbon["price_delta"] == "450.00"


def test_a_draft_edited_after_the_page_was_shown_is_not_published(merch, bike, bike_version):
    shown = re.search(r'name="draft" value="([0-9a-f]+)"', html_of(merch.get(url("publish", pk=bike.pk)))).group(1)
    edit_option(merch, bike, "carbon", price_delta="999.00")  # somebody else, meanwhile
    before = versions_of(bike)

    response = merch.post(url("publish", pk=bike.pk), {**CONFIRM, "draft": shown})
    assert response["Location"] == url("publish", pk=bike.pk)
    assert versions_of(bike) == before
    response = merch.get(response["Location"])
    assert "The draft changed since you looked at it: check the changes again, then confirm." in messages_of(response)
    assert "price: 400.00 → 999.00" in text_of(response)


def test_a_draft_with_blocking_problems_offers_no_publishing(merch, bike):
    FeatureRule.objects.create(configurable=bike, name="Aluminium only this season", kind="constraint", when="alu")
    response = merch.get(url("publish", pk=bike.pk))
    assert "The draft can't be published yet: Frame: Carbon can never be chosen (Aluminium only this season)." \
        in text_of(response)
    assert 'name="confirm"' not in html_of(response)


def test_the_first_version_after_retiring_says_the_product_is_offered_again(merch, bike, bike_version):
    merch.post(url("version-retire", pk=bike.pk, version_pk=bike_version.pk), CONFIRM)
    page = text_of(merch.get(url("publish", pk=bike.pk)))
    assert "No version is offered today: The Atelier City Bike can be configured again from now on." in page
    assert "Changes since" not in page


def test_an_unchanged_draft_says_shoppers_see_no_difference(merch, bike, bike_version):
    page = text_of(merch.get(url("publish", pk=bike.pk)))
    assert f"The draft is the same as version {bike_version.number}: shoppers would see no difference." in page


# --- Retiring: the confirmation page --------------------------------------------------------------------------------


def test_retiring_the_current_version_warns_and_counts_what_refers_to_it(merch, bike, bike_version, basket):
    quotes = quotes_of(bike_version, valid=1, expired=2)
    add_configuration_to_basket(basket=basket, configuration=quotes[0])
    add_configuration_to_basket(basket=basket, configuration=quotes[1])
    Basket = get_model("basket", "Basket")
    ordered = Basket.objects.create()
    ordered.strategy = basket.strategy
    add_configuration_to_basket(basket=ordered, configuration=quotes[2])
    Basket.objects.filter(pk=ordered.pk).update(status=Basket.SUBMITTED)  # its line was ordered: not counted

    response = merch.get(url("version-retire", pk=bike.pk, version_pk=bike_version.pk))
    assert response.status_code == 200
    page = text_of(response)
    number = bike_version.number
    assert (f"Version {number} is the current version: after retiring it, shoppers can no longer configure The "
            "Atelier City Bike until you publish again.") in page
    assert f"3 saved quotes refer to version {number} (1 still valid): they can't be reopened" in page
    assert "2 basket lines carry one of them: their shoppers must check the choices again before paying." in page
    assert 'name="confirm" value="yes"' in html_of(response)


def test_retiring_an_older_version_changes_nothing_for_shoppers(merch, bike, bike_version):
    older = bike.versions.exclude(pk=bike_version.pk).get()
    page = text_of(merch.get(url("version-retire", pk=bike.pk, version_pk=older.pk)))
    assert f"Shoppers configure version {bike_version.number}; nothing changes for them." in page
    assert f"0 saved quotes refer to version {older.number} (0 still valid): reopened, their choices are checked " \
           "again against the current version." in page


def test_a_post_without_confirmation_retires_nothing(merch, bike, bike_version):
    before = versions_of(bike)
    address = url("version-retire", pk=bike.pk, version_pk=bike_version.pk)
    response = merch.post(address)
    assert response.status_code == 302 and response["Location"] == address
    assert versions_of(bike) == before
    assert (f"Version {bike_version.number} was not retired: check what retiring it means, then confirm."
            in messages_of(merch.get(address)))


def test_a_retired_version_has_nothing_left_to_confirm(merch, bike, bike_version):
    older = bike.versions.exclude(pk=bike_version.pk).get()
    merch.post(url("version-retire", pk=bike.pk, version_pk=older.pk), CONFIRM)
    response = merch.get(url("version-retire", pk=bike.pk, version_pk=older.pk))
    assert f"Version {older.number} was already retired on" in text_of(response)
    assert 'name="confirm"' not in html_of(response)


def test_a_version_of_another_product_has_no_confirmation_page(merch, bike):
    sneaker = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001")
    version = sneaker.versions.first()
    assert merch.get(url("version-retire", pk=bike.pk, version_pk=version.pk)).status_code == 404
    assert merch.post(url("version-retire", pk=bike.pk, version_pk=version.pk), CONFIRM).status_code == 404
    assert ModelVersion.objects.get(pk=version.pk).retired_at is None


# --- The model page: buttons lead to the confirmation pages, changes since the published version --------------------


def test_the_model_page_links_to_the_confirmation_pages_instead_of_acting(merch, bike, bike_version):
    page = html_of(merch.get(url("detail", pk=bike.pk)))
    assert f'href="{url("publish", pk=bike.pk)}"' in page
    assert f'href="{url("version-retire", pk=bike.pk, version_pk=bike_version.pk)}"' in page
    assert f'href="{url("preview", pk=bike.pk)}"' in page
    assert f'action="{url("publish", pk=bike.pk)}"' not in page
    assert f'action="{url("version-retire", pk=bike.pk, version_pk=bike_version.pk)}"' not in page


def test_the_model_page_shows_changes_since_the_published_version_only_when_the_draft_changed(merch, bike,
                                                                                              bike_version):
    response = merch.get(url("detail", pk=bike.pk))
    assert response.context["changes"] is None
    assert "Changes since version" not in text_of(response)

    edit_option(merch, bike, "rack", label="Rear carrier", is_active="")
    merch.post(url("option-create", pk=bike.pk, group_pk=group(bike, "extras").pk), OPTION_FORM)
    response = merch.get(url("detail", pk=bike.pk))
    page = text_of(response)
    assert f"Changes since version {bike_version.number}" in page
    assert "Rear carrier rack in Extras label: Rear rack → Rear carrier offered: yes → no" in page
    assert [(c.key, c.status) for c in response.context["changes"].options] == [
        ("rack", CHANGED), ("bell_brass", ADDED)]


def test_the_diff_of_a_demo_product_after_editing_rules_and_price_rules(merch):
    """The seeded sneaker, edited through the dashboard's forms."""
    sneaker = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001")
    published = sneaker.current_version
    edit_option(merch, sneaker, "sole_gum", price_delta="12.50", lead_time_days="3")
    suede = sneaker.rules.get(name="Suede is not made in chalk white")
    merch.post(url("rule-update", pk=sneaker.pk, rule_pk=suede.pk),
               {"kind": "excludes", "name": suede.name, "when": "upper_suede", "then": "colour_chalk or colour_sand",
                "position": suede.position})
    merch.post(url("rule-create", pk=sneaker.pk),
               {"kind": "requires", "name": "Gum soles need leather", "when": "sole_gum", "then": "upper_leather",
                "position": "9"})
    vegan = sneaker.price_rules.get(label="Vegan build")
    merch.post(url("price-rule-update", pk=sneaker.pk, price_rule_pk=vegan.pk),
               {"label": "Vegan build", "when": "lining_vegan and upper_canvas", "amount": "-8.00", "percent": "0",
                "position": vegan.position})
    merch.post(url("price-rule-delete", pk=sneaker.pk,
                   price_rule_pk=sneaker.price_rules.get(label="Two extras together").pk))

    response = merch.get(url("publish", pk=sneaker.pk))
    changes = response.context["changes"]
    assert changes.option("sole_gum").fields == (
        FieldChange("price", Decimal("10.00"), Decimal("12.50")), FieldChange("extra working days", 0, 3))
    assert changes.rule(suede.name).fields == (FieldChange(
        "meaning", "Suede never together with Chalk (Upper colour)",
        "Suede never together with Chalk (Upper colour) or Sand"),)
    assert changes.rule("Gum soles need leather").summary == \
        "When Natural gum rubber, then also Full-grain leather"
    assert [str(f) for f in changes.price_rule("Vegan build").fields] == ["amount: -5.00 → -8.00"]
    assert changes.price_rule("Two extras together").status == "removed"
    assert not changes.steps and not changes.product
    page = text_of(response)
    assert f"Changes since version {published.number}" in page
    assert "Suede never together with Chalk (Upper colour) → Suede never together with Chalk (Upper colour) or Sand" \
        in page


# --- Previewing the draft in the shopper's configurator -------------------------------------------------------------


def test_the_preview_shows_the_drafts_new_option_in_the_shoppers_page(merch, client, bike, bike_product):
    merch.post(url("option-create", pk=bike.pk, group_pk=group(bike, "extras").pk), OPTION_FORM)

    response = merch.get(url("preview", pk=bike.pk))
    assert response.status_code == 200
    assert "configurator/configure.html" in [t.name for t in response.templates]
    page = html_of(response)
    assert 'data-option="bell_brass"' in page and "Brass bell" in page
    assert "Preview of the draft — not published." in text_of(response)
    assert f'method="get" action="{url("preview", pk=bike.pk)}"' in page
    # shoppers still get the published version
    client.logout()
    assert 'data-option="bell_brass"' not in html_of(client.get(f"/shop/configure/{bike_product.slug}/"))


def test_choices_in_the_preview_are_evaluated_as_in_the_shoppers_plain_form(merch, bike):
    merch.post(url("option-create", pk=bike.pk, group_pk=group(bike, "extras").pk), OPTION_FORM)
    response = merch.get(url("preview", pk=bike.pk), {"frame": "carbon", "brakes": "disc",
                                                      "extras": ["bell_brass"], "height": "185"})
    state = response.context["state"]
    assert state["complete"]
    assert state["selection"]["options"] == ["bell_brass", "carbon", "disc"]
    assert Decimal(state["price"]["total"]) == Decimal(bike_base_price(bike)) + Decimal("400") + 120 + 19
    options = {o["code"]: o for g in state["groups"] for o in g.get("options", ())}
    assert options["rack"]["status"] == "unavailable"
    assert options["rack"]["reason"] == "Not available with Carbon"

    response = merch.get(url("preview", pk=bike.pk), {"frame": "carbon", "height": "999"})
    assert response.status_code == 400
    assert response.context["error"].field == "height"


def bike_base_price(bike):
    return bike.product.stockrecords.order_by("pk").first().price


def test_the_preview_offers_no_saving_or_basket_and_a_post_creates_nothing(merch, bike, bike_product):
    page = html_of(merch.get(url("preview", pk=bike.pk)))
    assert 'name="action" value="basket"' not in page and 'name="action" value="save"' not in page
    assert "Add to basket" not in page and "Save and share" not in page
    assert "csrfmiddlewaretoken" not in page
    assert "js/configurator.js" not in page  # the live page asks the JSON API, which knows published versions only
    Line = get_model("basket", "Line")
    quotes, lines = SavedConfiguration.objects.count(), Line.objects.count()
    for action in ("save", "basket", "choose"):
        response = merch.post(url("preview", pk=bike.pk), {"frame": "carbon", "brakes": "disc", "height": "185",
                                                           "action": action})
        assert response.status_code == 405
    assert SavedConfiguration.objects.count() == quotes
    assert Line.objects.count() == lines


def test_previewing_the_draft_leaves_the_cache_of_published_versions_alone(merch, client, bike, bike_version,
                                                                           bike_product):
    assert client.get(f"/shop/configure/{bike_product.slug}/").status_code == 200  # the version is compiled
    cached = dict(compiled._cache)
    merch.post(url("option-create", pk=bike.pk, group_pk=group(bike, "extras").pk), OPTION_FORM)
    for _ in range(3):
        merch.get(url("preview", pk=bike.pk))
    assert dict(compiled._cache) == cached
    assert "bell_brass" not in compiled.compiled_model(bike_version).model.option_codes


def test_a_draft_with_blocking_problems_shows_them_instead_of_the_page(merch, bike):
    FeatureRule.objects.create(configurable=bike, name="Aluminium only this season", kind="constraint", when="alu")
    response = merch.get(url("preview", pk=bike.pk))
    assert response.status_code == 200
    assert "configurator/configure.html" not in [t.name for t in response.templates]
    assert "can't be previewed: it has problems that would also stop publishing. Frame: Carbon can never be " \
           "chosen (Aluminium only this season)." in text_of(response)


# --- Access and query budgets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["shopper", "support"])
def test_shoppers_and_support_agents_get_403_on_the_new_pages(client_as, bike, bike_version, role):
    visitor = client_as(role)
    before = versions_of(bike)
    for address in (url("preview", pk=bike.pk), url("publish", pk=bike.pk),
                    url("version-retire", pk=bike.pk, version_pk=bike_version.pk)):
        assert visitor.get(address).status_code == 403, address
        assert visitor.post(address, CONFIRM).status_code == 403, address
    assert versions_of(bike) == before


def test_the_new_pages_query_budgets_do_not_grow_with_the_model_or_its_quotes(merch, bike, bike_version,
                                                                            django_assert_max_num_queries):
    pages = [url("publish", pk=bike.pk), url("version-retire", pk=bike.pk, version_pk=bike_version.pk),
             url("preview", pk=bike.pk)]
    for address in pages:
        merch.get(address)  # warm the session and permission caches
    before = [count_queries(merch, address) for address in pages]
    grow_draft(bike)
    quotes_of(bike_version, valid=3, expired=2)
    assert [count_queries(merch, address) for address in pages] == before
    for address, budget in zip(pages, (25, 15, 30), strict=True):
        with django_assert_max_num_queries(budget):
            merch.get(address)


def test_a_product_never_published_previews_its_draft_and_publishes_its_first_version(merch, isolated_search_index):
    Product, ProductClass = get_model("catalogue", "Product"), get_model("catalogue", "ProductClass")
    lamp = Product.objects.create(upc="ATL-LMP-001", title="The Atelier Lamp", is_public=True,
                                  product_class=ProductClass.objects.get(slug="made-to-order"))
    configurable = ConfigurableProduct.objects.create(product=lamp)
    merch.post(url("group-create", pk=configurable.pk),
               {"name": "Shade", "code": "shade", "position": "0", "kind": "choice", "required": "on",
                "min_choices": "1", "max_choices": "1", "max_length": "0", "price_per_character": "0",
                "price_per_unit": "0"})
    merch.post(url("option-create", pk=configurable.pk, group_pk=configurable.groups.get().pk),
               {**OPTION_FORM, "label": "Linen shade", "code": "linen", "bom": ""})

    response = merch.get(url("preview", pk=configurable.pk))
    assert response.status_code == 200
    assert 'data-option="linen"' in html_of(response)
    assert "Shoppers still see nothing: the product is not published." in text_of(response)

    page = text_of(merch.get(url("publish", pk=configurable.pk)))
    assert "Shoppers configure version 1 from now on. It is the first version: The Atelier Lamp can be configured " \
           "from now on." in page
    assert "Changes since" not in page
    merch.post(url("publish", pk=configurable.pk), CONFIRM)
    assert configurable.current_version.number == 1
