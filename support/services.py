"""What happens to a request: opening, replies and notes, assignment, priority, status, satisfaction answers;
each change logged.

Every function takes keyword arguments, runs in one transaction and leaves the request saved, its
service-level clocks up to date and an entry per change in its log. E-mails to the customer go out
after the transaction commits (Celery tasks, eager in development and tests).
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from configurator.production.selectors import order_ship_date
from shop.dates import long_date
from shop.outbox.services import dispatch_on_commit
from support import sla, surveys, tasks
from support.attachments import MAX_ATTACHMENTS_PER_MESSAGE, CheckedFile, check_attachment
from support.macros import fill_variables, name_after_the
from support.models import (
    STATUS_TRANSITIONS,
    Attachment,
    Author,
    Cause,
    Channel,
    Kind,
    Macro,
    Message,
    Priority,
    RequestEvent,
    SatisfactionSurvey,
    Status,
    SupportRequest,
    Team,
)
from support.routing import raise_for_priority_handling, route_request

UNCHANGED = object()


class IllegalChange(ValidationError):
    pass


def actor_name(user):
    if user is None:
        return "System"
    return user.get_full_name() or user.email


def log_change(request, *, actor, field, old="", new="", at=None, actor_label=None):
    return RequestEvent.objects.create(request=request, actor=actor, actor_name=actor_label or actor_name(actor),
                                       field=field, old_value=str(old)[:200], new_value=str(new)[:200],
                                       created_at=at or timezone.now())


def _save_attachments(message, files):
    files = list(files or ())
    if len(files) > MAX_ATTACHMENTS_PER_MESSAGE:
        raise ValidationError(f"At most {MAX_ATTACHMENTS_PER_MESSAGE} attachments per message.")
    checked = [file if isinstance(file, CheckedFile) else check_attachment(file) for file in files]
    for item in checked:
        attachment = Attachment(message=message, filename=item.filename, content_type=item.content_type,
                                size=len(item.content))
        attachment.file.save(item.filename, ContentFile(item.content), save=False)
        attachment.save()


def _add_message(request, *, role, body, author=None, author_name="", internal=False, channel=None,
                 attachments=(), body_html="", email_message_id=None, at=None):
    body = (body or "").strip()
    if not body and not attachments:
        raise ValidationError("Write a message.")
    message = Message.objects.create(
        request=request, author_role=role, author=author, author_name=author_name or actor_name(author),
        is_internal=internal, channel=channel or request.channel, body=body, body_html=body_html,
        email_message_id=email_message_id, created_at=at or timezone.now())
    _save_attachments(message, attachments)
    return message


@transaction.atomic
def open_request(*, kind, subject, body, email, channel=Channel.WEB, customer=None, name="", order=None, line=None,
                 attachments=(), logged_by=None, priority=None, cause="", team="", body_html="",
                 email_message_id=None, notify=True, sender_verified=True):
    """A new request from a customer (or logged by an agent for a call, visit or letter), routed to a queue."""
    now = timezone.now()
    if line is not None and order is not None and line.order_id != order.pk:
        raise ValidationError("That item is not part of that order.")
    if line is not None and order is None:
        order = line.order
    request = SupportRequest(
        kind=kind, channel=channel, subject=subject.strip()[:150] or "(no subject)", customer=customer,
        email=email, name=name.strip()[:120], order=order, line=line, priority=priority or Priority.NORMAL,
        cause=cause, team=team, logged_by=logged_by, created_at=now, updated_at=now,
        last_customer_message_at=now, sender_verified=sender_verified)
    route_request(request)
    if priority:  # an agent's explicit choice wins over the routing rule's
        request.priority = priority
    routed_priority = request.priority
    perk = raise_for_priority_handling(request)  # a loyal customer's request: high priority at least
    sla.start_clock(request, now)
    request.save()
    author_label = (f"{request.name or email} (logged by {actor_name(logged_by)})" if logged_by
                    else request.name or (customer.get_full_name() if customer else "") or email)
    _add_message(request, role=Author.CUSTOMER, body=body, author=customer, author_name=author_label,
                 attachments=attachments, body_html=body_html, email_message_id=email_message_id, at=now)
    log_change(request, actor=logged_by or customer, actor_label=None if (logged_by or customer) else author_label,
               field="created", new=f"{request.get_kind_display()} via {request.get_channel_display()}"
                                    f"{' → ' + request.queue.name if request.queue else ''}", at=now)
    if perk:
        log_change(request, actor=None, actor_label=perk, field="priority", old=Priority(routed_priority).label,
                   new=Priority(request.priority).label, at=now)
    if notify:
        dispatch_on_commit(tasks.send_request_received, request.pk)
    return request


def open_follow_up(request, *, subject, body, **fields):
    """A new request continuing a closed one: the same customer, kind, order and line; its log names the first."""
    follow_up = open_request(kind=request.kind, subject=f"Follow-up to {request.reference}: {subject}"[:150],
                             body=body, email=request.email, customer=request.customer, name=request.name,
                             order=request.order, line=request.line, **fields)
    log_change(follow_up, actor=None, field="follow-up of", new=request.reference)
    return follow_up


@transaction.atomic
def add_customer_reply(request, *, body, author=None, author_name="", attachments=(), channel=None, body_html="",
                       email_message_id=None):
    """The customer writes again: a waiting or resolved request reopens; a closed one gets a follow-up request.

    `author_name` names someone else on the customer's side (a colleague copied on the thread); by default the
    message is the requester's."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == Status.CLOSED:
        follow_up = open_follow_up(request, subject=request.subject, body=body, channel=channel or request.channel,
                                   attachments=attachments, body_html=body_html, email_message_id=email_message_id)
        return follow_up, follow_up.messages.get()
    now = timezone.now()
    name = author_name or request.name or (author.get_full_name() if author else "") or request.email
    message = _add_message(request, role=Author.CUSTOMER, body=body, author=author, author_name=name,
                           channel=channel, attachments=attachments, body_html=body_html,
                           email_message_id=email_message_id, at=now)
    request.last_customer_message_at = request.updated_at = now
    if request.status in (Status.WAITING, Status.RESOLVED):
        _move(request, Status.OPEN, actor=author, actor_label=None if author else name, now=now)
    request.save()
    return request, message


