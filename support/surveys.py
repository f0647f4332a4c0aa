"""Satisfaction: one survey per resolution through a tokenised link; CSAT is the share of 4–5 among ratings."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shop.outbox.services import dispatch_on_commit

LOW_RATINGS = (1, 2)  # these reopen the request for a follow-up
SATISFIED = (4, 5)


def open_surveys(request):
    """The request's surveys still waiting for an answer (sent, neither answered nor cancelled)."""
    return request.surveys.filter(answered_at__isnull=True, cancelled_at__isnull=True)


def send_survey(request, *, agent, now):
    """Create the survey of this resolution (not when one is still waiting for an answer) and e-mail it."""
    from support import tasks
    from support.models import SatisfactionSurvey

    if open_surveys(request).exists():
        return None
    survey = SatisfactionSurvey.objects.create(request=request, agent=agent, sent_at=now)
    dispatch_on_commit(tasks.send_request_resolved, survey.pk)
    return survey


def cancel_open_surveys(request, *, now):
    return open_surveys(request).update(cancelled_at=now)


@transaction.atomic
def answer_survey(survey, *, rating, solved, agent_helpful=None, comment=""):
    """Record the answer once; a rating of 1 or 2 reopens the request so someone follows up."""
    from support.models import SatisfactionSurvey, SupportRequest
    from support.services import log_change

    survey = SatisfactionSurvey.objects.select_for_update(of=("self",)).select_related("request").get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError("This survey has already been answered or is no longer open.")
    if rating not in (1, 2, 3, 4, 5):
        raise ValidationError("Choose a rating from 1 to 5.")
    now = timezone.now()
    survey.rating, survey.solved, survey.agent_helpful = rating, solved, agent_helpful
    survey.comment, survey.answered_at = comment.strip()[:4000], now
    survey.save()
    request = SupportRequest.objects.select_for_update().get(pk=survey.request_id)
    log_change(request, actor=None, actor_label=request.name or request.email, field="satisfaction",
               new=f"{rating}/5{' · not solved' if solved is False else ''}", at=now)
    if rating in LOW_RATINGS:
        follow_up_on_low_rating(request, survey=survey, now=now)
    return survey


def follow_up_on_low_rating(request, *, survey, now):
    """A resolved request reopens at high priority; a closed one gets a follow-up request carrying the comment."""
    from support import sla
    from support.models import SupportRequest as R
    from support.services import _move, log_change, open_follow_up

    if request.status == R.RESOLVED:
        _move(request, R.OPEN, actor=None, actor_label="Satisfaction survey", now=now)
        if request.priority in (R.LOW, R.NORMAL):
            labels = dict(R.PRIORITIES)
            log_change(request, actor=None, actor_label="Satisfaction survey", field="priority",
                       old=labels[request.priority], new=labels[R.HIGH], at=now)
            request.priority = R.HIGH
        sla.refresh_due_dates(request)
        request.updated_at = now
        request.save()
        return request
    if request.status == R.CLOSED:
        return open_follow_up(
            request, subject=f"rated {survey.rating}/5", priority=R.HIGH, notify=False,
            body=survey.comment or f"The customer rated {request.reference} {survey.rating} out of 5.")
    return request


@dataclass(frozen=True)
class SatisfactionFigures:
    sent: int
    answered: int
    satisfied: int
    solved: int

    @property
    def csat(self):
        """Share of 4–5 ratings among the answered surveys, in percent (None without answers)."""
        return percent(self.satisfied, self.answered)

    @property
    def response_rate(self):
        return percent(self.answered, self.sent)

    @property
    def solved_rate(self):
        return percent(self.solved, self.answered)


def percent(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def satisfaction_figures(surveys):
    """CSAT, response rate and solved rate over a survey queryset; cancelled surveys count nowhere."""
    from django.db.models import Count, Q

    totals = surveys.filter(cancelled_at__isnull=True).aggregate(
        sent=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)),
        satisfied=Count("id", filter=Q(answered_at__isnull=False, rating__in=SATISFIED)),
        solved=Count("id", filter=Q(answered_at__isnull=False, solved=True)))
    return SatisfactionFigures(**totals)
