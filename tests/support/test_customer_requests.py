"""Customers ask for help: from an order or the help centre, in My account → Support or by a guest link.

Every page finds a request by its owner; guessed ids, codes and links show nothing.
"""

import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import get_connection
from django.test import Client
from PIL import Image

from configurator.models import ConfigurableProduct
from support import links
from support.attachments import check_attachment
from support.models import Attachment, Kind, Message, SupportRequest
from support.notifications import SupportDispatcher
from support.sanitize import sanitise_html
from support.services import add_internal_note, add_staff_reply, open_request
from tests.orders import SNEAKER, paid_order

pytestmark = pytest.mark.django_db


def png_bytes(size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def shopper_order(demo_user):
    """A paid order of the demo shopper (one configured sneaker)."""
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    return paid_order(version, SNEAKER, user=demo_user("shopper"))


def test_get_help_from_an_order_links_the_order_and_line_and_routes_to_its_queue(
        client_as, shopper_order, django_capture_on_commit_callbacks):
    client = client_as("shopper")
    order_page = client.get(f"/shop/accounts/orders/{shopper_order.number}/")
    assert b'data-get-help="order"' in order_page.content and b'data-get-help="line"' in order_page.content
    line = shopper_order.lines.get()
    page = client.get(f"/shop/support/new/?order={shopper_order.number}&line={line.pk}")
    assert page.status_code == 200
    assert f"About order <strong>{shopper_order.number}</strong>".encode() in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/shop/support/new/", {
            "order": shopper_order.number, "line": line.pk, "kind": "scheduling", "subject": "Ship date?",
            "message": "Could it ship before the 20th?", "website": ""})
    request = SupportRequest.objects.get(subject="Ship date?")
    assert response.status_code == 302 and response["Location"] == f"/shop/accounts/support/{request.code}/"
    assert (request.order, request.line, request.customer.email) == (shopper_order, line, "shopper@atelier.example")
    assert request.queue.slug == "orders" and request.channel == "web" and request.status == "new"
    received = mail.outbox[-1]
    assert received.to == ["shopper@atelier.example"] and request.reference in received.subject
    assert received.body.startswith("Hello Sam,")
    assert received.reply_to[0].startswith(f"help+{request.code}-")
    assert received.reply_to[0].endswith("@atelier.example")
    assert links.code_from_address(received.reply_to[0]) == request.code  # carries our HMAC
    assert request.code in received.body  # the link to the conversation


@pytest.mark.parametrize("line", ["¹", "²3", "٣", " 7", "99999999999999999999999"])
def test_a_line_that_is_not_an_id_is_not_found(client_as, shopper_order, line):
    response = client_as("shopper").get("/shop/support/new/", {"order": shopper_order.number, "line": line})
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_a_posted_order_number_with_a_nul_is_not_found_and_nothing_is_saved(client_as, shopper_order):
    before = SupportRequest.objects.count()
    response = client_as("shopper").post("/shop/support/new/", {
        "order": shopper_order.number + "\x00", "kind": "scheduling", "subject": "Ship date?",
        "message": "Could it ship before the 20th?", "website": ""})
    assert response.status_code == 404  # on PostgreSQL this was a 500
    assert SupportRequest.objects.count() == before


def test_another_customers_order_cannot_be_linked(client_as, shopper_order, other_customer, client):
    client.force_login(other_customer)
    assert client.get(f"/shop/support/new/?order={shopper_order.number}").status_code == 404
    response = client.post("/shop/support/new/", {"order": shopper_order.number, "kind": "order", "subject": "Hi",
                                                   "message": "Give me that order"})
    assert response.status_code == 404
    assert not SupportRequest.objects.filter(subject="Hi").exists()


