"""The rest of the demo in data files (shop/demo/data/: feature models, workshop, help desk, orders, users).

Every file loads, a bad one is refused with the file and the place named, and the seeded store is the one the
Python literals made before the move: the figures below were read from a store seeded by that code.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from freezegun import freeze_time
from oscar.core.loading import get_model

from configurator.models import BillOfMaterialsLine, ConfigurableProduct, FeatureOption, FeatureRule, PriceRule
from configurator.production.models import NonWorkingDay, RoutingStep, WorkOrder, Workstation
from shop.demo.copy import load_demo_copy
from shop.demo.datafile import DATA_DIR, DemoCopyError
from shop.demo.feature_models import FEATURE_MODELS, load_feature_models
from shop.demo.orders import DEMO_ORDERS, load_demo_orders, seed_demo_orders
from shop.demo.production import load_workshop_setup
from shop.demo.seed import load_demo_users
from shop.demo.support import load_demo_requests, load_support_desk, seed_demo_requests
from shop.demo.support_history import HISTORY_SIZE, load_history
from support.models import (
    BusinessHours,
    Macro,
    Message,
    Queue,
    RequestEvent,
    RoutingRule,
    SatisfactionSurvey,
    ServiceLevelTarget,
    SupportClosure,
    SupportRequest,
)
from tests.shop.demo_files import spoil

LOADERS = [load_feature_models, load_workshop_setup, load_support_desk, load_demo_requests, load_history,
           load_demo_orders, load_demo_users, load_demo_copy]


def test_every_data_file_loads_and_each_made_to_order_product_has_its_feature_model():
    for load in LOADERS:
        assert load()
    made_to_order = {product.upc for product in load_demo_copy().catalogue.products}
    assert set(FEATURE_MODELS) == made_to_order == {"ATL-SNK-001", "ATL-BIK-001", "ATL-DSK-001"}
    assert {path.name for path in (DATA_DIR / "feature_models").iterdir()} == {f"{upc}.json" for upc in made_to_order}
    assert [(order.upc, order.quantity, order.stage) for order in DEMO_ORDERS][:2] == [
        ("ATL-SNK-001", 1, "shipped"), ("ATL-DSK-001", 1, "quality_check")]


@pytest.mark.parametrize("file, old, new, problem", [
    ("feature_models/ATL-SNK-001.json", '"swatch": "#F2EDE3"', '"swatch": "F2EDE3"',
     "feature_models/ATL-SNK-001.json: groups[2].choice.options[0].swatch: String should match pattern"),
    ("feature_models/ATL-SNK-001.json", '"colour_chalk"]', '"colour_chalky"]',
     "Rule 'Suede is not made in chalk white' names unknown options: colour_chalky"),
    ("feature_models/ATL-DSK-001.json", '"base_lead_time_days": 12,', '"base_lead_time_days": 12',
     "feature_models/ATL-DSK-001.json: not valid JSON"),
    ("feature_models/ATL-BIK-001.json", '"price_delta": "-60.00"', '"price_delta": -60',
     "groups[2].choice.options[0].price_delta: Input should be a valid string"),
    ("production.toml", 'workstation = "woodshop", reason', 'workstation = "wodshop", reason',
     "production.toml: closures[4]: no workstation 'wodshop'"),
    ("production.toml", 'when = "upper_suede"', 'when = "upper_suedee"',
     "routings.ATL-SNK-001[7]: when: 'upper_suedee' is no option or free-text step of ATL-SNK-001"),
    ("production.toml", '"fri", "sat"]', '"fri", "saturday"]', "workstations[5].working_days[5]: Input should be"),
    ("support.toml", '{ queue = "orders", kind = "pricing" }', '{ queue = "order", kind = "pricing" }',
     "support.toml: routing_rules[6]: no queue 'order' in queues"),
    ("support.toml", 'priority = "high" }', 'priority = "hihg" }', "routing_rules[1].priority: Input should be"),
    ("support.toml", "{{ ship_date }}", "{{ ship_day }}", "macros[0]: Value error, body: no variable ship_day"),
    ("support_requests.toml", 'reply = "I am sorry', 'note = "I am sorry',
     "support_requests.toml: requests[1]: Value error, give a reply for status waiting or resolved"),
    ("support_history.toml", '{ rating = 2, text = "I had to ask twice." },\n', "",
     "support_history.toml: comments: give a comment for rating 2"),
    ("support_history.toml", "Hello {first_name},", "Hello {name},", "replies.ask_for_more: Value error, only"),
    ("support_history.toml", 'cause = "late"', 'cause = "slow"', "kinds[4].stories[2].cause: Input should be"),
    ("orders.toml", '"sole_gum"', '"sole_gummy"', "orders.toml: orders[0]: Value error, options: ATL-SNK-001 has no "
                                                  "sole_gummy"),
    ("orders.toml", 'carrier = "bpost"', 'carrier = "pigeon"', "orders.toml: parcel.carrier: Input should be"),
    ("users.toml", 'role = "Merchandisers"', 'role = "Merchandiser"', "users.toml: users[3].role: Input should be"),
    ("help/returns.toml", "or exchange it.", "or exchange it. " + "Every word of it. " * 4,
     "returns.toml: summary: Value should have at most 250 items after validation"),
])
def test_a_bad_data_file_is_refused_with_the_file_and_the_place_named(data_dir, file, old, new, problem):
    spoil(data_dir / file, old, new)
    with pytest.raises(DemoCopyError) as refused:
        for load in LOADERS:
            load(data_dir)
    assert problem in str(refused.value)


def numbers_as_decimals(value):
    """A definition with every number written as a decimal string ("10", "10.00") read as a Decimal."""
    if isinstance(value, dict):
        return {key: numbers_as_decimals(item) for key, item in value.items()}
    if isinstance(value, list):
        return [numbers_as_decimals(item) for item in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return Decimal(value)
    return value


@pytest.mark.django_db
def test_the_seeded_feature_models_are_the_files_and_todays():
    for upc, definition in FEATURE_MODELS.items():
        published = ConfigurableProduct.objects.get(product__upc=upc).current_version.definition
        assert numbers_as_decimals(published) == numbers_as_decimals(definition), upc
    facts = {}
    for configurable in ConfigurableProduct.objects.select_related("product"):
        options = FeatureOption.objects.filter(group__configurable=configurable)
        facts[configurable.product.upc] = (
            configurable.groups.count(), options.count(), options.filter(is_default=True).count(),
            BillOfMaterialsLine.objects.filter(option__group__configurable=configurable).count(),
            FeatureRule.objects.filter(configurable=configurable).count(),
            PriceRule.objects.filter(configurable=configurable).count(),
            configurable.base_lead_time_days, len(configurable.preview_base_svg))
    assert facts == {"ATL-SNK-001": (9, 40, 7, 70, 6, 3, 10, 317), "ATL-BIK-001": (10, 31, 8, 74, 6, 2, 15, 2438),
                     "ATL-DSK-001": (9, 19, 4, 45, 4, 2, 12, 1723)}
    options = FeatureOption.objects.all()
    assert sum(option.price_delta for option in options) == Decimal("1085.00")
    assert sum(option.lead_time_days for option in options) == 24
    assert sum(len(option.layer_svg) for option in options) == 45855
    assert sum(line.quantity for line in BillOfMaterialsLine.objects.all()) == Decimal("633.660")
    size_42 = options.get(code="size_42")
    assert (size_42.is_default, size_42.group.code, size_42.label) == (True, "size", "EU 42")


@pytest.mark.django_db
def test_the_seeded_workshop_is_todays():
    assert list(Workstation.objects.values_list("code", "name", "daily_capacity_minutes", "working_weekdays")) == [
        ("cutting", "Cutting table", 480, "01234"), ("sewing", "Sewing and lasting", 960, "01234"),
        ("woodshop", "Woodshop", 480, "01234"), ("assembly", "Assembly benches", 1440, "01234"),
        ("finishing", "Finishing room", 480, "01234"), ("dispatch", "Quality check and packing", 720, "012345")]
    closures = NonWorkingDay.objects.order_by("date")
    assert closures.count() == 12 and closures.filter(workstation__isnull=True).count() == 11
    assert (closures.first().date, closures.last().date) == (date(2026, 12, 24), date(2027, 12, 24))
    assert closures.get(workstation__code="woodshop").date == date(2027, 1, 11)
    steps = RoutingStep.objects.all()
    assert {upc: steps.filter(configurable__product__upc=upc).count() for upc in FEATURE_MODELS} == {
        "ATL-SNK-001": 11, "ATL-BIK-001": 11, "ATL-DSK-001": 9}
    assert sum(step.minutes for step in steps) == 900
    assert steps.filter(is_quality_check=True).count() == 3
    assert list(steps.filter(configurable__product__upc="ATL-SNK-001").exclude(when_option="").values_list(
        "operation", "when_option", "minutes", "workstation__code")) == [
        ("cut", "toe_contrast_leather", 10, "cutting"), ("stitch", "toe_contrast_leather", 15, "sewing"),
        ("emboss", "monogram", 10, "finishing"), ("footbed", "extra_cork_footbed", 10, "sewing"),
        ("proof", "upper_suede", 30, "finishing")]
    emails = get_model("communication", "CommunicationEventType").objects
    assert emails.get(code="SHIP_DATE_CHANGED").name == "Your order's ship date has moved"


@pytest.mark.django_db
def test_the_seeded_help_desk_and_users_are_todays():
    assert list(Queue.objects.order_by("position").values_list("slug", "is_default")) == [
        ("orders", True), ("product-advice", False), ("complaints", False), ("returns", False)]
    assert list(RoutingRule.objects.values_list("queue__slug", "kind", "channel", "product__upc", "set_priority")) == [
        ("returns", "return", "", "", ""), ("complaints", "complaint", "", "", "high"),
        ("complaints", "compliment", "", "", "low"),
        ("product-advice", "product", "", "", ""), ("orders", "order", "", "", ""),
        ("orders", "scheduling", "", "", ""), ("orders", "pricing", "", "", ""),
        ("product-advice", "", "", "ATL-BIK-001", "")]
    assert dict(ServiceLevelTarget.objects.values_list("priority", "resolution_minutes")) == {
        "urgent": 480, "high": 960, "normal": 1440, "low": 2400}
    assert list(BusinessHours.objects.values_list("weekday", "opens", "closes")) == [
        (day, time(9), time(17, 30)) for day in range(5)] + [(5, time(10), time(14))]
    assert SupportClosure.objects.count() == 11
    assert list(Macro.objects.order_by("pk").values_list("name", "set_status")) == [
        ("Ship date", "resolved"), ("Ask for photos", "waiting"), ("Thank you for the compliment", "resolved")]
    assert Macro.objects.get(name="Ship date").body == (
        "Hello {{ first_name }},\n\nYour order {{ order_number }} is on schedule: we expect it to ship on "
        "{{ ship_date }}. You can follow every step on your order's page.\n\nBest wishes,\n{{ agent_first_name }}")
    users = get_user_model().objects.filter(email__endswith="@atelier.example").order_by("pk")
    assert [(u.username, u.first_name, u.last_name, u.is_staff, u.is_superuser, [g.name for g in u.groups.all()])
            for u in users] == [
        ("shopper", "Sam", "Shopper", False, False, []),
        ("support", "Sofia", "Support", True, False, ["Support agents"]),
        ("lead", "Lena", "Lead", True, False, ["Support leads"]),
        ("merch", "Milo", "Merchant", True, False, ["Merchandisers"]),
        ("production", "Pia", "Planner", True, False, ["Production planners"]),
        ("admin", "Ada", "Admin", True, True, [])]
    assert users.get(username="merch").check_password("merch-demo-pass")


@pytest.mark.django_db
def test_the_demo_orders_and_requests_are_todays():
    with freeze_time("2026-12-01 10:00:00"):
        assert seed_demo_orders() == 6
        assert seed_demo_requests() == HISTORY_SIZE + 4
    now = datetime(2026, 12, 1, 10, tzinfo=UTC)
    orders = list(get_model("order", "Order").objects.order_by("pk"))
    assert [(order.status, order.total_incl_tax) for order in orders] == [
        ("Shipped", Decimal("186.00")), ("Quality check", Decimal("1157.25")), ("In production", Decimal("341.00")),
        ("Paid", Decimal("1339.00")), ("Paid", Decimal("129.00")), ("Paid", Decimal("1598.00"))]
    address = orders[0].shipping_address
    assert (address.line1, address.line4, address.postcode, address.country_id, address.phone_number.as_e164) == (
        "Kanaalstraat 12", "Gent", "9000", "BE", "+3291234567")
    shipped = WorkOrder.objects.get(status="shipped")
    assert (shipped.carrier, shipped.tracking_number) == ("bpost", f"32329990{orders[0].number}")
    assert sorted(WorkOrder.objects.values_list("status", flat=True)) == [
        "in_production", "in_production", "quality_check", "queued", "queued", "queued", "queued", "shipped"]

    requests = SupportRequest.objects.all()
    assert sorted_counts(requests, "status") == {"closed": 47, "resolved": 2, "open": 1, "waiting": 1, "new": 1}
    assert sorted_counts(requests, "kind") == {"scheduling": 13, "compliment": 10, "product": 7, "order": 7,
                                               "complaint": 6, "pricing": 5, "other": 4}
    assert sorted_counts(requests, "channel") == {"web": 28, "email": 12, "phone": 8, "in_person": 3, "post": 1}
    assert sorted_counts(requests.exclude(cause=""), "cause") == {"late": 3, "wrong_configuration": 2}
    assert sorted_counts(requests.exclude(team=""), "team") == {"delivery": 4, "customer_service": 3, "workshop": 3}
    assert (Message.objects.count(), RequestEvent.objects.count()) == (130, 261)
    assert sorted_counts(SatisfactionSurvey.objects.exclude(rating=None), "rating") == {5: 15, 4: 4, 3: 4, 2: 2, 1: 1}
    assert requests.filter(reopen_count__gt=0).count() == 3
    assert requests.filter(first_response_breached=True).count() == 5
    assert requests.order_by("created_at").first().created_at == datetime(2026, 10, 2, 11, 56, tzinfo=UTC)
    demo = requests.filter(created_at=now).order_by("pk")
    assert [(r.subject, r.status, r.priority, r.queue.slug, r.team, r.assignee_id is not None,
             orders.index(r.order) + 1 if r.order else None) for r in demo] == [
        ("When will my desk ship?", "open", "normal", "orders", "", True, 2),
        ("Scuffed toe on my sneakers", "waiting", "high", "complaints", "", True, 1),
        ("Wonderful sneakers", "resolved", "low", "complaints", "workshop", True, 1),
        ("Which frame size for 1.78 m?", "new", "normal", "product-advice", "", False, None)]
    assert demo[1].messages.order_by("pk").last().body == (
        "I am sorry to hear that. Could you send us a photo of the scuff?")


def sorted_counts(queryset, field):
    counts = {}
    for value in queryset.values_list(field, flat=True):
        counts[value] = counts.get(value, 0) + 1
    return counts
