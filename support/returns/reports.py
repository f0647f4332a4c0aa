"""Returns and goodwill in figures: return rates by product, option and reason, remakes, time to settle a return,
the cost of goodwill; and the one selector demand analytics reads (returns and complaints per option per day).

Options are read from the order lines' immutable snapshots (configurator.OrderLineConfiguration), so a report
counts what was actually ordered, whatever the feature model says today.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.models import OrderLineConfiguration
from configurator.production.models import WorkOrder
from support.models import Kind, SupportRequest
from support.reports import Report, hours, percentile
from support.returns.models import Gesture, GoodwillStatus, Outcome, Reason, Return, ReturnStatus

Line = get_model("order", "Line")


def percent_of(part, whole):
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


def _returns(start, end):
    return Return.objects.filter(created_at__gte=start, created_at__lt=end).exclude(status=ReturnStatus.DECLINED)


def _options_of_lines(line_ids):
    """{line id: [(option code, option label), ...]} from the lines' ordered snapshots."""
    options = {}
    for line_id, snapshot in OrderLineConfiguration.objects.filter(line_id__in=set(line_ids)).values_list(
            "line_id", "snapshot"):
        options[line_id] = [(option["code"], option.get("label", option["code"]))
                            for option in snapshot.get("options", ())]
    return options


def _sold(start, end):
    return Line.objects.filter(order__date_placed__gte=start, order__date_placed__lt=end)


def returns_by_product_report(start, end):
    """Units returned against units sold in the period, by product."""
    sold = dict(_sold(start, end).values_list("title").annotate(units=Sum("quantity")).values_list("title", "units"))
    returned = dict(_returns(start, end).values_list("line__title").annotate(units=Sum("quantity"))
                    .values_list("line__title", "units"))
    rows = [[title, returned.get(title, 0), sold.get(title, 0), percent_of(returned.get(title, 0), sold.get(title, 0))]
            for title in sorted(set(sold) | set(returned))]
    rows.sort(key=lambda row: (-(row[1] or 0), row[0]))
    return Report("returns-by-product", "Returns by product", ["Product", "Units returned", "Units sold",
                                                              "Return rate %"], rows,
                  note="Returns asked for in the period (declined ones left out) against units ordered in it.")


def returns_by_option_report(start, end):
    """Units returned against units sold with each option (from the ordered snapshots)."""
    sold_lines = list(_sold(start, end).values_list("pk", "quantity"))
    returned = list(_returns(start, end).values_list("line_id", "quantity"))
    options = _options_of_lines([pk for pk, _ in sold_lines] + [pk for pk, _ in returned])
    labels, sold, back = {}, Counter(), Counter()
    for counter, lines in ((sold, sold_lines), (back, returned)):
        for line_id, quantity in lines:
            for code, label in options.get(line_id, ()):
                labels[code] = label
                counter[code] += quantity
    rows = [[f"{labels[code]} ({code})", back[code], sold[code], percent_of(back[code], sold[code])]
            for code in labels if back[code]]
    rows.sort(key=lambda row: (-(row[3] or 0), row[0]))
    return Report("returns-by-option", "Returns by option", ["Option", "Units returned", "Units sold",
                                                            "Return rate %"], rows, chart_column=3,
                  note="Only options of which something was returned; an unusual rate stands out at the top.")


def returns_by_reason_report(start, end):
    counted = dict(_returns(start, end).values_list("reason").annotate(units=Sum("quantity"))
                   .values_list("reason", "units"))
    rows = [[label, counted.get(code, 0)] for code, label in Reason.choices]
    return Report("returns-by-reason", "Returns by reason", ["Reason", "Units returned"], rows)


def remakes_report(start, end):
    """Remakes by cause, and the remake rate: remakes against units first made in the period."""
    made = WorkOrder.objects.filter(created_at__gte=start, created_at__lt=end, remake_of__isnull=True).count()
    causes = Counter(WorkOrder.objects.filter(created_at__gte=start, created_at__lt=end, remake_of__isnull=False)
                     .values_list("remake_cause", flat=True))
    rows = [[cause, count, percent_of(count, made)] for cause, count in causes.most_common()]
    total = sum(causes.values())
    return Report("remakes", "Remakes by cause", ["Cause", "Remakes", "% of units made"], rows,
                  note=f"{total} remake{'s' if total != 1 else ''} against {made} units made: a remake rate of "
                       f"{percent_of(total, made) or 0} %.")


