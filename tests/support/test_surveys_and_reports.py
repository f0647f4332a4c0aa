"""Satisfaction surveys (sent on resolve, cancelled on reopen, answered once, low ratings followed up), the CSAT
arithmetic, and the support lead's reports: the figures, the page, the CSV downloads and who may see them."""

import csv
import html
import io
import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from oscar.core.loading import get_model

from support import links, reports, services
from support.models import Channel, Kind, Priority, Queue, RequestEvent, SatisfactionSurvey, Status, SupportRequest
from support.services import answer_survey
from support.surveys import SatisfactionFigures, percent, satisfaction_figures
from tests.orders import paid_order

pytestmark = pytest.mark.django_db
ConfigurableProduct = get_model("configurator", "ConfigurableProduct")

LONDON = ZoneInfo("Europe/London")  # settings.TIME_ZONE: the report periods are local days
MARCH = {"start": "2024-03-01", "end": "2024-03-31"}
MARCH_START, MARCH_END = datetime(2024, 3, 1, tzinfo=LONDON), datetime(2024, 4, 1, tzinfo=LONDON)
REPORTS_URL = "/shop/dashboard/support/reports/"
INBOX_URL = "/shop/dashboard/support/"


def march(day, hour=12, minute=0):
    return datetime(2024, 3, day, hour, minute, tzinfo=LONDON)


def survey_url(survey):
    return f"/shop/support/survey/{survey.token}/"


def resolve(request, agent, captured, **kwargs):
    """An agent's reply that resolves the request, with the e-mails that go out after commit."""
    with captured(execute=True):
        services.add_staff_reply(request, agent=agent, body="Your order ships on Friday.", status=Status.RESOLVED,
                                 **kwargs)
    request.refresh_from_db()
    return request


def survey_emails(mailoutbox, survey):
    return [m for m in mailoutbox if links.survey_url(survey) in m.body]


# --- Sent on resolve ------------------------------------------------------------------------------------------


def test_resolving_with_a_reply_sends_one_survey_by_email_greeting_the_customer(
        new_request, agent, shopper, mailoutbox, django_capture_on_commit_callbacks):
    request = new_request()
    mailoutbox.clear()

    request = resolve(request, agent, django_capture_on_commit_callbacks)

    assert request.status == Status.RESOLVED and request.resolved_at is not None
    survey = request.surveys.get()
    assert survey.is_open and survey.agent == agent and survey.rating is None
    emails = survey_emails(mailoutbox, survey)
    assert len(emails) == 1, [m.subject for m in mailoutbox]
    email = emails[0]
    assert email.to == [shopper.email]
    assert email.subject.startswith(f"[{request.reference}] Resolved: Where is my order?")
    assert email.body.startswith(f"Hello {shopper.first_name},")
    assert links.survey_url(survey).endswith(survey_url(survey))
    html_body = email.alternatives[0][0]
    assert f'href="{links.survey_url(survey)}"' in html_body and f"Hello {shopper.first_name}," in html_body
    # the reply itself went out too, without a survey link
    assert len(mailoutbox) == 2


def test_resolving_through_the_properties_sends_the_survey_too(
        new_request, agent, mailoutbox, django_capture_on_commit_callbacks):
    request = new_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_request(request, actor=agent, status=Status.RESOLVED)

    survey = SatisfactionSurvey.objects.get(request=request)
    assert survey.is_open
    assert len(mailoutbox) == 1
    assert links.survey_url(survey) in mailoutbox[0].body and "Hello Sam," in mailoutbox[0].body


def test_a_guest_is_greeted_by_the_name_they_gave(new_request, agent, mailoutbox, django_capture_on_commit_callbacks):
    request = services.open_request(kind=Kind.ORDER_QUESTION, subject="Delivery", body="When will it come?",
                                    email="marie@example.net", name="Marie Dubois")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_request(request, actor=agent, status=Status.RESOLVED)

    survey = request.surveys.get()
    (email,) = survey_emails(mailoutbox, survey)
    assert email.to == ["marie@example.net"] and email.body.startswith("Hello Marie,")


