"""The help desk's customer e-mails, sent in the background (periodic housekeeping is in ``jobs``)."""

from celery import shared_task

from support.links import survey_url
from support.models import Message, SatisfactionSurvey, SupportRequest
from support.notifications import (
    REQUEST_RECEIVED,
    REQUEST_RESOLVED,
    STAFF_REPLY,
    request_context,
    send_to_customer,
)


@shared_task
def send_request_received(request_id):
    request = SupportRequest.objects.select_related("customer", "order").get(pk=request_id)
    message = request.messages.first()
    send_to_customer(request, REQUEST_RECEIVED, request_context(request, message=message))


@shared_task
def send_staff_reply(message_id):
    message = Message.objects.select_related("request__customer", "author").get(pk=message_id)
    if message.is_internal:
        return
    request = message.request
    sent_as = send_to_customer(request, STAFF_REPLY, request_context(request, message=message))
    if not message.email_message_id:
        Message.objects.filter(pk=message.pk).update(email_message_id=sent_as)


@shared_task
def send_request_resolved(survey_id):
    survey = SatisfactionSurvey.objects.select_related("request__customer").get(pk=survey_id)
    if not survey.is_open:
        return
    request = survey.request
    send_to_customer(request, REQUEST_RESOLVED, request_context(request, survey_url=survey_url(survey)))

