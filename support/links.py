"""Where a customer reads their request: the account page for members, a signed link for guests; the reply
address and Message-IDs that let their e-mail replies thread back into the request."""

import re
import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

GUEST_LINK_SALT = "support.guest-link"
CODE_IN_MESSAGE_ID = re.compile(r"<?support\.([0-9a-f]{24})\.[0-9a-z]+@", re.I)
CODE_IN_ADDRESS_TEMPLATE = r"^{local}\+([0-9a-f]{{24}})-([0-9a-f]{{20}})@{domain}$"
DESK_ADDRESS_TEMPLATE = r"^{local}(\+[^@]*)?@{domain}$"
REPLY_ADDRESS_SALT = "support.reply-address"


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


def _address_signature(code):
    return salted_hmac(REPLY_ADDRESS_SALT, code.lower(), algorithm="sha256").hexdigest()[:20]


def reply_address(request):
    """help+<code>-<hmac>@… : a reply to any of our e-mails finds its request. The HMAC (keyed by SECRET_KEY) binds
    the address to this install, so a code seen elsewhere (a URL, a Message-ID) cannot be made into one."""
    local, domain = _split_support_address()
    return f"{local}+{request.code}-{_address_signature(request.code)}@{domain}"


def code_from_address(address):
    """The request code of one of our reply addresses with a valid HMAC, else None."""
    local, domain = _split_support_address()
    match = re.match(CODE_IN_ADDRESS_TEMPLATE.format(local=re.escape(local), domain=re.escape(domain)),
                     (address or "").strip(), re.I)
    if not match or not constant_time_compare(match.group(2).lower(), _address_signature(match.group(1))):
        return None
    return match.group(1).lower()


def is_desk_address(address):
    """The desk's address or any plus-address of it, signed or not (for loop detection)."""
    local, domain = _split_support_address()
    return re.match(DESK_ADDRESS_TEMPLATE.format(local=re.escape(local), domain=re.escape(domain)),
                    (address or "").strip(), re.I) is not None


def new_message_id(request):
    _, domain = _split_support_address()
    return f"<support.{request.code}.{secrets.token_hex(6)}@{domain}>"


def codes_in_message_ids(header_value):
    return [code.lower() for code in CODE_IN_MESSAGE_ID.findall(header_value or "")]