def test_the_survey_page_asks_records_one_answer_and_thanks(new_request, agent, client,
                                                            django_capture_on_commit_callbacks):
    request = resolve(new_request(), agent, django_capture_on_commit_callbacks)
    survey = request.surveys.get()

    page = client.get(survey_url(survey))
    assert page.status_code == 200
    assert "How satisfied are you with how we handled your request?" in page.text
    assert "Was your problem solved?" in page.text
    assert f"Hello Sam, this is about your request {request.reference}" in page.text
    assert "data-survey-thanks" not in page.text

    answered = client.post(survey_url(survey), {"rating": "5", "solved": "yes", "agent_helpful": "yes",
                                                "comment": "  Quick and kind.  "})
    assert answered.status_code == 302 and answered["Location"] == survey_url(survey)
    survey.refresh_from_db()
    assert (survey.rating, survey.solved, survey.agent_helpful, survey.comment) == (5, True, True, "Quick and kind.")
    assert survey.answered_at is not None and not survey.is_open
    thanks = client.get(survey_url(survey))
    assert "data-survey-thanks" in thanks.text and "Thank you for your answer (5 out of 5)." in thanks.text
    assert 'name="rating"' not in thanks.text
    assert RequestEvent.objects.filter(request=request, field="satisfaction", new_value="5/5").count() == 1
    request.refresh_from_db()
    assert request.status == Status.RESOLVED

    answered_at = survey.answered_at
    again = client.post(survey_url(survey), {"rating": "1", "solved": "no", "comment": "Changed my mind"})
    assert again.status_code == 200 and "Thank you for your answer (5 out of 5)." in again.text
    survey.refresh_from_db()
    assert (survey.rating, survey.solved, survey.comment, survey.answered_at) == (5, True, "Quick and kind.",
                                                                                  answered_at)
    request.refresh_from_db()
    assert request.status == Status.RESOLVED  # the refused "1" reopened nothing
    assert RequestEvent.objects.filter(request=request, field="satisfaction").count() == 1
    with pytest.raises(ValidationError, match="already been answered"):
        answer_survey(survey, rating=2, solved=False)


def test_an_incomplete_or_out_of_range_answer_is_not_recorded(new_request, agent, client,
                                                             django_capture_on_commit_callbacks):
    survey = resolve(new_request(), agent, django_capture_on_commit_callbacks).surveys.get()

    for data in ({"rating": "9", "solved": "yes"}, {"rating": "4"}, {"solved": "yes"}):
        page = client.post(survey_url(survey), data)
        assert page.status_code == 200 and "invalid-feedback" in page.text
    survey.refresh_from_db()
    assert survey.is_open and survey.rating is None
    with pytest.raises(ValidationError, match="from 1 to 5"):
        answer_survey(survey, rating=0, solved=True)
    survey.refresh_from_db()
    assert survey.is_open


def test_a_rating_in_the_link_is_preselected(new_request, agent, client, django_capture_on_commit_callbacks):
    survey = resolve(new_request(), agent, django_capture_on_commit_callbacks).surveys.get()

    page = client.get(survey_url(survey) + "?rating=4")
    assert re.search(r'<input type="radio" name="rating" value="4"[^>]*checked', page.text)


def test_a_bogus_survey_token_is_a_404(client, new_request, agent, django_capture_on_commit_callbacks):
    survey = resolve(new_request(), agent, django_capture_on_commit_callbacks).surveys.get()

    assert client.get("/shop/support/survey/not-a-real-token/").status_code == 404
    assert client.post("/shop/support/survey/not-a-real-token/", {"rating": "5", "solved": "yes"}).status_code == 404
    assert client.get(survey_url(survey)[:-2] + "/").status_code == 404  # one character short


# --- Cancelled on reopen ---------------------------------------------------------------------------------------


def test_a_customer_reply_after_resolution_reopens_and_cancels_the_survey_then_a_new_one_follows(
        new_request, agent, client_as, mailoutbox, django_capture_on_commit_callbacks):
    request = resolve(new_request(), agent, django_capture_on_commit_callbacks)
    first = request.surveys.get()

    shopper_client = client_as("shopper")
    reply = shopper_client.post(f"/shop/accounts/support/{request.code}/", {"message": "It has not arrived yet."})
    assert reply.status_code == 302

    request.refresh_from_db()
    first.refresh_from_db()
    assert request.status == Status.OPEN and request.reopen_count == 1 and request.resolved_at is None
    assert first.cancelled_at is not None and first.answered_at is None and not first.is_open
    page = shopper_client.get(survey_url(first))
    assert page.status_code == 200 and "data-survey-cancelled" in page.text
    assert "This survey is closed because your request was reopened." in page.text
    assert 'name="rating"' not in page.text
    refused = shopper_client.post(survey_url(first), {"rating": "5", "solved": "yes"})
    assert refused.status_code == 200 and "data-survey-cancelled" in refused.text
    first.refresh_from_db()
    assert first.rating is None and first.answered_at is None
    with pytest.raises(ValidationError):
        answer_survey(first, rating=5, solved=True)

    mailoutbox.clear()
    request = resolve(request, agent, django_capture_on_commit_callbacks)
    assert request.surveys.count() == 2
    second = request.surveys.get(cancelled_at__isnull=True)
    assert second.is_open and second.token != first.token
    assert len(survey_emails(mailoutbox, second)) == 1 and not survey_emails(mailoutbox, first)
    assert client_as(None).get(survey_url(second)).status_code == 200


