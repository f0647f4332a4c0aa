"""The support lead's figures over a period: volume, response and resolution times, service levels, CSAT,
complaints by cause and product, compliments by team. Each report is a title, a header and rows, shown as a
chart and downloadable as CSV; times are business hours (the clocks the service levels run on)."""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from support.models import Cause, Channel, Kind, Priority, SatisfactionSurvey, SupportRequest, Team
from support.surveys import percent, satisfaction_figures


@dataclass
class Report:
    slug: str
    title: str
    header: list
    rows: list = field(default_factory=list)
    chart_column: int = 1  # the column the bars show
    note: str = ""

    @property
    def chart(self):
        """(label, value, width %) per row for a bar chart of ``chart_column``."""
        values = [row[self.chart_column] for row in self.rows]
        top = max((value for value in values if value is not None), default=0) or 1
        return [(row[0], value, 0 if value is None else round(100 * float(value) / float(top), 1))
                for row, value in zip(self.rows, values, strict=True)]


def percentile(values, fraction):
    """Nearest-rank percentile of a list of numbers (None when empty): p50 is the median."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def hours(minutes):
    if minutes is None:
        return None
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def created_between(start, end):
    return SupportRequest.objects.filter(created_at__gte=start, created_at__lt=end)


def volume_report(start, end, *, by):
    labels = {"kind": dict(Kind.choices), "channel": dict(Channel.choices)}
    if by == "queue":
        counted = (created_between(start, end).values("queue__name").annotate(count=Count("id"))
                   .order_by("-count", "queue__name"))
        data = [[row["queue__name"] or "No queue", row["count"]] for row in counted]
    else:
        counted = created_between(start, end).values(by).annotate(count=Count("id")).order_by("-count", by)
        data = [[labels[by].get(row[by], row[by]), row["count"]] for row in counted]
    return Report(slug=f"volume-by-{by}", title=f"Requests by {by}", header=[by.capitalize(), "Requests"],
                  rows=data)


def response_times_report(start, end):
    """Median and 90th percentile of first response (requests answered in the period) and resolution
    (requests resolved in the period), overall and per priority."""
    first = list(SupportRequest.objects.filter(first_responded_at__gte=start, first_responded_at__lt=end,
                                  first_response_minutes__isnull=False)
                 .values_list("priority", "first_response_minutes"))
    resolved = list(SupportRequest.objects.filter(resolved_at__gte=start, resolved_at__lt=end,
                                                  resolution_minutes__isnull=False)
                    .values_list("priority", "resolution_minutes"))
    rows = []
    for priority, label in [("", "All priorities")] + Priority.choices[::-1]:
        f = [m for p, m in first if not priority or p == priority]
        r = [m for p, m in resolved if not priority or p == priority]
        if priority and not (f or r):
            continue
        rows.append([label, hours(percentile(f, 0.5)), hours(percentile(f, 0.9)), len(f),
                     hours(percentile(r, 0.5)), hours(percentile(r, 0.9)), len(r)])
    return Report(slug="response-times", title="First response and resolution times (business hours)",
                  header=["Priority", "First response median (h)", "First response p90 (h)", "Answered",
                          "Resolution median (h)", "Resolution p90 (h)", "Resolved"], rows=rows)


def service_level_report(start, end):
    """Share of requests that met their first-response and resolution targets, per priority."""
    answered = SupportRequest.objects.filter(first_responded_at__gte=start, first_responded_at__lt=end)
    resolved = SupportRequest.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
    first = {row["priority"]: row for row in answered.values("priority").annotate(
        total=Count("id"), met=Count("id", filter=Q(first_response_breached=False)))}
    done = {row["priority"]: row for row in resolved.values("priority").annotate(
        total=Count("id"), met=Count("id", filter=Q(resolution_breached=False)))}
    rows = []
    for priority, label in [("", "All priorities")] + Priority.choices[::-1]:
        if priority:
            f, d = first.get(priority, {}), done.get(priority, {})
        else:
            f = {k: sum(row[k] for row in first.values()) for k in ("total", "met")}
            d = {k: sum(row[k] for row in done.values()) for k in ("total", "met")}
        if priority and not (f or d):
            continue
        rows.append([label, percent(f.get("met", 0), f.get("total", 0)), f.get("total", 0),
                     percent(d.get("met", 0), d.get("total", 0)), d.get("total", 0)])
    return Report(slug="service-levels", title="Service-level attainment",
                  header=["Priority", "First response on time (%)", "Answered", "Resolved on time (%)", "Resolved"],
                  rows=rows)


def satisfaction_report(start, end):
    """CSAT (share of 4–5 among ratings), response rate and solved rate, overall and per queue."""
    surveys = SatisfactionSurvey.objects.filter(sent_at__gte=start, sent_at__lt=end)
    rows = []
    overall = satisfaction_figures(surveys)
    rows.append(["All queues", overall.csat, overall.answered, overall.sent, overall.response_rate,
                 overall.solved_rate])
    queue_names = surveys.exclude(request__queue__isnull=True).values_list(
        "request__queue_id", "request__queue__name").distinct().order_by("request__queue__name")
    for queue_id, name in queue_names:
        figures = satisfaction_figures(surveys.filter(request__queue_id=queue_id))
        rows.append([name, figures.csat, figures.answered, figures.sent, figures.response_rate,
                     figures.solved_rate])
    return Report(slug="satisfaction", title="Customer satisfaction (CSAT)",
                  header=["Queue", "CSAT (% rating 4–5)", "Ratings", "Surveys sent", "Response rate (%)",
                          "Solved (%)"], rows=rows,
                  note="CSAT counts answered surveys only; surveys cancelled because the request reopened count "
                       "nowhere.")


def complaints_report(start, end):
    complaints = created_between(start, end).filter(kind=Kind.COMPLAINT)
    causes = dict(Cause.choices)
    product = Coalesce("line__product__title", "line__title", "order__lines__title")
    counted = (complaints.values("cause", product=product)
               .annotate(count=Count("id", distinct=True)).order_by("-count", "cause"))
    rows = [[f"{causes.get(row['cause'], 'Not yet categorised')} · {row['product'] or 'No product'}",
             row["count"], causes.get(row["cause"], "Not yet categorised"), row["product"] or "No product"]
            for row in counted]
    return Report(slug="complaints", title="Complaints by cause and product",
                  header=["Cause · product", "Complaints", "Cause", "Product"], rows=rows)


def compliments_report(start, end):
    teams = dict(Team.choices)
    counted = (created_between(start, end).filter(kind=Kind.COMPLIMENT).values("team")
               .annotate(count=Count("id")).order_by("-count", "team"))
    return Report(slug="compliments", title="Compliments by team", header=["Team", "Compliments"],
                  rows=[[teams.get(row["team"], "No team named"), row["count"]] for row in counted])


REPORTS = {
    "volume-by-kind": lambda s, e: volume_report(s, e, by="kind"),
    "volume-by-channel": lambda s, e: volume_report(s, e, by="channel"),
    "volume-by-queue": lambda s, e: volume_report(s, e, by="queue"),
    "response-times": response_times_report,
    "service-levels": service_level_report,
    "satisfaction": satisfaction_report,
    "complaints": complaints_report,
    "compliments": compliments_report,
}
