"""Priority handling, the Gold perk: a Gold customer's request opens at high priority, with its shorter targets, and
its log says why; Silver's and a guest's keep the normal priority; a routing rule's higher priority stays.

Due dates are worked out by hand from the demo desk's hours (Monday to Friday 09:00–17:30, Europe/Brussels) and
targets (high: first reply 240, resolved 960 business minutes; normal: 480 and 1440).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from freezegun import freeze_time

from support.inbound import NEW, ingest_email
from support.models import Channel, Kind, Priority, Queue, RoutingRule
from support.services import open_request
from tests.support.test_inbound import AUTHSERV_ID, eml

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
TUESDAY_10 = datetime(2026, 12, 1, 10, 0, tzinfo=BRUSSELS)


def local(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=BRUSSELS)


def request_from(customer, *, email=None, **fields):
    with freeze_time(TUESDAY_10, tick=False):
        return open_request(kind=fields.pop("kind", Kind.ORDER_QUESTION), subject="Where are my boots?",
                            body="Hello, when do they ship?", email=email or customer.email, customer=customer,
                            name=f"{customer.first_name} {customer.last_name}" if customer else "", **fields)


def priority_log(request):
    return list(request.events.filter(field="priority").values_list("actor_name", "old_value", "new_value"))


def test_a_gold_customers_request_opens_at_high_priority_with_its_shorter_targets(customer_of_tier):
    request = request_from(customer_of_tier("Gold"))

    request.refresh_from_db()
    assert request.priority == Priority.HIGH
    assert request.first_response_due_at == local(1, 14)  # 240 minutes after Tuesday 10:00
    assert request.resolution_due_at == local(2, 17, 30)  # 450 on Tuesday + 510 on Wednesday
    assert priority_log(request) == [("Gold customer: high priority", "Normal", "High")]


def test_a_silver_customers_request_keeps_the_normal_priority_and_targets(customer_of_tier):
    request = request_from(customer_of_tier("Silver"))

    request.refresh_from_db()
    assert request.priority == Priority.NORMAL
    assert request.first_response_due_at == local(2, 9, 30)  # 450 on Tuesday + 30 on Wednesday
    assert request.resolution_due_at == local(3, 17)  # 450 + 510 + 480
    assert priority_log(request) == []


def test_a_guest_writing_from_a_gold_customers_address_gets_no_priority(customer_of_tier):
    gold = customer_of_tier("Gold")
    request = request_from(None, email=gold.email)  # not signed in: nothing says it is them

    assert (request.customer, request.priority) == (None, Priority.NORMAL)


@pytest.mark.parametrize("rule_priority, expected", [
    (Priority.URGENT, Priority.URGENT),  # a rule's higher priority wins: the perk never lowers one
    (Priority.LOW, Priority.HIGH),  # a rule's lower one is raised
])
def test_a_routing_rules_priority_is_raised_never_lowered(customer_of_tier, rule_priority, expected):
    queue = Queue.objects.filter(is_default=True).first()
    RoutingRule.objects.create(queue=queue, position=0, kind=Kind.COMPLAINT, set_priority=rule_priority)

    request = request_from(customer_of_tier("Gold"), kind=Kind.COMPLAINT)

    assert request.priority == expected
    expected_log = [] if expected == rule_priority else [("Gold customer: high priority", "Low", "High")]
    assert priority_log(request) == expected_log


@pytest.mark.parametrize("chosen, expected", [(Priority.NORMAL, Priority.HIGH), (Priority.URGENT, Priority.URGENT)])
def test_a_call_an_agent_logs_for_a_gold_customer_is_at_least_high(customer_of_tier, demo_user, chosen, expected):
    request = request_from(customer_of_tier("Gold"), channel=Channel.PHONE, logged_by=demo_user("support"),
                           priority=chosen)  # the form's priority starts at normal

    assert request.priority == expected


def test_the_agent_sees_why_on_the_request_screen(customer_of_tier, client_as):
    request = request_from(customer_of_tier("Gold"))

    page = client_as("support").get(reverse("dashboard:support-request", kwargs={"reference": request.reference}))

    assert page.status_code == 200
    text = page.content.decode()
    assert "High priority" in text and "Gold customer: high priority" in text


@pytest.fixture
def inbound_desk(settings):
    settings.SUPPORT_INBOUND_AUTHSERV_ID = AUTHSERV_ID
    settings.SUPPORT_EMAIL_ADDRESS = "support@atelier.example"


@pytest.mark.parametrize("vouched, priority", [(True, Priority.HIGH), (False, Priority.NORMAL)])
def test_an_email_from_a_gold_customers_address_opens_at_high_priority_once_the_sender_is_vouched_for(
        customer_of_tier, inbound_desk, vouched, priority):
    gold = customer_of_tier("Gold")

    result = ingest_email(eml("order_question.eml", vouch=vouched, SENDER=gold.email, ORDER_NUMBER="none",
                              MESSAGE_ID=f"gold-{vouched}"))

    assert result.outcome == NEW and result.request.channel == Channel.EMAIL
    # matched to the account only when our relay vouches for the sender; a forger gets no priority
    assert (result.request.customer, result.request.priority) == (gold if vouched else None, priority)