def test_a_survey_cancelled_before_its_email_went_out_is_not_sent(new_request, agent, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    request = new_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_request(request, actor=agent, status=Status.RESOLVED)
        services.add_customer_reply(request, body="Wait, one more thing.", author=request.customer)

    survey = request.surveys.get()
    assert survey.cancelled_at is not None
    assert not survey_emails(mailoutbox, survey)


# --- Low ratings ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("priority, raised_to", [(Priority.LOW, Priority.HIGH), (Priority.NORMAL, Priority.HIGH),
                                                 (Priority.HIGH, Priority.HIGH), (Priority.URGENT, Priority.URGENT)])
@pytest.mark.parametrize("rating", [1, 2])
def test_a_low_rating_reopens_the_request_at_high_priority(new_request, agent, rating, priority, raised_to):
    request = new_request(priority=priority)
    assert request.priority == priority
    services.change_request(request, actor=agent, assignee=agent, status=Status.RESOLVED)
    survey = request.surveys.get()

    answer_survey(survey, rating=rating, solved=False, comment="The date changed twice.")

    request.refresh_from_db()
    assert request.status == Status.OPEN and request.priority == raised_to
    assert request.reopen_count == 1 and request.resolved_at is None
    assert request.clock_started_at is not None and request.resolution_due_at is not None
    reopened = RequestEvent.objects.get(request=request, field="status", old_value="Resolved")
    assert (reopened.new_value, reopened.actor_name) == ("Open", "Satisfaction survey")
    rated = RequestEvent.objects.get(request=request, field="satisfaction")
    assert rated.new_value == f"{rating}/5 · not solved"
    survey.refresh_from_db()
    assert survey.rating == rating and survey.cancelled_at is None  # its own answer stands
    assert not SupportRequest.objects.filter(subject__startswith=f"Follow-up to {request.reference}").exists()


def test_the_priority_a_low_rating_raises_is_in_the_change_log(new_request, agent):
    request = new_request(priority=Priority.NORMAL)
    services.change_request(request, actor=agent, status=Status.RESOLVED)

    answer_survey(request.surveys.get(), rating=1, solved=False)

    assert RequestEvent.objects.filter(request=request, field="priority", old_value="Normal",
                                       new_value="High").exists()


@pytest.mark.parametrize("rating", [3, 4, 5])
def test_a_rating_of_three_or_more_leaves_the_request_resolved(new_request, agent, rating):
    request = new_request(priority=Priority.LOW)
    services.change_request(request, actor=agent, status=Status.RESOLVED)
    requests_before = SupportRequest.objects.count()

    answer_survey(request.surveys.get(), rating=rating, solved=rating > 3)

    request.refresh_from_db()
    assert (request.status, request.priority, request.reopen_count) == (Status.RESOLVED, Priority.LOW, 0)
    assert not RequestEvent.objects.filter(request=request, field="status", new_value="Open").exists()
    assert SupportRequest.objects.count() == requests_before


def test_a_closed_request_rated_one_gets_a_follow_up_request(new_request, agent, shopper, client):
    request = new_request()
    services.change_request(request, actor=agent, status=Status.RESOLVED)
    services.change_request(request, actor=agent, status=Status.CLOSED)
    survey = request.surveys.get()
    assert survey.is_open  # closing does not take the question back

    answered = client.post(survey_url(survey), {"rating": "1", "solved": "no", "comment": "Still no parcel."})
    assert answered.status_code == 302

    request.refresh_from_db()
    assert request.status == Status.CLOSED and request.reopen_count == 0
    follow_up = SupportRequest.objects.get(subject=f"Follow-up to {request.reference}: rated 1/5")
    assert follow_up.pk != request.pk
    assert (follow_up.status, follow_up.priority, follow_up.customer, follow_up.email) == (
        Status.NEW, Priority.HIGH, shopper, shopper.email)
    assert follow_up.messages.get().body == "Still no parcel."
    assert follow_up.queue.slug == "orders"


def test_a_closed_request_rated_three_gets_no_follow_up(new_request, agent):
    request = new_request()
    services.change_request(request, actor=agent, status=Status.RESOLVED)
    services.change_request(request, actor=agent, status=Status.CLOSED)
    before = SupportRequest.objects.count()

    answer_survey(request.surveys.get(), rating=3, solved=True)

    assert SupportRequest.objects.count() == before


