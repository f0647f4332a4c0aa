"""Inbound e-mail: real .eml files become replies or new requests; loops, auto-replies and duplicates do not."""

import email
import email.policy
import io
import json
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from PIL import Image

from support import links, services
from support.inbound import DUPLICATE, NEW, REJECTED, THREADED, ingest_email
from support.inbound_view import MAX_INBOUND_EMAIL_BYTES, inbound_email
from support.models import Attachment, Author, Channel, Kind, Message, Status, SupportRequest
from tests.orders import paid_order

EML = Path(__file__).parent / "eml"
SECRET = "test-inbound-secret"
AUTHSERV_ID = "mx.atelier.example"


def eml(name, vouch=False, **values):
    """A fixture's bytes with its {{PLACEHOLDERS}} filled in; `vouch`: as our relay passes it (DMARC pass)."""
    raw = (EML / name).read_bytes()
    for key, value in values.items():
        raw = raw.replace(f"{{{{{key}}}}}".encode(), str(value).encode())
    assert b"{{" not in raw, f"{name} still has a placeholder"
    return vouched(raw) if vouch else raw


def vouched(raw, results=None):
    """The message as our relay hands it over: its Authentication-Results on top (DMARC pass for From)."""
    domain = email.message_from_bytes(raw, policy=email.policy.default)["From"].addresses[0].domain.lower()
    header = f"Authentication-Results: {AUTHSERV_ID}; {results or f'dmarc=pass header.from={domain}'}\n"
    return header.encode() + raw


def signed_code(request):
    """What follows "support+" in the request's reply address: its code and the HMAC."""
    return links.reply_address(request).partition("+")[2].partition("@")[0]


def counts():
    return SupportRequest.objects.count(), Message.objects.count(), Attachment.objects.count()


@pytest.fixture(autouse=True)
def inbound_settings(settings, tmp_path):
    settings.SUPPORT_ATTACHMENT_ROOT = tmp_path / "attachments"
    settings.SUPPORT_INBOUND_EMAIL_SECRET = SECRET
    settings.SUPPORT_INBOUND_AUTHSERV_ID = AUTHSERV_ID
    settings.SUPPORT_EMAIL_ADDRESS = "support@atelier.example"


@pytest.fixture
def make_request(db):
    def make(*, email="marie.dubois@example.net", name="Marie Dubois", customer=None, status=None,
             subject="Delivery date"):
        request = services.open_request(kind=Kind.SCHEDULING, subject=subject, body="When can you deliver?",
                                        email=email, name=name, customer=customer, channel=Channel.WEB)
        if status is not None:
            request = services.change_request(request, actor=None, status=status)
        return request

    return make


@pytest.fixture
def agent(db):
    """A staff member with their own mailbox (the demo agent's address is the desk's own address)."""
    return get_user_model().objects.create_user(username="lena.agent", email="lena.agent@atelier.example",
                                                first_name="Lena", last_name="Agent", is_staff=True)


@pytest.fixture
def place_order(db):
    """A paid order of the customer (or of a guest's e-mail) that they can quote the number of."""

    def place(number, *, user=None, guest_email=""):
        return paid_order(user=user, number=number, guest_email=guest_email)

    return place


# --- New requests ----------------------------------------------------------------------------------


def test_a_plain_email_opens_a_new_request_without_its_signature(db):
    result = ingest_email(eml("plain_new_request.eml"))

    assert result.outcome == NEW
    request = result.request
    assert (request.channel, request.kind, request.status) == (Channel.EMAIL, Kind.OTHER, Status.NEW)
    assert request.subject == "Can the oak table be made 10 cm longer?"
    assert (request.email, request.name, request.customer) == ("marie.dubois@example.net", "Marie Dubois", None)
    message = request.messages.get()
    assert message == result.message and message.channel == Channel.EMAIL
    assert message.body.startswith("Hello,\n\nI saw the oak dining table")
    assert message.body.endswith("Kind regards,\nMarie")
    assert "+32 470" not in message.body
    assert message.email_message_id == "<CAF7x9k2mQ1-plain@mail.example.net>"


