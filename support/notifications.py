"""E-mails to the customer about their request, through Oscar's communication event types (editable in the
dashboard under Communications); each greets them by name and carries the reply address of its request."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from oscar.core.loading import get_class

from support import links
from support.sla import targets_for

Dispatcher = get_class("communication.utils", "Dispatcher")
logger = logging.getLogger("support")

REQUEST_RECEIVED, STAFF_REPLY, REQUEST_RESOLVED = "SUPPORT_REQUEST_RECEIVED", "SUPPORT_REPLY", "SUPPORT_RESOLVED"


class SupportDispatcher(Dispatcher):
    """Oscar's dispatcher, with the request's reply address and a Message-ID that threads replies back."""

    def __init__(self, request, **kwargs):
        super().__init__(logger=logger, **kwargs)
        self.support_request = request
        self.message_id = links.new_message_id(request)

    def send_email_messages(self, recipient_email, messages, from_email=None, attachments=None):
        """Oscar's e-mail (its attachments and mail connection honoured), plus the request's reply address, Message-ID
        and reference header."""
        content_attachments, file_attachments = self.prepare_attachments(attachments)
        email = EmailMultiAlternatives(
            messages["subject"], messages["body"], from_email=from_email or settings.SUPPORT_FROM_EMAIL,
            to=[recipient_email], reply_to=[links.reply_address(self.support_request)], attachments=content_attachments,
            headers={"Message-ID": self.message_id, "X-Atelier-Request": self.support_request.reference},
            connection=self.mail_connection)
        if messages.get("html"):
            email.attach_alternative(messages["html"], "text/html")
        for path in file_attachments:
            email.attach_file(path)
        self.logger.info("Sending support e-mail %s to %s", self.message_id, recipient_email)
        email.send()
        return email


def request_context(request, **extra):
    target = targets_for(request.priority)
    return {"support_request": request, "first_name": request.customer_first_name, "request_url":
            links.request_url(request), "reply_hours": round(target[0] / 60) if target else None,
            "reference": request.reference, **extra}


def send_to_customer(request, event_code, context):
    """Render the event type, send it with the request's headers; members also see it under Email history."""
    dispatcher = SupportDispatcher(request)
    messages = dispatcher.get_messages(event_code, context)
    messages["subject"] = f"[{request.reference}] {messages['subject']}".strip()
    if request.customer_id and request.customer.email.lower() == request.email.lower():
        dispatcher.dispatch_user_messages(request.customer, messages)
    else:
        dispatcher.dispatch_direct_messages(request.email, messages)
    return dispatcher.message_id
