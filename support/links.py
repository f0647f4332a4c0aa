"""Where a customer reads their request: the account page for members, a signed link for guests; the reply
address and Message-IDs that let their e-mail replies thread back into the request."""

import re
import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

GUEST_LINK_SALT = "support.guest-link"
CODE_IN_MESSAGE_ID = re.compile(r"<?support\.([0-9a-f]{24})\.[0-9a-z]+@", re.I)
CODE_IN_ADDRESS_TEMPLATE = r"^{local}\+([0-9a-f]{{24}})@{domain}$"


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def guest_token(request):
    return signing.dumps(request.code, salt=GUEST_LINK_SALT, compress=True)


def code_from_guest_token(token):
    """The request code a guest link was signed for, or None for a tampered or foreign token."""
    try:
        return signing.loads(token, salt=GUEST_LINK_SALT)
    except signing.BadSignature:
        return None


def request_path(request):
    if request.customer_id:
        return reverse("support:account-request", kwargs={"code": request.code})
    return reverse("support:guest-request", kwargs={"token": guest_token(request)})


def request_url(request):
    return absolute(request_path(request))


def survey_url(survey):
    return absolute(reverse("support:survey", kwargs={"token": survey.token}))


def _split_support_address():
    local, _, domain = settings.SUPPORT_EMAIL_ADDRESS.partition("@")
    return local, domain


def reply_address(request):
    """help+<code>@… (the desk address plus the code): a reply to any of our e-mails finds its request."""
    local, domain = _split_support_address()
    return f"{local}+{request.code}@{domain}"


def code_from_address(address):
    local, domain = _split_support_address()
    match = re.match(CODE_IN_ADDRESS_TEMPLATE.format(local=re.escape(local), domain=re.escape(domain)),
                     (address or "").strip(), re.I)
    return match.group(1).lower() if match else None


def new_message_id(request):
    _, domain = _split_support_address()
    return f"<support.{request.code}.{secrets.token_hex(6)}@{domain}>"


def codes_in_message_ids(header_value):
    return [code.lower() for code in CODE_IN_MESSAGE_ID.findall(header_value or "")]