def test_a_sender_with_an_account_becomes_the_requests_customer(shopper):
    result = ingest_email(eml("order_question.eml", vouch=True, SENDER=shopper.email.upper(), ORDER_NUMBER="no-such-1",
                              MESSAGE_ID="a"))

    assert result.outcome == NEW
    assert result.request.customer == shopper
    assert (result.request.kind, result.request.order) == (Kind.OTHER, None)


def test_an_order_number_of_the_senders_own_order_links_the_order(shopper, place_order):
    place_order("100041", user=shopper)
    order = place_order("100042", user=shopper)

    result = ingest_email(eml("order_question.eml", vouch=True, SENDER=shopper.email, ORDER_NUMBER=order.number,
                              MESSAGE_ID="b"))

    assert (result.request.kind, result.request.order) == (Kind.ORDER_QUESTION, order)


def test_a_guest_orders_number_links_it_for_the_guest_email(place_order):
    order = place_order("100043", guest_email="guest@example.net")

    result = ingest_email(eml("order_question.eml", vouch=True, SENDER="Guest@Example.net", ORDER_NUMBER=order.number,
                              MESSAGE_ID="c"))

    assert (result.request.kind, result.request.order_id) == (Kind.ORDER_QUESTION, order.pk)


def test_someone_elses_order_number_is_not_linked(shopper, place_order):
    order = place_order("100044", user=shopper)

    result = ingest_email(eml("order_question.eml", SENDER="stranger@example.com", ORDER_NUMBER=order.number,
                              MESSAGE_ID="d"))

    assert result.outcome == NEW
    assert (result.request.kind, result.request.order) == (Kind.OTHER, None)


def test_an_html_only_email_loses_scripts_and_handlers_and_reads_as_text(db):
    result = ingest_email(eml("html_only.eml"))

    message = result.request.messages.get()
    assert "<script" not in message.body_html and "onclick" not in message.body_html
    assert "javascript:" not in message.body_html and "document.cookie" not in message.body_html
    assert "<b>walnut</b>" in message.body_html
    assert message.body == ("Hello,\n\nThe walnut chair I bought last month squeaks when I sit down.\n\n"
                            "Can someone have a look?\nThanks, Tom\n\nclick")
    assert result.request.name == "Tom Wouters"


def test_encoded_subject_name_and_filename_are_decoded(db):
    result = ingest_email(eml("encoded_words.eml"))

    request = result.request
    assert request.subject == "Café table – which finish?"
    assert request.name == "Renée Müller"
    assert "Viele Grüße, Renée" in request.messages.get().body
    assert result.message.attachments.get().filename == "café.png"


def test_a_photo_is_attached_and_a_disguised_pdf_is_noted_for_the_agents(db, tmp_path):
    result = ingest_email(eml("attachments.eml", SENDER="marie.dubois@example.net"))

    assert result.outcome == NEW
    attachment = result.message.attachments.get()
    assert (attachment.filename, attachment.content_type) == ("photo.png", "image/png")
    assert Path(attachment.file.path).is_relative_to(tmp_path)
    note = result.request.messages.get(is_internal=True)
    assert note.body.startswith("Attachment “invoice.pdf” was not accepted: ")
    assert (note.author, note.author_name, note.author_role) == (None, "System", Author.SYSTEM)
    assert not Attachment.objects.filter(filename__startswith="invoice").exists()


def test_an_emailed_image_over_40_megapixels_is_noted_for_the_agents_not_kept(db):
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, format="PNG")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "marie.dubois@example.net", "support@atelier.example", "Photo"
    message["Message-ID"] = "<bomb-1@example.net>"
    message.set_content("The scratch, see the photo.")
    message.add_attachment(buffer.getvalue(), maintype="image", subtype="png", filename="scratch.png")
    result = ingest_email(message.as_bytes())

    assert result.outcome == NEW
    assert not result.message.attachments.exists()
    note = result.request.messages.get(is_internal=True)
    assert note.body.startswith("Attachment “scratch.png” was not accepted: “scratch.png” is 10,000 × 10,000 pixels")