def test_a_guest_gets_help_from_the_order_page_link_and_follows_the_signed_link(
        client, shopper_order, django_capture_on_commit_callbacks):
    order = shopper_order
    order.user, order.guest_email = None, "guest@example.com"
    order.save()
    key = order.verification_hash()
    assert client.get(f"/shop/support/new/?order={order.number}&key=wrong").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/shop/support/new/?order={order.number}&key={key}", {
            "kind": "order", "subject": "Gift wrap", "message": "Can you wrap it as a gift?",
            "name": "Gina Guest", "email": "guest@example.com"})
    request = SupportRequest.objects.get(subject="Gift wrap")
    assert request.customer is None and request.order == order and request.name == "Gina Guest"
    link = response["Location"]
    assert link.startswith("/shop/support/r/")
    assert mail.outbox[-1].body.startswith("Hello Gina,") and link in mail.outbox[-1].body
    page = client.get(link)
    assert page.status_code == 200 and b"Can you wrap it as a gift?" in page.content
    tampered = link[:-3] + ("aaa" if not link.endswith("aaa/") else "bbb") + "/"
    assert client.get(tampered).status_code == 404
    assert client.get(f"/shop/support/r/{request.code}/").status_code == 404  # the bare code is not a link


def test_my_account_lists_only_my_requests_and_guessing_shows_nothing(client_as, new_request, other_customer, client):
    mine = new_request(subject="My own question")
    theirs = new_request(customer=other_customer, subject="Olga's private question")
    shopper = client_as("shopper")
    listing = shopper.get("/shop/accounts/support/")
    assert b"My own question" in listing.content and b"Olga&#x27;s private question" not in listing.content
    assert shopper.get(f"/shop/accounts/support/{mine.code}/").status_code == 200
    assert shopper.get(f"/shop/accounts/support/{theirs.code}/").status_code == 404
    assert shopper.get(f"/shop/accounts/support/{theirs.reference}/").status_code == 404
    assert shopper.post(f"/shop/accounts/support/{theirs.code}/", {"message": "hijack"}).status_code == 404
    assert not theirs.messages.filter(body="hijack").exists()
    # a member's request has no guest link: a signed token for it does not open it for someone else
    client.force_login(other_customer)
    assert client.get(f"/shop/support/r/{links.guest_token(mine)}/").status_code == 404
    client.logout()
    assert client.get(f"/shop/accounts/support/{mine.code}/").status_code == 302  # log in first


def test_the_customer_sees_replies_but_never_internal_notes_and_replying_reopens(
        client_as, new_request, demo_user, django_capture_on_commit_callbacks):
    request = new_request()
    agent = demo_user("support")
    add_internal_note(request, agent=agent, body="Customer seems upset, be gentle")
    with django_capture_on_commit_callbacks(execute=True):
        add_staff_reply(request, agent=agent, body="Could you send a photo?", status="waiting")
    assert mail.outbox[-1].body.startswith("Hello Sam,") and "Could you send a photo?" in mail.outbox[-1].body
    client = client_as("shopper")
    page = client.get(f"/shop/accounts/support/{request.code}/")
    assert b"Could you send a photo?" in page.content and b"be gentle" not in page.content
    assert b"Waiting for your reply" in page.content
    response = client.post(f"/shop/accounts/support/{request.code}/", {
        "message": "Here it is", "attachments": [upload("photo.jpeg", png_bytes())]})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "open"
    attachment = Attachment.objects.get(message__request=request)
    assert (attachment.filename, attachment.content_type) == ("photo.png", "image/png")  # named by its content
    served = client.get(f"/shop/accounts/support/{request.code}/files/{attachment.code}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_attachments_are_checked_by_content_and_a_bad_one_changes_nothing(client_as, new_request, settings):
    request = new_request()
    client = client_as("shopper")
    before = Message.objects.filter(request=request).count()
    response = client.post(f"/shop/accounts/support/{request.code}/", {
        "message": "See the file", "attachments": [upload("invoice.pdf", b"MZ\x90\x00 not really a pdf")]})
    assert response.status_code == 200
    assert "is not a file we can accept" in response.content.decode()
    assert Message.objects.filter(request=request).count() == before
    too_big = upload("huge.png", png_bytes() + b"\0" * (10 * 1024 * 1024))
    response = client.post(f"/shop/accounts/support/{request.code}/", {"message": "Big", "attachments": [too_big]})
    assert "larger than 10 MB" in response.content.decode()
    assert Message.objects.filter(request=request).count() == before
    # stored outside the web root: not under MEDIA_ROOT or STATIC_ROOT
    client.post(f"/shop/accounts/support/{request.code}/", {"message": "ok", "attachments": [upload("a.png",
                                                                                                    png_bytes())]})
    stored = Attachment.objects.get(message__request=request).file.path
    assert stored.startswith(str(settings.SUPPORT_ATTACHMENT_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT)) and not stored.startswith(str(settings.STATIC_ROOT))


def test_an_image_over_40_megapixels_is_refused_with_its_size_and_changes_nothing(client_as, new_request):
    request = new_request()
    client = client_as("shopper")
    before = Message.objects.filter(request=request).count()
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, format="PNG")  # 100 megapixels, a few kilobytes
    response = client.post(f"/shop/accounts/support/{request.code}/", {
        "message": "My photo", "attachments": [upload("bomb.png", buffer.getvalue())]})
    assert response.status_code == 200
    assert ("“bomb.png” is 10,000 × 10,000 pixels: photos can have at most 40 megapixels."
            in response.content.decode())
    assert Message.objects.filter(request=request).count() == before
    assert not Attachment.objects.filter(message__request=request).exists()