def test_the_follow_up_of_a_closed_compliment_rated_one_is_high_priority(new_request, agent):
    request = new_request(kind=Kind.COMPLIMENT, subject="Lovely shoes", team="workshop")
    assert request.priority == Priority.LOW  # the seeded compliment rule
    services.change_request(request, actor=agent, status=Status.RESOLVED)
    services.change_request(request, actor=agent, status=Status.CLOSED)

    answer_survey(request.surveys.get(), rating=1, solved=False, comment="Nobody answered my question.")

    follow_up = SupportRequest.objects.get(subject__startswith=f"Follow-up to {request.reference}")
    assert follow_up.priority == Priority.HIGH


# --- CSAT arithmetic ------------------------------------------------------------------------------------------


def plain_request(**fields):
    values = {"kind": Kind.ORDER_QUESTION, "channel": Channel.WEB, "subject": "A question", "email": "c@example.net",
              "queue": Queue.objects.get(slug="orders")}
    values.update(fields)
    return SupportRequest.objects.create(**values)


def add_surveys(request, *, answered=(), unanswered=0, cancelled=0, sent_at=None):
    """answered: (rating, solved) pairs."""
    sent_at = sent_at or march(10)
    for rating, solved in answered:
        SatisfactionSurvey.objects.create(request=request, sent_at=sent_at, answered_at=sent_at + timedelta(hours=1),
                                          rating=rating, solved=solved)
    for _ in range(unanswered):
        SatisfactionSurvey.objects.create(request=request, sent_at=sent_at)
    for _ in range(cancelled):
        SatisfactionSurvey.objects.create(request=request, sent_at=sent_at, cancelled_at=sent_at + timedelta(hours=2))


def test_csat_counts_four_and_five_among_answers_and_cancelled_surveys_count_nowhere():
    add_surveys(plain_request(), answered=[(5, True), (4, True), (3, True), (2, False), (1, False)], unanswered=3,
                cancelled=2)

    figures = satisfaction_figures(SatisfactionSurvey.objects.all())

    assert (figures.sent, figures.answered, figures.satisfied, figures.solved) == (8, 5, 2, 3)
    assert figures.csat == Decimal("40.0")
    assert figures.response_rate == Decimal("62.5")
    assert figures.solved_rate == Decimal("60.0")
    # a cancelled survey rated anyway (it cannot be, but data is data) still counts nowhere
    SatisfactionSurvey.objects.filter(cancelled_at__isnull=False).update(rating=5, solved=True,
                                                                         answered_at=march(11))
    assert satisfaction_figures(SatisfactionSurvey.objects.all()) == figures


def test_percentages_round_half_up_to_one_decimal():
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 3) == Decimal("33.3")
    assert percent(1, 16) == Decimal("6.3")  # 6.25: half up, not to even
    assert percent(1, 8) == Decimal("12.5")
    assert percent(0, 7) == Decimal("0.0")
    assert percent(7, 7) == Decimal("100.0")
    assert percent(3, 0) is None and percent(0, 0) is None
    figures = SatisfactionFigures(sent=3, answered=3, satisfied=2, solved=1)
    assert (figures.csat, figures.response_rate, figures.solved_rate) == (Decimal("66.7"), Decimal("100.0"),
                                                                         Decimal("33.3"))


def test_without_answers_csat_and_solved_rate_are_none():
    add_surveys(plain_request(), unanswered=2, cancelled=1)

    figures = satisfaction_figures(SatisfactionSurvey.objects.all())

    assert (figures.sent, figures.answered) == (2, 0)
    assert figures.csat is None and figures.solved_rate is None and figures.response_rate == Decimal("0.0")
    assert satisfaction_figures(SatisfactionSurvey.objects.none()).response_rate is None


def test_the_satisfaction_report_is_per_queue_over_surveys_sent_in_the_period():
    orders, complaints = Queue.objects.get(slug="orders"), Queue.objects.get(slug="complaints")
    add_surveys(plain_request(queue=orders), answered=[(5, True), (4, True), (1, False)], unanswered=1)
    add_surveys(plain_request(queue=complaints, kind=Kind.COMPLAINT), answered=[(2, False), (4, True)], cancelled=3)
    add_surveys(plain_request(queue=None), answered=[(5, True)])
    add_surveys(plain_request(queue=orders), answered=[(1, False)] * 4, sent_at=MARCH_START - timedelta(seconds=1))
    add_surveys(plain_request(queue=orders), answered=[(1, False)], sent_at=MARCH_END)

    report = reports.satisfaction_report(MARCH_START, MARCH_END)

    assert report.rows == [
        # queue, CSAT, ratings, sent, response rate, solved
        ["All queues", Decimal("66.7"), 6, 7, Decimal("85.7"), Decimal("66.7")],
        ["Complaints and feedback", Decimal("50.0"), 2, 2, Decimal("100.0"), Decimal("50.0")],
        ["Orders", Decimal("66.7"), 3, 4, Decimal("75.0"), Decimal("66.7")],
    ]


