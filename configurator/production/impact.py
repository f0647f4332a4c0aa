"""What a change of the workshop's set-up would do to the orders in the queue, before anyone keeps it.

A planner who lowers a workstation's capacity, closes a day or lengthens a routing step first sees which orders
would then ship later (and which sooner), by how much; the change is kept only once they confirm it
(``production.admin``). The change is tried inside a savepoint that is rolled back: the dates compared are the
scheduler's own, from the database as it would be, and nothing (no estimate, no e-mail) outlives the try.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from oscar.core.loading import get_model

from configurator.production.planning import empty_workshop, job_of, open_work_orders, today

Order = get_model("order", "Order")


@dataclass(frozen=True)
class Move:
    """One order's ship date before and after the change."""

    number: str
    customer: str
    before: date
    after: date

    @property
    def days(self):
        """Calendar days later (negative: sooner)."""
        return (self.after - self.before).days


@dataclass
class Impact:
    slips: list = field(default_factory=list)  # Move, the latest first
    gains: list = field(default_factory=list)  # Move, orders that would ship sooner

    @property
    def moves_anything(self):
        return bool(self.slips or self.gains)


def planned_ship_dates(day):
    """{order id: the day its last unit still to ship would ship} with the queue placed as the database stands."""
    workshop = empty_workshop(day)
    dates = {}
    for work_order in open_work_orders().iterator(chunk_size=2000):
        ship = workshop.place(job_of(work_order, day)).ship
        dates[work_order.order_id] = max(ship, dates.get(work_order.order_id, ship))
    return dates


def impact_of(change):
    """The orders whose ship date ``change()`` (a function that writes the change) would move; the change is undone.

    Call it inside the request's transaction (or none): the try runs in a savepoint rolled back at its end, with
    whatever it would have set off on commit (the rescheduling, e-mails) dropped with it."""
    day = today()
    before = planned_ship_dates(day)
    with transaction.atomic():
        change()
        after = planned_ship_dates(day)
        transaction.set_rollback(True)
    moved = {pk: (before[pk], after[pk]) for pk in before.keys() & after.keys() if before[pk] != after[pk]}
    orders = Order._default_manager.filter(pk__in=list(moved)).select_related("user").only(
        "pk", "number", "guest_email", "user__first_name", "user__last_name", "user__email")
    moves = [Move(order.number, customer_of(order), *moved[order.pk]) for order in orders]
    return Impact(slips=sorted((m for m in moves if m.days > 0), key=lambda m: (-m.days, m.number)),
                  gains=sorted((m for m in moves if m.days < 0), key=lambda m: (m.days, m.number)))


def customer_of(order):
    if order.user_id:
        return order.user.get_full_name() or order.user.email
    return order.guest_email or "a guest"
