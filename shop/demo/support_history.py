"""Two months of past help-desk work for the demo (`make run` only), so the support lead's reports have figures:
requests by kind and channel, answered and resolved after realistic delays (some late), surveys answered with a
mix of ratings (a low one reopens its request), complaints with causes and compliments for teams.

Every step goes through the desk's own services at the moment it happened, so the service-level clocks, the
change log and the surveys are the ones the desk itself would have recorded. Deterministic: the same seed each time.
"""

import random
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from django.utils import timezone
from oscar.core.loading import get_model

HISTORY_SIZE = 48
DAYS_BACK = 60
# The longest story below runs about five days from the first message to a low rating's follow-up (first reply
# after up to 25 h, the customer's answer after up to 30 h, the resolution 20 h later, the follow-up a day after
# that), and a message is written up to 20 h after midnight of its day: starting six days back, every story ends
# at least a day before now.
MIN_DAYS_BACK = 6
GUESTS = [
    ("Marie Dubois", "marie.dubois@example.net"), ("Jan Peeters", "jan.peeters@example.net"),
    ("Lotte Jansen", "lotte.jansen@example.net"), ("Ahmed Benali", "ahmed.benali@example.net"),
    ("Sofie Claes", "sofie.claes@example.net"), ("Tom Willems", "tom.willems@example.net"),
    ("Elena Rossi", "elena.rossi@example.net"), ("Noah Maes", "noah.maes@example.net"),
]
# kind, weight, subjects and first messages
KINDS = [
    ("order", 8, [("Change my delivery address", "We are moving next week: can the order go to our new address?"),
                  ("Invoice with VAT number", "Could you send an invoice with our company's VAT number on it?")]),
    ("scheduling", 9, [("When does it ship?", "Hello, when will my order leave the workshop?"),
                       ("Delivery before a birthday", "Is there any chance it arrives before the 14th?")]),
    ("product", 7, [("Which size should I order?", "I am between two sizes: which one fits better?"),
                    ("Is the leather waterproof?", "Can I wear the full-grain leather in the rain?")]),
    ("pricing", 3, [("Discount for two?", "We would like to order two: is there a discount?")]),
    ("complaint", 6, [("Stitching came loose", "After two weeks the stitching at the heel came loose."),
                      ("Colour is not what I chose", "The colour looks different from what I configured."),
                      ("Parcel arrived late", "The parcel arrived four days after the date you gave me.")]),
    ("compliment", 4, [("Thank you!", "It is beautiful and exactly what I configured. Thank you all."),
                       ("Great advice", "The advice on the frame size was spot on. Thanks!")]),
    ("other", 2, [("Visiting the workshop", "Can we visit the workshop on a Saturday?")]),
]
CHANNELS = [("web", 12), ("email", 6), ("phone", 3), ("in_person", 1), ("post", 1)]
COMPLAINT_CAUSES = {"Stitching came loose": "quality", "Colour is not what I chose": "wrong_configuration",
                    "Parcel arrived late": "late"}
TEAMS = ["workshop", "customer_service", "product_advice", "delivery"]
RATINGS = [5, 5, 5, 5, 4, 4, 4, 3, 2, 1]
COMMENTS = {5: "Quick and friendly, thank you.", 4: "Helpful.", 3: "It took a while.",
            2: "I had to ask twice.", 1: "My problem is not solved."}


@contextmanager
def at(moment):
    """The desk's services read the clock through django.utils.timezone.now: let it read `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _office_time(rng, day):
    """A moment on `day` when people write: weekdays 8:00–20:00 (some before and after business hours)."""
    while day.weekday() == 6:
        day -= timedelta(days=1)
    return day.replace(hour=rng.randint(8, 19), minute=rng.randint(0, 59), second=0, microsecond=0)


def seed_request_history(*, shopper, agent, now=None, size=HISTORY_SIZE):
    """Past requests, every one finished at least a day before `now`; returns how many were made."""
    from support import services, surveys
    from support.models import Channel, Status

    rng = random.Random(20261201)
    now = now or timezone.now()
    orders = list(get_model("order", "Order").objects.filter(user=shopper).prefetch_related("lines"))
    made = 0
    for _ in range(size):
        created = _office_time(rng, now - timedelta(days=rng.randint(MIN_DAYS_BACK, DAYS_BACK)))
        kind = _weighted(rng, [(k, w) for k, w, _ in KINDS])
        subject, body = rng.choice(next(options for k, _, options in KINDS if k == kind))
        channel = _weighted(rng, CHANNELS)
        by_shopper = bool(orders) and (kind == "complaint" or rng.random() < 0.2)  # complaints need an order
        name, email = (shopper.get_full_name(), shopper.email) if by_shopper else rng.choice(GUESTS)
        order = rng.choice(orders) if by_shopper and kind in ("complaint", "order", "scheduling") else None
        with at(created):
            request = services.open_request(
                kind=kind, subject=subject, body=body, email=email, name=name, channel=channel,
                customer=shopper if by_shopper else None, order=order,
                line=order.lines.all()[0] if order is not None and kind == "complaint" else None,
                logged_by=agent if channel in (Channel.PHONE, Channel.IN_PERSON, Channel.POST) else None,
                cause=COMPLAINT_CAUSES.get(subject, ""), team=rng.choice(TEAMS) if kind == "compliment" else "",
                notify=False)
        moment = created + timedelta(minutes=rng.choice([12, 25, 40, 75, 130, 240, 420, 900, 1500]))
        if rng.random() < 0.3:  # the agent needs more from the customer first
            with at(moment):
                services.add_staff_reply(request, agent=agent, status=Status.WAITING,
                                         body=f"Hello {request.customer_first_name},\n\nCould you tell us a little "
                                              "more, or send a photo?\n\nSofia")
            moment += timedelta(hours=rng.randint(2, 30))
            with at(moment):
                request, _ = services.add_customer_reply(request, body="Here you are, I hope this helps.",
                                                         author=request.customer)
            moment += timedelta(minutes=rng.choice([30, 90, 300, 1200]))
        with at(moment):
            services.add_staff_reply(request, agent=agent, status=Status.RESOLVED,
                                     body=f"Hello {request.customer_first_name},\n\nThank you for writing: it is "
                                          "taken care of.\n\nBest wishes,\nSofia")
        survey = surveys.open_surveys(request).first()
        if survey is not None and rng.random() < 0.6:
            rating = rng.choice(RATINGS)
            with at(moment + timedelta(hours=rng.randint(1, 20))):
                services.answer_survey(survey, rating=rating, solved=rating >= 3, agent_helpful=rating >= 3,
                                      comment=COMMENTS[rating] if rng.random() < 0.5 else "")
            request.refresh_from_db()
            if request.status == Status.OPEN:  # a low rating reopened it: someone followed up
                with at(moment + timedelta(days=1)):
                    services.add_staff_reply(request, agent=agent, status=Status.RESOLVED,
                                             body=f"Hello {request.customer_first_name},\n\nI am sorry it was not "
                                                  "right the first time. We are sending a replacement.\n\nSofia")
        made += 1
    services.close_resolved_requests(older_than=timedelta(days=7))
    return made