# --- Reports --------------------------------------------------------------------------------------------------


def queue(slug):
    return Queue.objects.get(slug=slug)


@pytest.fixture
def volume():
    """Requests in March 2024 (the period) and just around it."""
    inside = [
        (Kind.ORDER_QUESTION, Channel.WEB, "orders", march(1, 0, 0)),  # the first instant of the period
        (Kind.ORDER_QUESTION, Channel.WEB, "orders", march(15)),
        (Kind.ORDER_QUESTION, Channel.PHONE, "orders", march(31, 23, 59)),  # the last minute (BST by then)
        (Kind.COMPLAINT, Channel.EMAIL, "complaints", march(5)),
        (Kind.COMPLAINT, Channel.EMAIL, "complaints", march(6)),
        (Kind.COMPLIMENT, Channel.PHONE, "complaints", march(7)),
        (Kind.PRODUCT_QUESTION, Channel.WEB, "product-advice", march(8)),
        (Kind.OTHER, Channel.POST, None, march(9)),
    ]
    outside = [
        (Kind.ORDER_QUESTION, Channel.WEB, "orders", march(1, 0, 0) - timedelta(seconds=1)),
        (Kind.ORDER_QUESTION, Channel.EMAIL, "product-advice", datetime(2024, 2, 20, tzinfo=LONDON)),
        (Kind.COMPLAINT, Channel.PHONE, "complaints", MARCH_END),
        (Kind.COMPLIMENT, Channel.IN_PERSON, None, datetime(2024, 4, 12, tzinfo=LONDON)),
    ]
    for kind, channel, slug, created in inside + outside:
        plain_request(kind=kind, channel=channel, queue=queue(slug) if slug else None, created_at=created)
    return inside


def test_volume_reports_count_only_the_period(volume):
    by_kind = reports.volume_report(MARCH_START, MARCH_END, by="kind")
    by_channel = reports.volume_report(MARCH_START, MARCH_END, by="channel")
    by_queue = reports.volume_report(MARCH_START, MARCH_END, by="queue")

    assert by_kind.header == ["Kind", "Requests"]
    assert by_kind.rows == [["Question about an order", 3], ["Complaint", 2], ["Compliment", 1],
                            ["Something else", 1], ["Question about a product", 1]]
    assert by_channel.rows == [["Web", 3], ["E-mail", 2], ["Phone", 2], ["Post", 1]]
    assert by_queue.rows[:2] == [["Complaints and feedback", 3], ["Orders", 3]]
    assert sorted(by_queue.rows[2:]) == [["No queue", 1], ["Product advice", 1]]  # how NULL sorts is the database's
    assert sum(count for _, count in by_kind.rows) == len(volume) == 8
    assert by_kind.chart[0] == ("Question about an order", 3, 100.0)
    assert by_kind.chart[1] == ("Complaint", 2, 66.7)


def test_nearest_rank_percentile():
    assert reports.percentile([], 0.5) is None
    assert reports.percentile([7], 0.9) == 7
    assert reports.percentile([4, 1, 3, 2], 0.5) == 2  # not the interpolated 2.5
    assert reports.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert reports.percentile(list(range(1, 12)), 0.9) == 10  # ceil(9.9) = 10th
    assert reports.hours(45) == Decimal("0.8") and reports.hours(None) is None