def return_resolution_times_report(start, end):
    """Hours from a return's request to its settlement (wall clock), by outcome."""
    by_outcome = defaultdict(list)
    for resolution, created, resolved in Return.objects.filter(
            resolved_at__gte=start, resolved_at__lt=end).values_list("resolution", "created_at", "resolved_at"):
        by_outcome[resolution].append((resolved - created).total_seconds() / 60)
    labels = dict(Return._meta.get_field("resolution").choices)
    rows = [[labels.get(code, code), len(minutes), hours(round(percentile(minutes, 0.5))),
             hours(round(percentile(minutes, 0.9)))] for code, minutes in sorted(by_outcome.items())]
    return Report("return-resolution-times", "Time to settle a return", ["Outcome", "Returns settled",
                                                                         "Median hours", "90th percentile hours"],
                  rows, chart_column=2, note="Wall-clock hours from the customer's request to the settlement.")


def _granted(start, end):
    return Gesture.objects.filter(created_at__gte=start, created_at__lt=end, status=GoodwillStatus.GRANTED)


def goodwill_by_reason_report(start, end):
    counted = (_granted(start, end).values("reason").annotate(total=Sum("amount")).order_by("-total"))
    labels = dict(Gesture._meta.get_field("reason").choices)
    rows = [[labels.get(row["reason"], row["reason"]), row["total"]] for row in counted]
    return Report("goodwill-by-reason", "Cost of goodwill by reason", ["Reason", "Amount (EUR)"], rows,
                  note=f"Granted in the period: {sum((row[1] for row in rows), Decimal('0.00'))} EUR in all.")


def goodwill_by_option_report(start, end):
    """Goodwill linked to an ordered item, by product and by the item's options."""
    gestures = list(_granted(start, end).exclude(line=None).values_list("line_id", "line__title", "amount"))
    options = _options_of_lines(line_id for line_id, _, _ in gestures)
    totals = Counter()
    for line_id, title, amount in gestures:
        totals[title] += amount
        for code, label in options.get(line_id, ()):
            totals[f"{title}: {label} ({code})"] += amount
    rows = [[label, total] for label, total in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    return Report("goodwill-by-option", "Cost of goodwill by product and option", ["Product or option",
                                                                                  "Amount (EUR)"], rows)


REPORTS = {
    "returns-by-product": returns_by_product_report,
    "returns-by-option": returns_by_option_report,
    "returns-by-reason": returns_by_reason_report,
    "remakes": remakes_report,
    "return-resolution-times": return_resolution_times_report,
    "goodwill-by-reason": goodwill_by_reason_report,
    "goodwill-by-option": goodwill_by_option_report,
}


# --- For demand analytics ---------------------------------------------------------------------------

@dataclass(frozen=True)
class OptionSignal:
    day: object  # date
    option_code: str
    returns: int  # units returned (declined returns left out)
    complaints: int  # complaints about an ordered item with this option


def returns_and_complaints_by_option(start, end):
    """Per day and option code: units returned and complaints about items with that option (from the ordered
    snapshots), for requests made in [start, end). Read by demand analytics; no personal data."""
    signals = defaultdict(lambda: [0, 0])
    returned = list(_returns(start, end).values_list("created_at", "line_id", "quantity"))
    complained = list(SupportRequest.objects.filter(kind=Kind.COMPLAINT, created_at__gte=start, created_at__lt=end)
                      .exclude(line=None).values_list("created_at", "line_id"))
    options = _options_of_lines([line for _, line, _ in returned] + [line for _, line in complained])
    for at, line_id, quantity in returned:
        for code, _ in options.get(line_id, ()):
            signals[(timezone.localdate(at), code)][0] += quantity
    for at, line_id in complained:
        for code, _ in options.get(line_id, ()):
            signals[(timezone.localdate(at), code)][1] += 1
    return [OptionSignal(day, code, returns, complaints)
            for (day, code), (returns, complaints) in sorted(signals.items())]


TAKEN_BACK = (Outcome.REFUND, Outcome.EXCHANGE, Outcome.CREDIT)  # a remake keeps the sale


def units_taken_back(line_ids):
    """{line id: (units the store took back, as a refund, an exchange or store credit; the ids of Oscar's payment
    events of the refunds those returns made)}, for resolved returns. Read by demand analytics to reverse the sale
    of those units once, whether the refund or the return is reported first."""
    taken = {}
    for line_id, quantity, refund_event, exchange_event in (
            Return.objects.filter(line_id__in=set(line_ids), status=ReturnStatus.RESOLVED,
                                  resolution__in=TAKEN_BACK)
            .values_list("line_id", "quantity", "refund__payment_event_id", "exchange__refund__payment_event_id")):
        units, events = taken.get(line_id, (0, frozenset()))
        taken[line_id] = (units + quantity, events | {e for e in (refund_event, exchange_event) if e})
    return taken