def test_a_staff_member_forwarding_a_customers_email_opens_the_request_for_that_customer(agent):
    result = ingest_email(eml("forwarded_rfc822.eml", vouch=True, SENDER=agent.email))

    request = result.request
    assert (request.email, request.name) == ("pieter.janssens@example.be", "Pieter Janssens")
    assert (request.subject, request.channel, request.logged_by) == ("Wobbly leg on my bench", Channel.EMAIL, agent)
    body = request.messages.get().body
    assert "Pieter wrote to my own address" in body
    assert "From: Pieter Janssens <pieter.janssens@example.be>" in body
    assert "One leg of the oak bench we bought in January wobbles." in body


def test_an_inline_forward_by_a_staff_member_is_the_original_senders_request(agent):
    result = ingest_email(eml("forwarded_inline.eml", vouch=True, SENDER=agent.email))

    request = result.request
    assert (request.email, request.name, request.subject) == ("anna.peeters@example.be", "Anna Peeters",
                                                              "Delivery to a third floor")
    assert "carry the wardrobe up the stairs?" in request.messages.get().body


@pytest.mark.parametrize("fixture", ["forwarded_rfc822.eml", "forwarded_inline.eml"])
def test_a_forward_by_a_customer_is_their_own_message(shopper, fixture):
    result = ingest_email(eml(fixture, vouch=True, SENDER=shopper.email))

    request = result.request
    assert (request.email, request.customer, request.logged_by) == (shopper.email, shopper, None)
    assert request.subject.startswith("Fwd: ")
    body = request.messages.get().body
    assert "Forwarded message" in body and ("oak bench" in body or "third floor" in body)


# --- Threading ------------------------------------------------------------------------------------


def test_a_reply_to_the_reply_address_threads_without_its_quoted_history_and_reopens(make_request):
    request = make_request(status=Status.WAITING)

    result = ingest_email(eml("reply_by_address.eml", CODE=signed_code(request), REFERENCE="R-1",
                              SENDER="marie.dubois@example.net"))

    assert (result.outcome, result.request) == (THREADED, request)
    request.refresh_from_db()
    assert request.status == Status.OPEN
    assert request.messages.count() == 2
    assert result.message.body == "Thanks, the 14th works for us. Please deliver in the morning, we leave at\nnoon."
    assert (result.message.author_role, result.message.channel, result.message.author) == (
        Author.CUSTOMER, Channel.EMAIL, None)


def test_a_reply_from_the_requests_customer_is_authored_by_them(make_request, shopper):
    request = make_request(email=shopper.email, customer=shopper)

    result = ingest_email(eml("reply_by_address.eml", CODE=signed_code(request), REFERENCE="R-1", SENDER=shopper.email))

    assert result.message.author == shopper


def test_a_colleague_copied_on_the_thread_replies_under_their_own_name(make_request, shopper):
    request = make_request(email=shopper.email, customer=shopper, name="Sam Shopper")
    raw = eml("reply_by_address.eml", CODE=signed_code(request), REFERENCE="R-1", SENDER="paul.martin@example.net")

    result = ingest_email(raw.replace(b"From: Marie Dubois", b"From: Paul Martin"))

    assert (result.outcome, result.request) == (THREADED, request)
    assert (result.message.author, result.message.author_role) == (None, Author.CUSTOMER)
    assert result.message.author_name == "Paul Martin <paul.martin@example.net>"
    assert request.messages.earliest("created_at").author_name == "Sam Shopper"


def test_a_reply_to_one_of_our_message_ids_threads_and_keeps_only_the_new_html(make_request):
    request = make_request(email="tom.wouters@example.com")

    result = ingest_email(eml("reply_html_only.eml", vouch=True, CODE=request.code, SENDER="tom.wouters@example.com"))

    assert (result.outcome, result.request) == (THREADED, request)
    assert result.message.body == "Tuesday is fine, any time after ten."
    assert "<i>any time</i>" in result.message.body_html
    assert "When can we come by" not in result.message.body_html