@pytest.fixture
def handled():
    """Ten requests first answered in March with known business minutes (six normal, four high), four of the
    normal ones resolved in March; plus some outside the period or without figures."""
    first = [6, 12, 30, 48, 66, 90, 120, 240, 480, 960]  # shuffled below: the report must sort
    priorities = [Priority.NORMAL] * 6 + [Priority.HIGH] * 4
    first_breached = [False, False, False, False, False, True, False, True, True, True]
    made = []
    for index in (3, 9, 0, 5, 7, 1, 8, 2, 6, 4):
        request = plain_request(priority=priorities[index], subject=f"Answered {index}")
        SupportRequest.objects.filter(pk=request.pk).update(
            first_responded_at=march(10 + index), first_response_minutes=first[index],
            first_response_breached=first_breached[index])
        made.append((index, request))
    resolved = {0: 100, 1: 400, 2: 200, 3: 300}  # index → resolution minutes
    for index, request in made:
        if index in resolved:
            SupportRequest.objects.filter(pk=request.pk).update(
                resolved_at=march(25), resolution_minutes=resolved[index], resolution_breached=index == 1,
                status=Status.RESOLVED)
    # outside the period, or answered without a figure: counted nowhere
    SupportRequest.objects.filter(pk=plain_request(priority=Priority.URGENT).pk).update(
        first_responded_at=datetime(2024, 2, 28, tzinfo=LONDON), first_response_minutes=9999,
        resolved_at=MARCH_END, resolution_minutes=9999, first_response_breached=True, resolution_breached=True)
    SupportRequest.objects.filter(pk=plain_request(priority=Priority.LOW).pk).update(
        first_responded_at=datetime(2024, 4, 2, tzinfo=LONDON), first_response_minutes=1)
    SupportRequest.objects.filter(pk=plain_request(priority=Priority.NORMAL).pk).update(first_responded_at=march(20),
                                                                    first_response_minutes=None)
    return made


def test_response_times_are_nearest_rank_median_and_p90_in_business_hours(handled):
    report = reports.response_times_report(MARCH_START, MARCH_END)

    h = Decimal
    assert report.rows == [
        # priority, first response median, p90, answered, resolution median, p90, resolved
        # all: 5th of ten = 66 min, 9th = 480 min; resolutions 100/200/300/400: 2nd = 200, 4th = 400
        ["All priorities", h("1.1"), h("8.0"), 10, h("3.3"), h("6.7"), 4],
        # high: 120/240/480/960 → 2nd and 4th
        ["High", h("4.0"), h("16.0"), 4, None, None, 0],
        # normal: 6/12/30/48/66/90 → 3rd and 6th
        ["Normal", h("0.5"), h("1.5"), 6, h("3.3"), h("6.7"), 4],
    ]


def test_service_level_attainment_per_priority(handled):
    report = reports.service_level_report(MARCH_START, MARCH_END)

    assert report.rows == [
        # priority, first response on time %, answered (with or without minutes), resolved on time %, resolved
        # 10 answered (4 late) + 1 answered without minutes (on time): 7 of 11; 3 of 4 resolved on time
        ["All priorities", Decimal("63.6"), 11, Decimal("75.0"), 4],
        ["High", Decimal("25.0"), 4, None, 0],
        ["Normal", Decimal("85.7"), 7, Decimal("75.0"), 4],
    ]


@pytest.fixture
def complaints(shopper):
    """Complaints in March by cause: two about the sneaker (one through its order only), one about the desk, one
    without a product, one not yet categorised; plus a complaint outside the period and a question with a cause."""
    sneaker_version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    sneaker_order = paid_order(sneaker_version, user=shopper)
    sneaker_line = sneaker_order.lines.get()
    desk_version = ConfigurableProduct.objects.get(product__upc="ATL-DSK-001").current_version
    desk_order = paid_order(desk_version, ["top_oak", "frame_black", "motor_dual", "height_standard"], user=shopper,
                            measurements={"width": Decimal("140"), "depth": Decimal("70")})
    desk_line = desk_order.lines.get()
    desk = desk_line.product
    complaint = {"kind": Kind.COMPLAINT, "queue": queue("complaints")}
    plain_request(**complaint, cause="quality", order=sneaker_order, line=sneaker_line, created_at=march(3))
    plain_request(**complaint, cause="quality", order=sneaker_order, created_at=march(4))
    plain_request(**complaint, cause="late", order=desk_order, line=desk_line, created_at=march(5))
    plain_request(**complaint, cause="quality", created_at=march(6))
    plain_request(**complaint, cause="", created_at=march(7))
    plain_request(**complaint, cause="late", line=desk_line, order=desk_order, created_at=MARCH_END)
    plain_request(kind=Kind.ORDER_QUESTION, cause="late", line=desk_line, order=desk_order, created_at=march(8))
    return sneaker_line.product.title, desk.title


def test_complaints_are_grouped_by_cause_and_product(complaints):
    sneaker, desk = complaints

    report = reports.complaints_report(MARCH_START, MARCH_END)

    assert report.header == ["Cause · product", "Complaints", "Cause", "Product"]
    rows = sorted(report.rows, key=lambda row: (-row[1], row[0]))
    assert rows == sorted([
        [f"Quality or defect · {sneaker}", 2, "Quality or defect", sneaker],
        [f"Late or slipping delivery · {desk}", 1, "Late or slipping delivery", desk],
        ["Quality or defect · No product", 1, "Quality or defect", "No product"],
        ["Not yet categorised · No product", 1, "Not yet categorised", "No product"],
    ], key=lambda row: (-row[1], row[0]))
    assert report.rows[0][1] == 2  # the most frequent first
    assert sum(row[1] for row in report.rows) == 5


