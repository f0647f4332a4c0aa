"""The demo's two months of help-desk history: made by the desk's own services at the moments they happened, so
the support lead's reports show real figures on `make run`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from configurator.models import ConfigurableProduct
from shop.demo.support import seed_demo_requests
from shop.demo.support_history import DAYS_BACK, HISTORY_SIZE, seed_request_history
from support import reports
from support.models import Channel, Message, RequestEvent, SatisfactionSurvey, Status, SupportRequest
from tests.orders import SNEAKER, paid_order


@pytest.fixture
def history(demo_user):
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    paid_order(version, SNEAKER, user=demo_user("shopper"))
    now = timezone.now()
    made = seed_request_history(shopper=demo_user("shopper"), agent=demo_user("support"), now=now)
    return made, now


def test_the_history_is_finished_work_spread_over_two_months(history):
    made, now = history
    assert made == SupportRequest.objects.count() == HISTORY_SIZE
    created = sorted(SupportRequest.objects.values_list("created_at", flat=True))
    assert now - timedelta(days=DAYS_BACK + 1) < created[0] and created[-1] < now - timedelta(days=2)
    assert created[-1] - created[0] > timedelta(days=30)
    assert set(SupportRequest.objects.values_list("status", flat=True)) <= {Status.RESOLVED, Status.CLOSED}
    assert SupportRequest.objects.filter(status=Status.CLOSED).exists()
    assert not SupportRequest.objects.filter(first_responded_at__isnull=True).exists()
    assert not SupportRequest.objects.filter(resolved_at__gte=now).exists()
    day_before = now - timedelta(days=1)  # every story ended before the demo began, none in the future
    assert not Message.objects.filter(created_at__gte=day_before).exists()
    assert not SatisfactionSurvey.objects.filter(answered_at__gte=day_before).exists()
    assert not RequestEvent.objects.filter(created_at__gte=day_before).exclude(new_value="Closed").exists()
    assert len(set(SupportRequest.objects.values_list("kind", flat=True))) >= 5
    assert len(set(SupportRequest.objects.values_list("channel", flat=True))) >= 3
    logged = SupportRequest.objects.filter(channel=Channel.PHONE).first()
    assert logged is not None and logged.logged_by.email == "support@atelier.example"


def test_the_history_gives_the_reports_figures(history):
    _, now = history
    start, end = now - timedelta(days=DAYS_BACK + 1), now
    times = reports.response_times_report(start, end).rows[0]
    assert times[0] == "All priorities" and times[1] is not None and times[3] == HISTORY_SIZE
    attainment = reports.service_level_report(start, end).rows[0]
    assert attainment[1] is not None and 50 <= attainment[1] <= 100
    csat = reports.satisfaction_report(start, end).rows[0]
    assert csat[2] >= 10 and 50 <= csat[1] < 100  # some low ratings among many good ones
    complaints = reports.complaints_report(start, end).rows
    assert complaints and all(row[2] != "Not yet categorised" for row in complaints)
    assert reports.compliments_report(start, end).rows


def test_a_low_rating_in_the_history_reopened_its_request_and_was_followed_up(history):
    low = SatisfactionSurvey.objects.filter(rating__lte=2).select_related("request").first()
    assert low is not None
    reopened = RequestEvent.objects.filter(request=low.request, field="status", actor_name="Satisfaction survey")
    assert reopened.exists()
    assert low.request.status in (Status.RESOLVED, Status.CLOSED) and low.request.reopen_count == 1


def test_seeding_twice_adds_nothing(history):
    assert seed_demo_requests() == 0
    assert SupportRequest.objects.count() == HISTORY_SIZE