def test_attachments_of_internal_notes_and_of_others_are_not_served(client_as, new_request, demo_user,
                                                                    other_customer):
    request = new_request()
    note = add_internal_note(request, agent=demo_user("support"), body="screenshot of the admin",
                             attachments=[check_attachment(png_bytes(), name="admin.png")])
    attachment = note.attachments.get()
    shopper = client_as("shopper")
    assert shopper.get(f"/shop/accounts/support/{request.code}/files/{attachment.code}/").status_code == 404
    theirs = new_request(customer=other_customer, attachments=[check_attachment(png_bytes(), name="olga.png")])
    their_file = Attachment.objects.get(message__request=theirs)
    assert shopper.get(f"/shop/accounts/support/{request.code}/files/{their_file.code}/").status_code == 404
    assert shopper.get(f"/shop/accounts/support/{theirs.code}/files/{their_file.code}/").status_code == 404
    staff = client_as("support")
    assert staff.get(f"/shop/dashboard/support/files/{attachment.code}/").status_code == 200


def test_message_html_is_sanitised_and_plain_text_is_escaped(client_as, new_request):
    request = new_request(body="<script>alert('x')</script> hello",
                          body_html=sanitise_html('<p onclick="steal()">Hi <script>alert(1)</script>'
                                                  '<a href="javascript:alert(2)">link</a></p>'))
    page = client_as("shopper").get(f"/shop/accounts/support/{request.code}/").content.decode()
    assert "<script>alert" not in page and "onclick" not in page and "javascript:alert" not in page
    assert "Hi " in page
    staff_page = client_as("support").get(f"/shop/dashboard/support/requests/{request.reference}/").content.decode()
    assert "<script>alert" not in staff_page and "onclick=\"steal" not in staff_page


