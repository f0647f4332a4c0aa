"""Satisfaction: one survey per resolution through a tokenised link; CSAT is the share of 4–5 among ratings.

Sending and cancelling surveys, and the figures, are here; an answer changes its request, so recording one is a
service (``support.services.answer_survey``).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from shop.outbox.services import dispatch_on_commit
from support import tasks
from support.models import SatisfactionSurvey

LOW_RATINGS = (1, 2)  # these reopen the request for a follow-up
SATISFIED = (4, 5)


def open_surveys(request):
    """The request's surveys still waiting for an answer (sent, neither answered nor cancelled)."""
    return request.surveys.filter(answered_at__isnull=True, cancelled_at__isnull=True)


def send_survey(request, *, agent, now):
    """Create the survey of this resolution (not when one is still waiting for an answer) and e-mail it."""
    if open_surveys(request).exists():
        return None
    survey = SatisfactionSurvey.objects.create(request=request, agent=agent, sent_at=now)
    dispatch_on_commit(tasks.send_request_resolved, survey.pk)
    return survey


def cancel_open_surveys(request, *, now):
    return open_surveys(request).update(cancelled_at=now)


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
    totals = surveys.filter(cancelled_at__isnull=True).aggregate(
        sent=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)),
        satisfied=Count("id", filter=Q(answered_at__isnull=False, rating__in=SATISFIED)),
        solved=Count("id", filter=Q(answered_at__isnull=False, solved=True)))
    return SatisfactionFigures(**totals)
