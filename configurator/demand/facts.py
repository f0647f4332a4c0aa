"""The fact writer: one row per ordered option (and per applied price rule) of every configured line, written from
the line's immutable snapshot the moment the order is placed, and reversed, unit by unit, when the store takes
units back (a refund, a return for an exchange or store credit, a cancelled order).

Reversals are reconciled, not appended blindly: the units a line should have reversed are worked out from what
Oscar and support record (``units_to_reverse``) and only the difference to ``LineReversal`` is written, so a
refund reported twice, or a return and its refund reported in either order, reverse the units once.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.conditions import condition_codes
from configurator.demand.models import Channel, LineReversal, OptionFact, PriceRuleFact
from configurator.engine.pricing import cents
from configurator.models import OrderLineConfiguration
from shop.loyalty.perks import tier_of
from support.returns.reports import units_taken_back

PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
REFUNDED = "Refunded"  # Oscar's payment event type of a refund (shop.payments.services.record_refund_event)
CANCELLED = "Cancelled"


def option_revenues(snapshot, definition):
    """{option code: (unit revenue, of which from price rules)} of one ordered unit: each option's own price, plus
    an equal share of every price rule whose condition names it (the first option takes the odd cent); rules whose
    condition names none of the chosen options are left to the product (see ``rule_amounts``)."""
    chosen = [option["code"] for option in snapshot.get("options", ())]
    own = {line["code"]: Decimal(line["amount"]) for line in snapshot["price"]["lines"] if line["kind"] == "option"}
    shares = defaultdict(Decimal)
    conditions = _rule_conditions(definition)
    for label, amount in rule_amounts(snapshot):
        when = conditions.get(label)
        named = [code for code in chosen if when is not None and code in condition_codes(when)]
        if not named:
            continue
        share = cents(amount / len(named))
        for index, code in enumerate(named):
            shares[code] += share + (amount - share * len(named) if index == 0 else 0)
    return {code: (own.get(code, Decimal(0)) + shares[code], shares[code]) for code in chosen}


def rule_amounts(snapshot):
    """[(price rule label, amount per unit)] that applied to an ordered unit."""
    return [(line["label"], Decimal(line["amount"])) for line in snapshot["price"]["lines"] if line["kind"] == "rule"]


def _rule_conditions(definition):
    conditions = {}
    for rule in definition.get("price_rules", ()):
        conditions.setdefault(rule.get("label") or str(rule["when"]), rule["when"])
    return conditions


def channel_of(order):
    return Channel.MEMBER if order.user_id else Channel.GUEST


@transaction.atomic
def record_order_facts(*, order, configurations):
    """Write the facts of a just-placed order's frozen configurations (``OrderLineConfiguration`` rows, which are
    made once per line, so the facts are too)."""
    if not configurations:
        return 0
    tier = tier_of(order.user_id)
    common = {"order_id": order.pk, "placed_on": timezone.localdate(order.date_placed),
              "tier": tier.name if tier else "", "channel": channel_of(order)}
    option_facts, rule_facts = [], []
    for configuration in configurations:
        options, rules = line_facts(**common, line_id=configuration.line_id, version=configuration.version,
                                    snapshot=configuration.snapshot, quantity=configuration.line.quantity)
        option_facts += options
        rule_facts += rules
    OptionFact.objects.bulk_create(option_facts)
    PriceRuleFact.objects.bulk_create(rule_facts)
    return len(option_facts)


def line_facts(*, order_id, line_id, placed_on, version, snapshot, quantity, tier, channel, source="order"):
    """The facts of one ordered line (unsaved): ([OptionFact], [PriceRuleFact]), from its frozen ``snapshot`` (its
    options and price breakdown) and the ``version`` it was ordered from."""
    line = {"order_id": order_id, "line_id": line_id, "placed_on": placed_on, "tier": tier, "channel": channel,
            "configurable_id": version.configurable_id, "version": version.number, "source": source}
    revenues = option_revenues(snapshot, version.definition)
    options = []
    for option in snapshot.get("options", ()):
        revenue, from_rules = revenues[option["code"]]
        options.append(OptionFact(**line, group=option["group"], option=option["code"], quantity=quantity,
                                  revenue=revenue * quantity, rule_revenue=from_rules * quantity))
    rules = [PriceRuleFact(**line, rule=label[:120], quantity=quantity, amount=amount * quantity)
             for label, amount in rule_amounts(snapshot)]
    return options, rules


def units_to_reverse(lines):
    """{line id: units whose sale no longer stands}: all of them once the order is cancelled; otherwise the units
    taken back by resolved returns plus those refunded by refunds that were no return's, never more than were
    ordered."""
    taken = units_taken_back([line.pk for line in lines])
    refunded = defaultdict(list)
    for line_id, event_id, quantity in (PaymentEventQuantity.objects
                                        .filter(line__in=lines, event__event_type__name=REFUNDED)
                                        .values_list("line_id", "event_id", "quantity")):
        refunded[line_id].append((event_id, quantity))
    reverse = {}
    for line in lines:
        if line.order.status == CANCELLED:
            reverse[line.pk] = line.quantity
            continue
        returned, return_events = taken.get(line.pk, (0, frozenset()))
        other = sum(quantity for event_id, quantity in refunded[line.pk] if event_id not in return_events)
        reverse[line.pk] = min(line.quantity, returned + other)
    return reverse


@transaction.atomic
def reconcile_reversals(*, line_ids):
    """Bring the facts of these lines in line with the units that no longer stand: write the reversal of the units
    not reversed yet (negative copies of the line's facts, pro rata). Returns the units reversed now."""
    configured = (OrderLineConfiguration.objects.filter(line_id__in=set(line_ids))
                  .select_related("line__order").order_by("line_id"))
    lines = [configuration.line for configuration in configured]
    if not lines:
        return 0
    targets = units_to_reverse(lines)
    done = 0
    for line in lines:
        reversal, _ = LineReversal.objects.select_for_update().get_or_create(line_id=line.pk)
        units = targets[line.pk] - reversal.units
        if units <= 0:
            continue
        source = "cancelled" if line.order.status == CANCELLED else "taken back"
        _write_reversal(line, units, source)
        reversal.units += units
        reversal.save(update_fields=["units"])
        done += units
    return done


def _write_reversal(line, units, source):
    """Negative copies of the line's sold facts for ``units`` of them, their amounts pro rata to the cent."""
    for model, amounts in ((OptionFact, ("revenue", "rule_revenue")), (PriceRuleFact, ("amount",))):
        model.objects.bulk_create(_reversal_of(fact, units, source, amounts)
                                  for fact in model.objects.filter(line_id=line.pk, source="order"))


def _reversal_of(fact, units, source, amounts):
    for name in amounts:
        setattr(fact, name, -cents(getattr(fact, name) * units / fact.quantity))
    fact.pk, fact.quantity, fact.source = None, -units, source
    return fact