def test_anonymous_requests_are_rate_limited_and_the_limited_one_is_not_saved(client, settings):
    settings.SUPPORT_ANONYMOUS_RATE = "2/h"
    cache.clear()
    for number in range(2):
        response = client.post("/shop/support/new/", {
            "kind": "product", "subject": f"Question {number}", "message": "Which size do I take?",
            "name": "Ann Onymous", "email": "ann@example.com"}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 302
    response = client.post("/shop/support/new/", {
        "kind": "product", "subject": "Question 3", "message": "Which size do I take?", "name": "Ann",
        "email": "ann@example.com"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429 and b"Nothing of this last one was saved" in response.content
    assert not SupportRequest.objects.filter(subject="Question 3").exists()
    cache.clear()


def test_bad_input_gets_clear_errors_and_changes_nothing(client):
    before = SupportRequest.objects.count()
    response = client.post("/shop/support/new/", {"kind": "nonsense", "subject": " ", "message": "x",
                                                  "name": "", "email": "not-an-email"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Select a valid choice" in text and "Enter a valid email address" in text
    assert "Tell us a little more" in text
    response = client.post("/shop/support/new/", {"kind": "other", "subject": "Spam", "message": "Buy cheap stuff",
                                                  "name": "Bot", "email": "bot@example.com",
                                                  "website": "http://spam.example"})
    assert "must stay empty" in response.content.decode()
    assert SupportRequest.objects.count() == before


def test_forms_require_csrf(new_request, demo_user):
    request = new_request()
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_user("shopper"))
    assert client.post(f"/shop/accounts/support/{request.code}/", {"message": "no token"}).status_code == 403
    assert client.post("/shop/support/new/", {"kind": "other", "subject": "x", "message": "no token at all"}) \
        .status_code == 403


def test_help_centre_suggests_articles_while_typing(client):
    response = client.get("/shop/support/suggestions/?q=return my sneakers")
    articles = response.json()["articles"]
    assert response.status_code == 200 and 1 <= len(articles) <= 3
    assert any("return" in article["title"].lower() or "return" in article["summary"].lower() for article in articles)
    assert all(article["url"].startswith("/help/") for article in articles)
    assert client.get("/shop/support/suggestions/?q=a").json() == {"articles": []}
    help_centre = client.get("/help/")
    assert b'data-get-help="help-centre"' in help_centre.content


@pytest.mark.parametrize(("url", "accept"), [
    ("/help/?q=ret%00urn", "text/html"),
    ("/shop/search/?q=sneak%00er", "text/html"),
    ("/shop/support/suggestions/?q=return%00my", "application/json"),
    ("/shop/support/new/?order=%00", "text/html"),
    ("/shop/catalogue/%00/", "text/html"),
])
def test_a_nul_in_a_search_or_link_answers_400_with_a_message(client, url, accept):
    response = client.get(url, HTTP_ACCEPT=accept)
    assert response.status_code == 400
    message = "The address contains a NUL character (%00), which is never part of a valid link or search."
    if accept == "application/json":
        assert response.json() == {"error": "invalid_request", "detail": {"message": message, "fields": {}}}
    else:
        assert message in response.content.decode()


def test_a_compliment_names_the_team_and_goes_to_its_queue(client_as):
    client = client_as("shopper")
    client.post("/shop/support/new/", {"kind": "compliment", "team": "workshop", "subject": "Thank you",
                                       "message": "Beautiful stitching, thank you!"})
    request = SupportRequest.objects.get(subject="Thank you")
    assert (request.kind, request.team, request.queue.slug, request.priority) == ("compliment", "workshop",
                                                                                  "complaints", "low")


def test_support_emails_use_the_dispatchers_mail_connection_and_attachments(db):
    """Oscar's dispatcher options still work through the support dispatcher (a batch sender passes its connection)."""
    request = open_request(kind=Kind.ORDER_QUESTION, subject="Invoice", body="Please send the invoice.",
                           email="guest@example.net", name="Guest Person")
    mail.outbox.clear()
    connection = get_connection("django.core.mail.backends.locmem.EmailBackend")
    dispatcher = SupportDispatcher(request, mail_connection=connection)
    email = dispatcher.send_email_messages(
        "guest@example.net", {"subject": "Your invoice", "body": "Attached.", "html": "<p>Attached.</p>"},
        attachments=[("invoice.txt", "Invoice 100001", "text/plain")])
    assert email.connection is connection
    assert [sent.subject for sent in mail.outbox] == ["Your invoice"]
    assert email.attachments[0][:2] == ("invoice.txt", "Invoice 100001")
    assert email.reply_to[0].startswith(f"help+{request.code}-") and email.reply_to[0].endswith("@atelier.example")
    assert links.code_from_address(email.reply_to[0]) == request.code  # carries our HMAC
    assert email.extra_headers["Message-ID"] == dispatcher.message_id
