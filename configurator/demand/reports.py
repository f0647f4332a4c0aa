"""The order-based Demand reports, read from the daily rollups (and the price-rule facts): which options sell and
earn, how that moves week by week and across model versions, what goes together, and what comes back.

Each report is a ``Table`` for one product and the chosen filters; each costs a constant number of queries,
whatever the number of orders (the rollups are summed in the database).
"""

from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Min, Sum
from django.utils import timezone

from configurator.compiled import compiled_model
from configurator.demand.forecast import week_start
from configurator.demand.models import (
    DailyConfigurationDemand,
    DailyOptionDemand,
    DailyPairDemand,
    DailyProductDemand,
    PriceRuleFact,
)
from configurator.demand.tables import Table, money, percent, ratio
from configurator.models import ModelVersion
from support.returns.reports import returns_and_complaints_by_option

MIN_PAIR_UNITS = 3  # pairs ordered fewer times are noise, not a pattern
UNUSUAL_RETURN_RATE = Decimal(2)  # an option returned at twice the product's rate (or more) stands out
MIN_RETURNS = 2


def catalogue_of(configurable):
    """Labels of the product's steps and options over all its versions (the newest label wins) and its versions."""
    versions = list(ModelVersion.objects.filter(configurable=configurable).order_by("number"))
    steps, options, position = {}, {}, {}
    for version in versions:
        for group_index, group in enumerate(version.definition["groups"]):
            steps[group["code"]] = group["label"]
            for option_index, option in enumerate(group["options"]):
                options[option["code"]] = option["label"]
                position[option["code"]] = (group_index, option_index)
    return {"steps": steps, "options": options, "position": position, "versions": versions}


def product_units(filters):
    return DailyProductDemand.objects.filter(**filters.cut()).aggregate(units=Sum("units"))["units"] or 0


def option_popularity(filters, catalogue):
    """Per option: units ordered, attach rate (share of the product's units with it), share of its step's picks,
    revenue (its price and its share of price rules), in step order."""
    units = product_units(filters)
    rows = list(DailyOptionDemand.objects.filter(**filters.cut()).values("group", "option")
                .annotate(units=Sum("units"), revenue=Sum("revenue")))
    by_step = defaultdict(int)
    for row in rows:
        by_step[row["group"]] += row["units"]
    rows.sort(key=lambda row: (catalogue["position"].get(row["option"], (999, 999)), row["option"]))
    table = Table("popularity", "Option popularity and attach rate",
                  ["Step", "Option", "Code", "Units", "Attach rate %", "Share of step %", "Revenue (EUR)"])
    table.rows = [[catalogue["steps"].get(row["group"], row["group"]), catalogue["options"].get(row["option"],
                                                                                               row["option"]),
                   row["option"], row["units"], percent(row["units"], units), percent(row["units"],
                                                                                     by_step[row["group"]]),
                   money(row["revenue"])] for row in rows]
    table.note = f"{units} unit{'s' if units != 1 else ''} of the product ordered in the period (net of returns)."
    return table


def revenue_by_price_rule(filters):
    """Per price rule: units it applied to and the revenue it added (negative for a discount)."""
    rows = (PriceRuleFact.objects.filter(**filters.cut(dated="placed_on")).values("rule")
            .annotate(units=Sum("quantity"), amount=Sum("amount")).order_by("-amount", "rule"))
    return Table("price-rules", "Revenue by price rule", ["Price rule", "Units", "Revenue (EUR)"],
                 [[row["rule"], row["units"], money(row["amount"])] for row in rows])


def weeks_between(start, end):
    weeks, week = [], week_start(start)
    while week <= end:
        weeks.append(week)
        week += timedelta(weeks=1)
    return weeks


def weekly_trend(filters, catalogue, top=6):
    """Units per week of the product and of its ``top`` best-selling options in the period."""
    weeks = weeks_between(filters.start, filters.end)
    index = {week: position for position, week in enumerate(weeks)}
    product = [0] * len(weeks)
    for day, units in DailyProductDemand.objects.filter(**filters.cut()).values_list("day").annotate(Sum("units")):
        product[index[week_start(day)]] += units
    best = [code for code, _ in DailyOptionDemand.objects.filter(**filters.cut()).values_list("option")
            .annotate(total=Sum("units")).order_by("-total", "option")[:top]]
    series = {code: [0] * len(weeks) for code in best}
    for day, code, units in (DailyOptionDemand.objects.filter(**filters.cut(), option__in=best)
                             .values_list("day", "option").annotate(Sum("units"))):
        series[code][index[week_start(day)]] += units
    header = ["Week", "Product units"] + [catalogue["options"].get(code, code) for code in best]
    rows = [[week.isoformat(), product[i]] + [series[code][i] for code in best] for i, week in enumerate(weeks)]
    return Table("trend", "Weekly trend", header, rows)


def version_comparison(filters, catalogue):
    """Each version of the product side by side: when it was published, units per week while it was current, and
    the attach rate of every option under it, so a new version's effect shows (before/after publishing)."""
    versions = catalogue["versions"]
    cut = filters.cut(versioned=False)
    units, days, first = {}, {}, {}
    for version, total, active_days, first_day in (DailyProductDemand.objects.filter(**cut).values_list("version")
                                                    .annotate(Sum("units"), Count("day", distinct=True),
                                                              Min("day"))):
        units[version], days[version], first[version] = total, active_days, first_day
    options = defaultdict(dict)
    for version, code, total in (DailyOptionDemand.objects.filter(**cut).values_list("version", "option")
                                 .annotate(Sum("units"))):
        options[code][version] = total
    shown = [v for v in versions if v.number in units]
    header = ["Option"] + [f"v{v.number} attach %" for v in shown]
    ordered = sorted(options, key=lambda code: catalogue["position"].get(code, (999, 999)))
    rows = [[catalogue["options"].get(code, code)] + [percent(options[code].get(v.number, 0), units[v.number])
                                                      for v in shown] for code in ordered]
    summary = [[f"v{v.number}", timezone.localtime(v.published_at).date().isoformat(), units[v.number],
                ratio(units[v.number] * 7, days[v.number] or 1, Decimal("0.1")), first[v.number].isoformat()]
               for v in shown]
    table = Table("versions", "Versions compared", header, rows)
    table.summary = Table("versions-summary", "Versions", ["Version", "Published", "Units", "Units per week",
                                                           "First order in period"], summary)
    return table


