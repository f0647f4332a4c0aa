"""Two months of past help-desk work for the demo (`make run` only), so the support lead's reports have figures:
requests by kind and channel, answered and resolved after realistic delays (some late), surveys answered with a
mix of ratings (a low one reopens its request), complaints with causes and compliments for teams.

Every step goes through the desk's own services at the moment it happened, so the service-level clocks, the
change log and the surveys are the ones the desk itself would have recorded. Deterministic: the same seed each time.

What people write (guests, kinds of request with their subjects and first messages, channels, teams, ratings,
comments, replies) is data: shop/demo/data/support_history.toml, checked before the seed uses it. How a story runs
(its delays and odds) is below.
"""

import random
from contextlib import contextmanager
from datetime import timedelta
from typing import Annotated
from unittest import mock

from django.utils import timezone
from oscar.core.loading import get_model
from pydantic import AfterValidator, Field, model_validator

from shop.demo.datafile import DATA_DIR, Data, Letter, Text, choices, read
from support import services, surveys
from support.models import Channel, Status, SupportRequest

HISTORY_SIZE = 48
DAYS_BACK = 60
# The longest story below runs about five days from the first message to a low rating's follow-up (first reply
# after up to 25 h, the customer's answer after up to 30 h, the resolution 20 h later, the follow-up a day after
# that), and a message is written up to 20 h after midnight of its day: starting six days back, every story ends
# at least a day before now.
MIN_DAYS_BACK = 6
LOGGED_CHANNELS = (Channel.PHONE, Channel.IN_PERSON, Channel.POST)  # an agent types these in

Name = Annotated[str, Field(min_length=1)]
Weight = Annotated[int, Field(gt=0)]
Rating = Annotated[int, Field(ge=1, le=5)]


class Guest(Data):
    name: Name
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")]


class Story(Data):
    subject: Name
    message: Text
    cause: choices(SupportRequest, "cause", blank=True) = ""


class RequestKind(Data):
    kind: choices(SupportRequest, "kind")
    weight: Weight
    stories: list[Story] = Field(min_length=1)


class ChannelShare(Data):
    channel: choices(SupportRequest, "channel")
    weight: Weight


class Comment(Data):
    rating: Rating
    text: Name


def fills_first_name_only(text):
    try:
        text.format(first_name="Sam")
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(f"only {{first_name}} can be filled in, not {error}") from None
    return text


Reply = Annotated[Letter, AfterValidator(fills_first_name_only)]


class Replies(Data):
    ask_for_more: Reply
    customer_answer: Reply
    resolved: Reply
    follow_up: Reply


class History(Data):
    guests: list[Guest] = Field(min_length=1)
    channels: list[ChannelShare] = Field(min_length=1)
    teams: list[choices(SupportRequest, "team")] = Field(min_length=1)
    ratings: list[Rating] = Field(min_length=1)
    comments: list[Comment]
    replies: Replies
    kinds: list[RequestKind] = Field(min_length=1)

    @model_validator(mode="after")
    def complete(self):
        missing = sorted(set(self.ratings) - {comment.rating for comment in self.comments})
        if missing:
            raise ValueError(f"comments: give a comment for rating {', '.join(map(str, missing))}")
        return self


def load_history(data_dir=DATA_DIR):
    return read(data_dir / "support_history.toml", History)


HISTORY = load_history()


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
    rng = random.Random(20261201)
    now = now or timezone.now()
    # newest first (orders placed at one moment, as under a frozen clock, in the order they were placed)
    orders = list(get_model("order", "Order").objects.filter(user=shopper).order_by("-date_placed", "pk")
                  .prefetch_related("lines"))
    replies = HISTORY.replies
    comments = {comment.rating: comment.text for comment in HISTORY.comments}
    made = 0
    for _ in range(size):
        created = _office_time(rng, now - timedelta(days=rng.randint(MIN_DAYS_BACK, DAYS_BACK)))
        kind = _weighted(rng, [(kind, kind.weight) for kind in HISTORY.kinds])
        story = rng.choice(kind.stories)
        channel = _weighted(rng, [(channel.channel, channel.weight) for channel in HISTORY.channels])
        by_shopper = bool(orders) and (kind.kind == "complaint" or rng.random() < 0.2)  # complaints need an order
        if by_shopper:
            name, email = shopper.get_full_name(), shopper.email
        else:
            guest = rng.choice(HISTORY.guests)
            name, email = guest.name, guest.email
        order = rng.choice(orders) if by_shopper and kind.kind in ("complaint", "order", "scheduling") else None
        with at(created):
            request = services.open_request(
                kind=kind.kind, subject=story.subject, body=story.message, email=email, name=name, channel=channel,
                customer=shopper if by_shopper else None, order=order,
                line=order.lines.all()[0] if order is not None and kind.kind == "complaint" else None,
                logged_by=agent if channel in LOGGED_CHANNELS else None,
                cause=story.cause, team=rng.choice(HISTORY.teams) if kind.kind == "compliment" else "",
                notify=False)
        moment = created + timedelta(minutes=rng.choice([12, 25, 40, 75, 130, 240, 420, 900, 1500]))
        if rng.random() < 0.3:  # the agent needs more from the customer first
            with at(moment):
                services.add_staff_reply(request, agent=agent, status=Status.WAITING,
                                         body=replies.ask_for_more.format(first_name=request.customer_first_name))
            moment += timedelta(hours=rng.randint(2, 30))
            with at(moment):
                request, _ = services.add_customer_reply(request, body=replies.customer_answer,
                                                         author=request.customer)
            moment += timedelta(minutes=rng.choice([30, 90, 300, 1200]))
        with at(moment):
            services.add_staff_reply(request, agent=agent, status=Status.RESOLVED,
                                     body=replies.resolved.format(first_name=request.customer_first_name))
        survey = surveys.open_surveys(request).first()
        if survey is not None and rng.random() < 0.6:
            rating = rng.choice(HISTORY.ratings)
            with at(moment + timedelta(hours=rng.randint(1, 20))):
                services.answer_survey(survey, rating=rating, solved=rating >= 3, agent_helpful=rating >= 3,
                                      comment=comments[rating] if rng.random() < 0.5 else "")
            request.refresh_from_db()
            if request.status == Status.OPEN:  # a low rating reopened it: someone followed up
                with at(moment + timedelta(days=1)):
                    services.add_staff_reply(request, agent=agent, status=Status.RESOLVED,
                                             body=replies.follow_up.format(first_name=request.customer_first_name))
        made += 1
    services.close_resolved_requests(older_than=timedelta(days=7))
    return made