def test_compliments_are_counted_by_team():
    compliment = {"kind": Kind.COMPLIMENT, "queue": queue("complaints")}
    for team, created in [("workshop", march(2)), ("workshop", march(3)), ("delivery", march(4)), ("", march(5)),
                          ("workshop", MARCH_END), ("website", datetime(2024, 2, 29, tzinfo=LONDON))]:
        plain_request(**compliment, team=team, created_at=created)
    plain_request(kind=Kind.COMPLAINT, team="delivery", created_at=march(6))

    report = reports.compliments_report(MARCH_START, MARCH_END)

    assert report.rows == [["Workshop", 2], ["No team named", 1], ["Delivery", 1]]


# --- The reports page and its CSV ------------------------------------------------------------------------------


def section(page, slug):
    match = re.search(rf'<section[^>]*data-report="{slug}">(.*?)</section>', page, re.S)
    assert match, f"no section {slug}"
    return match.group(1)


def table_rows(fragment):
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, re.S)
    if body is None:
        return []
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_reports_page_shows_every_report_of_the_period(client_as, volume, handled):
    add_surveys(plain_request(), answered=[(5, True), (4, True), (3, True), (2, False), (1, False)], unanswered=3,
                cancelled=2)
    client = client_as("support")

    page = client.get(REPORTS_URL, MARCH)

    assert page.status_code == 200
    text = page.content.decode()
    slugs = re.findall(r'data-report="([\w-]+)"', text)
    assert slugs == ["volume-by-kind", "volume-by-channel", "volume-by-queue", "response-times", "service-levels",
                     "satisfaction", "complaints", "compliments", "returns-by-product", "returns-by-option",
                     "returns-by-reason", "remakes", "return-resolution-times", "goodwill-by-reason",
                     "goodwill-by-option"]
    assert table_rows(section(text, "volume-by-kind"))[0] == ["Question about an order", "3"]
    assert ["Complaint", "2"] in table_rows(section(text, "volume-by-kind"))
    assert table_rows(section(text, "response-times"))[0] == ["All priorities", "1.1", "8.0", "10", "3.3", "6.7",
                                                              "4"]
    assert table_rows(section(text, "response-times"))[1] == ["High", "4.0", "16.0", "4", "—", "—", "0"]
    assert table_rows(section(text, "service-levels"))[0] == ["All priorities", "63.6", "11", "75.0", "4"]
    # the plain requests of `volume` and `handled` are in the Orders queue; the surveys were sent in March
    assert table_rows(section(text, "satisfaction"))[0] == ["All queues", "40.0", "5", "8", "62.5", "60.0"]
    assert table_rows(section(text, "compliments")) == [["No team named", "1"]]
    assert table_rows(section(text, "complaints")) == [["Not yet categorised · No product", "2",
                                                        "Not yet categorised", "No product"]]
    assert 'href="/shop/dashboard/support/reports/volume-by-kind.csv?start=2024-03-01&amp;end=2024-03-31"' in text


def test_the_reports_page_defaults_to_the_last_30_days(client_as):
    plain_request(created_at=timezone.now() - timedelta(days=1))
    plain_request(created_at=timezone.now() - timedelta(days=45))

    page = client_as("support").get(REPORTS_URL)

    assert page.status_code == 200
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' in page.text
    assert f'value="{(today - timedelta(days=29)).isoformat()}"' in page.text
    assert table_rows(section(page.text, "volume-by-kind")) == [["Question about an order", "1"]]


def test_without_answers_the_csat_shows_a_dash(client_as):
    add_surveys(plain_request(), unanswered=2)

    text = client_as("support").get(REPORTS_URL, MARCH).text

    assert table_rows(section(text, "satisfaction"))[0] == ["All queues", "—", "0", "2", "0.0", "—"]
    empty = client_as("support").get(REPORTS_URL, {"start": "2023-01-01", "end": "2023-01-31"}).text
    assert table_rows(section(empty, "satisfaction")) == [["All queues", "—", "0", "0", "—", "—"]]


def test_without_answers_the_csat_chart_shows_a_dash_not_zero(client_as):
    add_surveys(plain_request(), unanswered=2)

    text = client_as("support").get(REPORTS_URL, MARCH).text

    assert [row[1] for row in table_rows(section(text, "satisfaction"))] == ["—", "—"]  # all queues, Orders
    values = re.findall(r'<span class="support-chart__value">(.*?)</span>', section(text, "satisfaction"))
    assert values == ["—", "—"]


