"""The help desk's personal data: a customer's requests, the public messages of their conversations (internal
notes are the staff's and stay out), the files they sent, their survey answers, and each change of a request."""

from django.db.models import Max, Q

from shop.privacy.records import ERASED, owned, records
from shop.privacy.registry import Export, Subject, register, register_access_point, register_retention
from support.models import Attachment, Message, RequestEvent, SatisfactionSurvey, SupportRequest


def requests_of(subject):
    query = owned(subject, user_field="customer", email_field="email")
    if subject.user is not None:
        query &= Q(customer=subject.user) | Q(customer__isnull=True)
    return SupportRequest.objects.filter(query)


def export_support(subject):
    requests = requests_of(subject)
    messages = Message.objects.filter(request__in=requests, is_internal=False).select_related("request")
    attachments = list(Attachment.objects.filter(message__in=messages).select_related("message__request"))
    return Export(
        records={
            "requests": records(requests.select_related("order"), [
                "reference", "kind", "subject", "status", "channel", "name", "email", ("order", "order.number"),
                "created_at", "resolved_at", "closed_at"]),
            "messages": records(messages, [("request", "request.reference"), "author_role", "author_name", "channel",
                                           "body", "created_at"]),
            "attachments": [{"request": a.message.request.reference, "filename": a.filename,
                             "file": f"{a.pk}-{a.filename}"} for a in attachments],
            "surveys": records(SatisfactionSurvey.objects.filter(request__in=requests).select_related("request"), [
                ("request", "request.reference"), "sent_at", "answered_at", "rating", "solved", "agent_helpful",
                "comment"]),
            "changes": records(RequestEvent.objects.filter(request__in=requests).select_related("request"), [
                ("request", "request.reference"), "actor_name", "field", "old_value", "new_value", "created_at"]),
        },
        files=[(f"{a.pk}-{a.filename}", a.file.path) for a in attachments if a.file])


def erase_support(subject):
    """Requests stay as counts for the desk's reports (kind, channel, dates, service levels), their customer's name
    and e-mail gone, every message body redacted, the files they sent deleted from storage, survey comments gone."""
    return redact(requests_of(subject), email=subject.placeholder)


def redact(requests, *, email):
    """The conversations of these requests redacted (see erase_support); returns how many rows changed."""
    erased = 0
    for attachment in Attachment.objects.filter(message__request__in=requests):
        attachment.file.delete(save=False)
        attachment.delete()
        erased += 1
    erased += Message.objects.filter(request__in=requests).update(body=ERASED, body_html="")
    Message.objects.filter(request__in=requests, author_role="customer").update(author_name="Customer")
    RequestEvent.objects.filter(request__in=requests, actor__isnull=True).update(actor_name="Customer")
    RequestEvent.objects.filter(request__in=requests, field="subject").update(old_value=ERASED, new_value=ERASED)
    SatisfactionSurvey.objects.filter(request__in=requests).update(comment="")
    return erased + requests.update(email=email, name="", subject=ERASED)


register("Support requests", models=[
    "support.SupportRequest", "support.Message", "support.Attachment", "support.SatisfactionSurvey",
    "support.RequestEvent"], export=export_support, erase=erase_support)


def _request_opened(kwargs):
    found = (SupportRequest.objects.filter(reference=kwargs.get("reference")).select_related("customer")
             .only("reference", "email", "customer__email").first())
    if found is None:
        return None
    return Subject.of(user=found.customer, email=found.email), f"Support request {found.reference}"


register_access_point("dashboard:support-request", subject_of=_request_opened)


def expire_closed_conversations(cutoff, *, dry_run):
    """Closed requests whose last message is older than ``cutoff``: their conversations redacted (the request stays
    as a count for the reports)."""
    stale = (SupportRequest.objects.filter(status="closed").exclude(subject=ERASED)
             .annotate(last=Max("messages__created_at")).filter(last__lt=cutoff))
    found = [f"Support request {r.reference} (closed; last message {r.last:%Y-%m-%d})" for r in stale]
    if found and not dry_run:
        redact(SupportRequest.objects.filter(pk__in=[r.pk for r in stale]), email="erased@erased.invalid")
    return found


register_retention("Closed support conversations", expire=expire_closed_conversations)