@transaction.atomic
def add_staff_reply(request, *, agent, body, attachments=(), status=None, macro=None):
    """A public reply: the first one stops the first-response clock; a new request becomes open."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    now = timezone.now()
    if request.status == Status.CLOSED:
        raise IllegalChange("This request is closed: open a new one to write to the customer again.")
    message = _add_message(request, role=Author.STAFF, body=body, author=agent, attachments=attachments, at=now)
    sla.record_first_response(request, now)
    if request.assignee_id is None:
        log_change(request, actor=agent, field="assignee", old="", new=actor_name(agent), at=now)
        request.assignee = agent
    target = status or (Status.OPEN if request.status in (Status.NEW, Status.RESOLVED) else None)
    if target and target != request.status:
        _move(request, target, actor=agent, now=now)
    if macro is not None:
        Macro.objects.filter(pk=macro.pk).update(usage_count=macro.usage_count + 1)
    request.updated_at = now
    request.save()
    dispatch_on_commit(tasks.send_staff_reply, message.pk)
    return message


@transaction.atomic
def add_desk_message(request, *, body):
    """A public message from the desk itself (no agent), shown in the conversation; not e-mailed on its own."""
    message = _add_message(request, role=Author.SYSTEM, author_name="Atelier", body=body)
    SupportRequest.objects.filter(pk=request.pk).update(updated_at=message.created_at)
    return message


@transaction.atomic
def add_internal_note(request, *, agent, body, attachments=()):
    """A note for colleagues only: never e-mailed, never shown to the customer (without an agent: the desk's own)."""
    message = _add_message(request, role=Author.STAFF if agent else Author.SYSTEM, body=body, author=agent,
                           internal=True, attachments=attachments)
    SupportRequest.objects.filter(pk=request.pk).update(updated_at=message.created_at)
    return message


@transaction.atomic
def change_request(request, *, actor, assignee=UNCHANGED, priority=UNCHANGED, status=UNCHANGED, queue=UNCHANGED,
                   kind=UNCHANGED, cause=UNCHANGED, team=UNCHANGED):
    """Assignment, priority, status, queue, kind, cause and team, each change in the log; clocks follow."""
    # of=self: PostgreSQL cannot lock the nullable side of the outer joins to the assignee and queue
    request = (SupportRequest.objects.select_for_update(of=("self",)).select_related("assignee", "queue")
               .get(pk=request.pk))
    now = timezone.now()
    changed = False
    if assignee is not UNCHANGED and assignee != request.assignee:
        log_change(request, actor=actor, field="assignee", old=actor_name(request.assignee) if request.assignee
                   else "", new=actor_name(assignee) if assignee else "", at=now)
        request.assignee = assignee
        changed = True
    if queue is not UNCHANGED and queue != request.queue:
        log_change(request, actor=actor, field="queue", old=request.queue or "", new=queue or "", at=now)
        request.queue = queue
        changed = True
    for field, value, choices in (("kind", kind, Kind.choices), ("cause", cause, Cause.choices),
                                  ("team", team, Team.choices)):
        if value is not UNCHANGED and value != getattr(request, field):
            labels = dict(choices)
            log_change(request, actor=actor, field=field, old=labels.get(getattr(request, field), ""),
                       new=labels.get(value, ""), at=now)
            setattr(request, field, value)
            changed = True
    if priority is not UNCHANGED and priority != request.priority:
        _change_priority(request, priority, actor=actor, now=now)
        changed = True
    if status is not UNCHANGED and status != request.status:
        _move(request, status, actor=actor, now=now)
        changed = True
    if changed:
        request.updated_at = now
        request.save()
    return request


def _change_priority(request, priority, *, actor, now, actor_label=None):
    """Change the priority (not saved), logged; the service-level due dates follow."""
    log_change(request, actor=actor, actor_label=actor_label, field="priority", old=Priority(request.priority).label,
               new=Priority(priority).label, at=now)
    request.priority = priority
    sla.refresh_due_dates(request)


def _move(request, status, *, actor, now, actor_label=None):
    """Change the status (not saved): the clocks, the survey and the resolution dates follow."""
    if status not in STATUS_TRANSITIONS[request.status]:
        raise IllegalChange(f"A {request.get_status_display().lower()} request cannot become "
                            f"“{dict(Status.choices)[status].lower()}”.")
    labels = dict(Status.choices)
    log_change(request, actor=actor, actor_label=actor_label, field="status", old=labels[request.status],
               new=labels[status], at=now)
    was = request.status
    request.status = status
    if status in SupportRequest.ACTIVE_STATUSES:
        if was in (Status.RESOLVED, Status.CLOSED):
            request.reopen_count += 1
            request.resolved_at = None
            surveys.cancel_open_surveys(request, now=now)
        sla.start_clock(request, now)
    elif status == Status.WAITING:
        sla.stop_clock(request, now)
    elif status == Status.RESOLVED:
        sla.record_resolution(request, now)
        request.resolved_at = now
        surveys.send_survey(request, agent=request.assignee, now=now)
    elif status == Status.CLOSED:
        if was != Status.RESOLVED:
            sla.record_resolution(request, now)
        request.closed_at = now


@transaction.atomic
def close_resolved_requests(*, older_than):
    """Resolved requests nobody wrote to for a while are closed (replies then open a follow-up)."""
    cutoff = timezone.now() - older_than
    closed = 0
    for request in SupportRequest.objects.select_for_update().filter(status=Status.RESOLVED, resolved_at__lt=cutoff):
        _move(request, Status.CLOSED, actor=None, now=timezone.now())
        request.save()
        closed += 1
    return closed


@transaction.atomic
def mark_breaches(*, now=None):
    """Flag requests whose first-response or resolution due date has passed; each flag is logged once."""
    now = now or timezone.now()
    marked = 0
    first = SupportRequest.objects.select_for_update().filter(
        first_response_due_at__lt=now, first_response_breached=False, first_responded_at__isnull=True)
    for request in first:
        request.first_response_breached = True
        request.save(update_fields=["first_response_breached"])
        log_change(request, actor=None, field="service level", new="first response target missed", at=now)
        marked += 1
    resolution = SupportRequest.objects.select_for_update().filter(
        resolution_due_at__lt=now, resolution_breached=False, status__in=SupportRequest.ACTIVE_STATUSES)
    for request in resolution:
        request.resolution_breached = True
        request.save(update_fields=["resolution_breached"])
        log_change(request, actor=None, field="service level", new="resolution target missed", at=now)
        marked += 1
    return marked


def macro_values(request, agent):
    """The values a macro's variables take for this request."""
    order = request.order
    line = request.line or (order.lines.first() if order else None)
    ship_date = order_ship_date(order) if order else None
    customer_name = (request.customer.get_full_name() if request.customer_id else "") or request.name
    return {
        "first_name": request.customer_first_name, "customer_name": customer_name or request.customer_first_name,
        "reference": request.reference, "order_number": order.number if order else "",
        "ship_date": long_date(ship_date), "product": name_after_the(line.title) if line else "",
        "agent_first_name": (agent.first_name or actor_name(agent)) if agent else "",
    }


def fill_macro(request, macro, agent):
    """The macro's text for this request (a FilledMacro: the text, and the variables that had no value)."""
    return fill_variables(macro.body, macro_values(request, agent))


@transaction.atomic
def answer_survey(survey, *, rating, solved, agent_helpful=None, comment=""):
    """Record the answer once; a rating of 1 or 2 reopens the request so someone follows up."""
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
    if rating in surveys.LOW_RATINGS:
        follow_up_on_low_rating(request, survey=survey, now=now)
    return survey


def follow_up_on_low_rating(request, *, survey, now):
    """A resolved request reopens at high priority; a closed one gets a follow-up request carrying the comment."""
    if request.status == Status.RESOLVED:
        _move(request, Status.OPEN, actor=None, actor_label="Satisfaction survey", now=now)  # the clocks restart
        if request.priority in (Priority.LOW, Priority.NORMAL):
            _change_priority(request, Priority.HIGH, actor=None, actor_label="Satisfaction survey", now=now)
        request.updated_at = now
        request.save()
        return request
    if request.status == Status.CLOSED:
        return open_follow_up(
            request, subject=f"rated {survey.rating}/5", priority=Priority.HIGH, notify=False,
            body=survey.comment or f"The customer rated {request.reference} {survey.rating} out of 5.")
    return request