def test_a_reply_to_a_stored_message_id_threads_into_that_request(db):
    first = ingest_email(eml("plain_new_request.eml"))

    result = ingest_email(eml("reply_by_references.eml", vouch=True))

    assert (result.outcome, result.request) == (THREADED, first.request)
    assert result.message.body == "Sorry, I forgot: it should also be 5 cm wider, so 95 cm."


def test_an_outlook_from_sent_block_is_cut(make_request):
    request = make_request(email="jan.claes@example.com", name="Jan Claes")

    result = ingest_email(eml("reply_outlook.eml", vouch=True, SENDER="jan.claes@example.com",
                              IN_REPLY_TO=f"support.{request.code}.0a1b2c3d4e5f@atelier.example"))

    assert result.request == request
    assert result.message.body == "Yes, please go ahead with the darker stain.\n\nBest regards,\nJan"


def test_a_reference_in_the_subject_threads_for_the_requests_own_address(make_request):
    request = make_request(email="k.verbeke@example.org", status=Status.WAITING)

    result = ingest_email(eml("subject_reply.eml", vouch=True, SENDER="K.Verbeke@example.org",
                              REFERENCE=request.reference,
                              MESSAGE_ID="right"))

    assert (result.outcome, result.request) == (THREADED, request)
    assert result.message.body == "Friday afternoon is better for us."
    request.refresh_from_db()
    assert request.status == Status.OPEN


def test_a_reference_in_the_subject_threads_for_the_customers_account_address(make_request, shopper):
    request = make_request(email="sam.at.work@example.com", customer=shopper)

    result = ingest_email(eml("subject_reply.eml", vouch=True, SENDER=shopper.email, REFERENCE=request.reference,
                              MESSAGE_ID="account"))

    assert (result.outcome, result.request, result.message.author) == (THREADED, request, shopper)


def test_a_reference_in_the_subject_from_someone_else_opens_a_new_request(make_request):
    request = make_request(email="k.verbeke@example.org")

    result = ingest_email(eml("subject_reply.eml", vouch=True, SENDER="guesser@example.com",
                              REFERENCE=request.reference,
                              MESSAGE_ID="wrong"))

    assert result.outcome == NEW and result.request != request
    assert result.request.email == "guesser@example.com"
    assert request.messages.count() == 1


def test_a_reply_to_a_closed_request_opens_a_follow_up(make_request):
    request = make_request(status=Status.CLOSED)

    result = ingest_email(eml("reply_by_address.eml", CODE=signed_code(request), REFERENCE=request.reference,
                              SENDER="marie.dubois@example.net"))

    assert result.outcome == THREADED and result.request != request
    assert result.request.subject.startswith(f"Follow-up to {request.reference}")
    assert result.request.messages.get().body.startswith("Thanks, the 14th works for us.")


# --- Duplicates and rejections -------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["plain_new_request.eml", "no_message_id.eml"])
def test_the_same_email_twice_is_filed_once(db, fixture):
    first = ingest_email(eml(fixture))
    before = counts()

    again = ingest_email(eml(fixture))

    assert (first.outcome, again.outcome) == (NEW, DUPLICATE)
    assert (again.request, again.message) == (first.request, first.message)
    assert counts() == before


def test_an_email_without_message_id_gets_one_from_its_content(db):
    result = ingest_email(eml("no_message_id.eml"))

    assert result.message.email_message_id.startswith("<inbound.")
    assert result.message.email_message_id.endswith("@atelier.example>")


def test_a_duplicate_reply_does_not_add_a_message(make_request):
    request = make_request(status=Status.WAITING)
    raw = eml("reply_by_address.eml", CODE=signed_code(request), REFERENCE="R-1", SENDER="marie.dubois@example.net")
    ingest_email(raw)
    services.change_request(request, actor=None, status=Status.WAITING)
    before = counts()

    result = ingest_email(raw)

    assert result.outcome == DUPLICATE
    assert counts() == before
    request.refresh_from_db()
    assert request.status == Status.WAITING


