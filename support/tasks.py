"""Background work of the help desk: customer e-mails, service-level breaches, closing resolved requests."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings


@shared_task
def send_request_received(request_id):
    from support.models import SupportRequest
    from support.notifications import REQUEST_RECEIVED, request_context, send_to_customer

    request = SupportRequest.objects.select_related("customer", "order").get(pk=request_id)
    message = request.messages.first()
    send_to_customer(request, REQUEST_RECEIVED, request_context(request, message=message))


@shared_task
def send_staff_reply(message_id):
    from support.models import Message
    from support.notifications import STAFF_REPLY, request_context, send_to_customer

    message = Message.objects.select_related("request__customer", "author").get(pk=message_id)
    if message.is_internal:
        return
    request = message.request
    sent_as = send_to_customer(request, STAFF_REPLY, request_context(request, message=message))
    if not message.email_message_id:
        Message.objects.filter(pk=message.pk).update(email_message_id=sent_as)


@shared_task
def send_request_resolved(survey_id):
    from support.links import survey_url
    from support.models import SatisfactionSurvey
    from support.notifications import REQUEST_RESOLVED, request_context, send_to_customer

    survey = SatisfactionSurvey.objects.select_related("request__customer").get(pk=survey_id)
    if not survey.is_open:
        return
    request = survey.request
    send_to_customer(request, REQUEST_RESOLVED, request_context(request, survey_url=survey_url(survey)))


@shared_task
def mark_service_level_breaches():
    """Every few minutes: flag requests past a due date, so the inbox shows them as breached."""
    from support.services import close_resolved_requests, mark_breaches

    marked = mark_breaches()
    closed = close_resolved_requests(older_than=timedelta(days=settings.SUPPORT_CLOSE_RESOLVED_AFTER_DAYS))
    return {"breaches": marked, "closed": closed}