def top_configurations(filters, catalogue, limit=10):
    """The most ordered complete sets of options."""
    units = product_units(filters)
    rows = (DailyConfigurationDemand.objects.filter(**filters.cut()).values("signature", "options")
            .annotate(units=Sum("units")).filter(units__gt=0).order_by("-units", "signature")[:limit])
    labels = catalogue["options"]
    return Table("configurations", "Most ordered configurations", ["Configuration", "Units", "Share %"],
                 [[", ".join(labels.get(code, code) for code in row["options"].split()), row["units"],
                   percent(row["units"], units)] for row in rows])


def option_pairs(filters, catalogue, limit=25, min_units=MIN_PAIR_UNITS):
    """Options of different steps ordered together: support (share of units with both), confidence (share of the
    first's units that also have the second) and lift (how much more often than chance; 1 = independent)."""
    total = product_units(filters)
    singles, steps = {}, {}
    for option, group, units in (DailyOptionDemand.objects.filter(**filters.cut()).values_list("option", "group")
                                 .annotate(Sum("units"))):
        singles[option], steps[option] = singles.get(option, 0) + units, group
    rows = []
    for first, second, together in (DailyPairDemand.objects.filter(**filters.cut()).values_list("first", "second")
                                    .annotate(units=Sum("units")).filter(units__gte=min_units)):
        if steps.get(first) == steps.get(second) or not total:
            continue
        lift = ratio(together * total, singles[first] * singles[second], Decimal("0.01"))
        rows.append([catalogue["options"].get(first, first), catalogue["options"].get(second, second), together,
                     percent(together, total), percent(together, singles[first]), lift])
    rows.sort(key=lambda row: (-row[5], -row[2], row[0], row[1]))
    return Table("pairs", "Options that go together", ["Option", "With", "Units", "Support %", "Confidence %",
                                                       "Lift"], rows[:limit],
                 note=f"Pairs ordered at least {min_units} times; lift above 1: together more often than "
                      "chance, below 1: less often.")


def never_ordered_together(filters, catalogue, limit=25):
    """Pairs of options the current version's rules allow together, each ordered in the period, but never together:
    combinations nobody wanted, or nobody found."""
    version = filters.configurable.current_version
    if version is None:
        return Table("never-together", "Allowed but never ordered together", ["Option", "With"], [])
    ordered = {code for code, units in DailyOptionDemand.objects.filter(**filters.cut()).values_list("option")
               .annotate(total=Sum("units")) if units > 0}
    together = set(DailyPairDemand.objects.filter(**filters.cut(), units__gt=0).values_list("first", "second")
                   .distinct())
    compiled = compiled_model(version)
    rows = []
    chosen = {code for code in ordered & compiled.model.option_codes if not compiled.model.group_of(code).measured}
    for first in sorted(chosen):
        group = compiled.model.group_of(first)
        allowed = compiled.evaluate([first]).available
        for second in sorted(allowed & chosen):
            if second <= first or compiled.model.group_of(second) is group or (first, second) in together:
                continue
            rows.append([catalogue["options"].get(first, first), catalogue["options"].get(second, second)])
    return Table("never-together", "Allowed but never ordered together", ["Option", "With"], rows[:limit],
                 note=f"{len(rows)} pair{'s' if len(rows) != 1 else ''} in all" + (
                     f"; the first {limit} shown." if len(rows) > limit else "."))


def returns_by_option(filters, catalogue):
    """Per option: units ordered, units returned and complaints in the period (support's figures), and the return
    rate, flagged when it is unusual (at least twice the product's rate, from a few returns up)."""
    start = timezone.make_aware(timezone.datetime.combine(filters.start, timezone.datetime.min.time()))
    end = start + timedelta(days=(filters.end - filters.start).days + 1)
    ordered = dict(DailyOptionDemand.objects.filter(**filters.cut(segmented=False)).values_list("option")
                   .annotate(Sum("units")))
    returned, complaints = defaultdict(int), defaultdict(int)
    for signal in returns_and_complaints_by_option(start, end):
        if signal.option_code in ordered:
            returned[signal.option_code] += signal.returns
            complaints[signal.option_code] += signal.complaints
    units = product_units(replace(filters, channel="", tier=""))
    overall = percent(sum(returned.values()), units) if units else None
    rows = []
    for code in sorted(ordered, key=lambda c: catalogue["position"].get(c, (999, 999))):
        rate = percent(returned[code], ordered[code]) if ordered[code] > 0 else None
        unusual = bool(rate is not None and overall and returned[code] >= MIN_RETURNS
                       and rate >= overall * UNUSUAL_RETURN_RATE)
        rows.append([catalogue["options"].get(code, code), ordered[code], returned[code], complaints[code], rate,
                     "unusual" if unusual else ""])
    return Table("returns", "Returns and complaints per option",
                 ["Option", "Units ordered", "Units returned", "Complaints", "Return rate %", "Flag"], rows,
                 note=f"The product's return rate in the period: {overall if overall is not None else '–'} %.")