def test_an_auto_reply_to_a_request_is_rejected(make_request):
    request = make_request(status=Status.WAITING)
    before = counts()

    result = ingest_email(eml("auto_reply.eml", CODE=signed_code(request), REFERENCE=request.reference))

    assert result.outcome == REJECTED and "Auto-Submitted" in result.reason
    assert counts() == before
    request.refresh_from_db()
    assert request.status == Status.WAITING


@pytest.mark.parametrize("header", ["X-Autoreply: yes", "Precedence: bulk", "Precedence: junk",
                                    "Precedence: auto_reply", "Auto-Submitted: auto-generated"])
def test_automatic_messages_are_rejected(db, header):
    raw = eml("plain_new_request.eml").replace(b"MIME-Version: 1.0", f"{header}\nMIME-Version: 1.0".encode())
    before = counts()

    assert ingest_email(raw).outcome == REJECTED
    assert counts() == before


def test_auto_submitted_no_is_a_person_writing(db):
    raw = eml("plain_new_request.eml").replace(b"MIME-Version: 1.0", b"Auto-Submitted: no\nMIME-Version: 1.0")

    assert ingest_email(raw).outcome == NEW


def test_a_bounce_is_rejected(db):
    before = counts()

    result = ingest_email(eml("bounce.eml"))

    assert result.outcome == REJECTED
    assert counts() == before


@pytest.mark.parametrize("sender", ["support@atelier.example", "SUPPORT@atelier.example",
                                    "support+{code}@atelier.example"])
def test_mail_from_the_desks_own_address_is_a_loop(make_request, sender):
    request = make_request()
    before = counts()

    result = ingest_email(eml("subject_reply.eml", SENDER=sender.format(code=request.code),
                              REFERENCE=request.reference, MESSAGE_ID="loop"))

    assert result.outcome == REJECTED and "loop" in result.reason
    assert counts() == before


@pytest.mark.parametrize("raw", [
    b"", b"\x00\xff\xfe\x00garbage", b"Subject: hello\n\nNo sender at all.",
    b"From: not an address\nSubject: hi\n\nbody", b"From: <@@>\nSubject: hi\n\nbody",
    b"From: =?utf-8?q?broken <\nContent-Type: multipart/mixed; boundary=\"x\"\n\n--x\n",
])
def test_unusable_input_is_rejected_without_an_error(db, raw):
    before = counts()

    result = ingest_email(raw)

    assert result.outcome == REJECTED and result.reason
    assert counts() == before


# --- The management command ------------------------------------------------------------------------


def test_the_command_ingests_files_and_prints_one_line_each(db):
    out = io.StringIO()

    call_command("ingest_email", str(EML / "plain_new_request.eml"), str(EML / "plain_new_request.eml"),
                 str(EML / "bounce.eml"), stdout=out)

    reference = SupportRequest.objects.get(messages__email_message_id="<CAF7x9k2mQ1-plain@mail.example.net>").reference
    lines = [line.split("\t") for line in out.getvalue().splitlines()]
    assert [line[1:3] for line in lines] == [[NEW, reference], [DUPLICATE, reference], [REJECTED, "-"]]
    assert lines[0][0].endswith("plain_new_request.eml")


def test_the_command_reads_standard_input(db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(eml("html_only.eml"))))
    out = io.StringIO()

    call_command("ingest_email", "-", stdout=out)

    assert out.getvalue().startswith(f"-\t{NEW}\tR-")
    assert SupportRequest.objects.filter(email="tom.wouters@example.com").exists()


def test_the_command_fails_for_an_unreadable_file_after_ingesting_the_others(db, tmp_path):
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 of 2 files could not be read"):
        call_command("ingest_email", str(tmp_path / "missing.eml"), str(EML / "html_only.eml"), stdout=out,
                     stderr=err)

    assert "missing.eml\tunreadable" in err.getvalue()
    assert f"\t{NEW}\t" in out.getvalue()