def test_a_report_downloads_as_csv_with_the_same_numbers(client_as, volume, handled):
    client = client_as("support")

    response = client.get(REPORTS_URL + "volume-by-kind.csv", MARCH)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="support-volume-by-kind-20240301-20240331.csv"'
    rows = csv_rows(response)
    assert rows[0] == ["Kind", "Requests"]
    page_rows = table_rows(section(client.get(REPORTS_URL, MARCH).text, "volume-by-kind"))
    assert rows[1:] == page_rows
    times = csv_rows(client.get(REPORTS_URL + "response-times.csv", MARCH))
    assert times[0] == ["Priority", "First response median (h)", "First response p90 (h)", "Answered",
                        "Resolution median (h)", "Resolution p90 (h)", "Resolved"]
    assert times[1:] == [["All priorities", "1.1", "8.0", "10", "3.3", "6.7", "4"],
                         ["High", "4.0", "16.0", "4", "", "", "0"],
                         ["Normal", "0.5", "1.5", "6", "3.3", "6.7", "4"]]


def test_every_report_downloads(client_as):
    client = client_as("support")
    for slug in reports.REPORTS:
        response = client.get(f"{REPORTS_URL}{slug}.csv", MARCH)
        assert response.status_code == 200, slug
        assert response["Content-Type"].startswith("text/csv")
        assert csv_rows(response)[0] == reports.REPORTS[slug](MARCH_START, MARCH_END).header


def test_a_cell_that_a_spreadsheet_would_run_is_defused(client_as):
    for name, slug in [("=HYPERLINK(\"http://evil.example\",\"x\")", "evil-1"), ("+1+1", "evil-2"),
                       ("@SUM(A1)", "evil-3"), ("-2+3", "evil-4")]:
        plain_request(queue=Queue.objects.create(name=name, slug=slug, position=99), created_at=march(12))

    response = client_as("support").get(REPORTS_URL + "volume-by-queue.csv", MARCH)

    labels = {row[0] for row in csv_rows(response)[1:]}
    assert labels == {"'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1+1", "'@SUM(A1)", "'-2+3"}
    assert all(row[1] == "1" for row in csv_rows(response)[1:])  # numbers are left alone


@pytest.mark.parametrize("query, error", [
    ({"start": "2024-03-31", "end": "2024-03-01"}, "“To” is before “From”."),
    ({"start": "2024-13-45", "end": "2024-03-01"}, "Enter a valid date."),
    ({"start": "2024-03-01", "end": "yesterday"}, "Enter a valid date."),
    ({"start": "2020-01-01", "end": "2024-03-01"}, "Choose a period of at most two years."),
])
def test_an_invalid_period_is_a_clear_error(client_as, query, error):
    client = client_as("support")

    page = client.get(REPORTS_URL, query)
    assert page.status_code == 200
    assert 'class="alert alert-danger"' in page.text and error in html.unescape(page.text)
    assert "data-report=" not in page.text

    csv_response = client.get(REPORTS_URL + "complaints.csv", query)
    assert csv_response.status_code == 400
    assert csv_response["Content-Type"].startswith("text/plain")
    assert csv_response.content.decode().startswith("Invalid period:")
    assert error in csv_response.content.decode()


def test_an_unknown_report_is_a_404(client_as):
    client = client_as("support")
    assert client.get(REPORTS_URL + "nope.csv", MARCH).status_code == 404
    assert client.get(REPORTS_URL + "satisfaction.csv", MARCH).status_code == 200


@pytest.mark.parametrize("role", ["shopper", "merch", "production"])
@pytest.mark.parametrize("url", [REPORTS_URL, REPORTS_URL + "satisfaction.csv", INBOX_URL])
def test_only_the_support_desk_sees_reports_and_inbox(client_as, role, url):
    assert client_as(role).get(url, MARCH).status_code == 403


@pytest.mark.parametrize("url", [REPORTS_URL, REPORTS_URL + "satisfaction.csv", INBOX_URL])
def test_anonymous_visitors_are_sent_to_sign_in(client_as, url):
    response = client_as(None).get(url, MARCH)
    assert response.status_code == 302
    assert response["Location"].startswith("/shop/accounts/login/?next=")


@pytest.mark.parametrize("role", ["support", "admin"])
def test_the_support_desk_and_the_administrator_see_the_reports(client_as, role):
    assert client_as(role).get(REPORTS_URL, MARCH).status_code == 200
    assert client_as(role).get(INBOX_URL).status_code == 200
