"""The session Demand reports, read from the rollups of anonymous configurator events: the funnel from starting to
ordering, the options chosen last before giving up, and blocked demand (options tried while a rule made them
unavailable). Sessions carry no customer, so these reports are cut by product, version and dates only."""

from django.db.models import Sum

from configurator.demand.models import DailyAbandonment, DailyBlocked, DailyFunnel, EventKind
from configurator.demand.rollups import STAGES
from configurator.demand.tables import Table, percent

STAGE_LABELS = {
    EventKind.STARTED: "Started",
    EventKind.COMPLETED: "Configured completely",
    EventKind.SAVED: "Saved or shared",
    EventKind.BASKET: "In basket",
    EventKind.ORDERED: "Ordered",
}


def funnel(filters):
    """Sessions started in the period that reached each stage, with the share of those started and the drop from
    the stage before. Saving is optional, so the basket stage is compared with the stage before saving too."""
    reached = dict(DailyFunnel.objects.filter(**filters.cut(segmented=False)).values_list("stage")
                   .annotate(Sum("sessions")))
    counts = [reached.get(stage, 0) for stage in STAGES]
    started = counts[0]
    rows = []
    for index, stage in enumerate(STAGES):
        before = counts[index - 1] if index else None
        rows.append([STAGE_LABELS[stage], counts[index], percent(counts[index], started),
                     None if before is None else percent(before - counts[index], before)])
    return Table("funnel", "Funnel", ["Stage", "Sessions", "Of started %", "Drop from previous stage %"], rows,
                 note="Saving is optional: sessions may reach the basket without saving, so a stage can exceed the "
                      "one before it.")


def abandonment(filters, catalogue, limit=10):
    """The options chosen last in sessions that ended without an order, most frequent first."""
    rows = (DailyAbandonment.objects.filter(**filters.cut(segmented=False)).values_list("option")
            .annotate(sessions=Sum("sessions")).order_by("-sessions", "option"))
    total = sum(sessions for _, sessions in rows)
    return Table("abandonment", "Chosen last before abandoning", ["Option chosen last", "Sessions", "Share %"],
                 [[catalogue["options"].get(code, code) if code else "(nothing chosen)", sessions,
                   percent(sessions, total)] for code, sessions in rows[:limit]])


def blocked_demand(filters, catalogue):
    """Per rule: how often shoppers tried an option it made unavailable, in how many sessions, and how many of
    those sessions ended without an order; the rules that cost the most first, with the options they blocked."""
    rows = (DailyBlocked.objects.filter(**filters.cut(segmented=False)).values_list("rule", "option")
            .annotate(Sum("attempts"), Sum("sessions"), Sum("lost")))
    rules = {}
    for rule, option, attempts, sessions, lost in rows:
        entry = rules.setdefault(rule, {"attempts": 0, "sessions": 0, "lost": 0, "options": {}})
        entry["attempts"] += attempts
        entry["sessions"] += sessions
        entry["lost"] += lost
        entry["options"][option] = entry["options"].get(option, 0) + attempts
    ordered = sorted(rules.items(), key=lambda item: (-item[1]["lost"], -item[1]["attempts"], item[0]))
    return Table("blocked", "Blocked demand by rule",
                 ["Rule", "Options tried", "Tries", "Sessions", "Sessions without an order", "Lost %"],
                 [[rule or "(unknown)", ", ".join(catalogue["options"].get(code, code) for code, _ in
                                                  sorted(entry["options"].items(), key=lambda kv: (-kv[1], kv[0]))),
                   entry["attempts"], entry["sessions"], entry["lost"], percent(entry["lost"], entry["sessions"])]
                  for rule, entry in ordered])