# --- The endpoint -----------------------------------------------------------------------------------


def post(raw, *, token=SECRET, content_type="message/rfc822"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return inbound_email(RequestFactory().post("/shop/support/inbound-email/", data=raw, content_type=content_type,
                                               **headers))


def test_the_endpoint_files_a_new_request(db):
    response = post(eml("plain_new_request.eml"))

    assert response.status_code == 201
    request = SupportRequest.objects.get(email="marie.dubois@example.net")
    assert json.loads(response.content) == {"outcome": NEW, "reference": request.reference}


def test_the_endpoint_threads_a_reply_and_answers_a_duplicate(make_request):
    request = make_request(status=Status.WAITING)
    raw = eml("reply_by_address.eml", CODE=signed_code(request), REFERENCE="R-1", SENDER="marie.dubois@example.net")

    first, again = post(raw, content_type="text/plain"), post(raw)

    assert (first.status_code, json.loads(first.content)) == (200, {"outcome": THREADED,
                                                                     "reference": request.reference})
    assert (again.status_code, json.loads(again.content)["outcome"]) == (200, DUPLICATE)
    assert request.messages.count() == 2


def test_the_endpoint_answers_422_for_a_rejected_message(db):
    response = post(eml("bounce.eml"))

    assert response.status_code == 422
    assert json.loads(response.content)["detail"]["outcome"] == REJECTED


@pytest.mark.parametrize("token", ["wrong-secret", "", None])
def test_the_endpoint_refuses_a_missing_or_wrong_token(db, token):
    before = counts()

    response = post(eml("plain_new_request.eml"), token=token)

    assert response.status_code == 401
    assert json.loads(response.content)["error"] == "unauthorized"
    assert counts() == before


def test_the_endpoint_is_unavailable_without_a_secret(db, settings):
    settings.SUPPORT_INBOUND_EMAIL_SECRET = ""
    before = counts()

    response = post(eml("plain_new_request.eml"), token="")

    assert response.status_code == 503
    assert counts() == before


def test_the_endpoint_only_accepts_post(db):
    response = inbound_email(RequestFactory().get("/shop/support/inbound-email/",
                                                  HTTP_AUTHORIZATION=f"Bearer {SECRET}"))

    assert response.status_code == 405 and response["Allow"] == "POST"


def test_the_endpoint_refuses_other_content_types(db):
    before = counts()

    response = post(eml("plain_new_request.eml"), content_type="application/json")

    assert response.status_code == 415
    assert counts() == before


def test_the_endpoint_refuses_more_than_25_mb(db):
    before = counts()

    response = post(eml("plain_new_request.eml") + b"x" * MAX_INBOUND_EMAIL_BYTES)

    assert response.status_code == 413
    assert counts() == before


def test_the_mounted_endpoint_needs_no_csrf_token(db):
    try:
        url = reverse("support:inbound-email")
    except NoReverseMatch:
        pytest.skip("support/urls.py does not mount the inbound-email endpoint yet")
    response = Client(enforce_csrf_checks=True).post(url, data=eml("html_only.eml"), content_type="message/rfc822",
                                                     HTTP_AUTHORIZATION=f"Bearer {SECRET}")

    assert url == "/shop/support/inbound-email/"
    assert response.status_code == 201


# --- Who sent it: forged senders never post into someone's request -----------------------------------


def test_a_forged_from_with_the_requests_subject_and_message_id_opens_an_unverified_request(make_request, shopper):
    request = make_request(email=shopper.email, customer=shopper)
    raw = eml("subject_reply.eml", SENDER=shopper.email, REFERENCE=request.reference, MESSAGE_ID="forged")
    raw = raw.replace(b"Subject:", f"In-Reply-To: <support.{request.code}.0a1b2c3d4e5f@atelier.example>\n"
                                   "Subject:".encode(), 1)

    result = ingest_email(raw)

    assert result.outcome == NEW and result.request != request
    assert result.request.sender_verified is False
    assert (result.request.customer, result.request.order, result.message.author) == (None, None, None)
    assert request.messages.count() == 1
    assert not shopper.support_requests.exclude(pk=request.pk).exists()  # nothing new in Sam's account


@pytest.mark.parametrize("address", ["support+{code}@atelier.example",
                                     "support+{code}-0123456789abcdef0123@atelier.example"])
def test_a_reply_address_without_our_hmac_does_not_thread(make_request, address):
    request = make_request()
    raw = eml("reply_by_address.eml", CODE="x", REFERENCE="R-1", SENDER="marie.dubois@example.net")
    raw = raw.replace(b"support+x@atelier.example", address.format(code=request.code).encode())

    result = ingest_email(raw)

    assert result.outcome == NEW and result.request.sender_verified is False
    assert request.messages.count() == 1


@pytest.mark.parametrize("results", [
    None,  # a header the sender wrote, with someone else's authserv-id
    "dmarc=fail header.from=example.com",
    "dkim=pass header.d=mailer.example header.i=@mailer.example",  # signed, but not by the From domain
    "spf=pass smtp.mailfrom=bounce@mailer.example",
    "dmarc=pass header.from=mailer.example",
])
def test_authentication_results_count_only_from_our_relay_and_aligned_with_from(make_request, results):
    request = make_request(email="k.verbeke@example.org")
    raw = eml("subject_reply.eml", SENDER="k.verbeke@example.org", REFERENCE=request.reference, MESSAGE_ID="ar")
    raw = vouched(raw, results) if results else raw.replace(
        b"Subject:", b"Authentication-Results: mx.elsewhere.example; dmarc=pass header.from=example.org\nSubject:", 1)

    result = ingest_email(raw)

    assert result.outcome == NEW and result.request.sender_verified is False


def test_only_the_topmost_authentication_results_of_our_relay_counts(make_request):
    request = make_request(email="k.verbeke@example.org")
    forged_below = eml("subject_reply.eml", vouch=True, SENDER="k.verbeke@example.org",
                       REFERENCE=request.reference, MESSAGE_ID="below")
    raw = f"Authentication-Results: {AUTHSERV_ID}; dmarc=fail header.from=example.org\n".encode() + forged_below

    assert ingest_email(raw).outcome == NEW


@pytest.mark.parametrize("results", ["dkim=pass header.d=example.org header.i=@example.org",
                                     "spf=pass smtp.mailfrom=k.verbeke@example.org"])
def test_aligned_dkim_or_spf_from_our_relay_verifies_the_sender(make_request, results):
    request = make_request(email="k.verbeke@example.org")
    raw = vouched(eml("subject_reply.eml", SENDER="k.verbeke@example.org", REFERENCE=request.reference,
                      MESSAGE_ID="aligned"), results)

    assert (ingest_email(raw).outcome, request.messages.count()) == (THREADED, 2)


def test_an_unverified_sender_is_linked_to_no_account_no_order_and_no_forwarding_agent(shopper, agent, place_order):
    order = place_order("100045", user=shopper)
    mine = ingest_email(eml("order_question.eml", SENDER=shopper.email, ORDER_NUMBER=order.number, MESSAGE_ID="u"))
    forward = ingest_email(eml("forwarded_rfc822.eml", SENDER=agent.email))

    assert (mine.request.customer, mine.request.order, mine.request.sender_verified) == (None, None, False)
    assert (forward.request.email, forward.request.logged_by) == (agent.email, None)


def test_the_agent_sees_sender_not_verified_in_the_inbox_and_the_request(client_as, db):
    result = ingest_email(eml("plain_new_request.eml"))
    client = client_as("support")

    response = client.get("/shop/dashboard/support/", {"view": "all", "q": result.request.reference})
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    inbox = response.content.decode()
    screen = client.get(f"/shop/dashboard/support/requests/{result.request.reference}/").content.decode()

    row = inbox[inbox.index(f'data-reference="{result.request.reference}"'):]
    assert "Sender not verified" in row[:row.index("</tr>")]
    assert "Sender not verified" in screen
