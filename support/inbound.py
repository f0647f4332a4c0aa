"""Inbound e-mail: an RFC 822 message becomes a reply to its request or a new request; loops, auto-replies,
bounces and duplicates are refused. Called by the `ingest_email` command and the inbound-email endpoint.

Who sent a message? ``From:``, Message-IDs and subjects are whatever the sender typed. So a message threads into
an existing request only

- through the request's reply address ``help+<code>-<hmac>@…`` (links.reply_address). Codes are already
  unguessable (96 random bits), but they also appear in account URLs and in our Message-IDs; the HMAC, keyed by
  SECRET_KEY, makes only the address we sent usable. Plain ``help+<code>@`` addresses (sent before the HMAC)
  no longer thread: a reply to one opens a new request, unverified, which an agent can merge; or
- when our own relay vouches for the sender: the topmost ``Authentication-Results`` header whose authserv-id is
  ``SUPPORT_INBOUND_AUTHSERV_ID`` (the relay must strip any copy with its id from incoming mail, RFC 8601 §5)
  says ``dmarc=pass`` for the From domain, or ``dkim=pass`` with ``header.d`` (or ``spf=pass`` with
  ``smtp.mailfrom``) of exactly that domain. Then, as before, our Message-IDs in In-Reply-To/References thread it,
  and ``[R-10001]`` in the subject threads it when the sender is the request's own.

Anything else opens a new request marked "sender not verified" (``SupportRequest.sender_verified``): it is not
linked to the account or the orders of the address it claims, and an agent "forward" is not honoured, because
all of that would let a forger read (in the agent's screen) or act on (through the agent) someone else's data;
the agent sees the claimed address and the flag and links it by hand once satisfied. Replies still go only to the
claimed address, so a forger never reads them.
"""

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr

import authres
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from oscar.core.loading import get_model

from support import links, services
from support.attachments import MAX_ATTACHMENTS_PER_MESSAGE, check_attachment
from support.models import Channel, Kind, Message, SupportRequest
from support.sanitize import html_to_text, sanitise_html
from support.selectors import active_user_with_email

THREADED, NEW, DUPLICATE, REJECTED = "threaded", "new", "duplicate", "rejected"
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")
AUTOMATED_LOCAL_PARTS = {"mailer-daemon", "postmaster"}
AUTOMATED_PRECEDENCE = {"bulk", "junk", "auto_reply"}
NO_TEXT = "(This e-mail had no text.)"

ANGLE_ID = re.compile(r"<[^<>\s]+>")
REFERENCE_IN_SUBJECT = re.compile(r"\[\s*(R-\d+)\s*\]", re.I)
FORWARD_PREFIX = re.compile(r"^\s*((fwd?|fw|tr|wg)\s*:\s*)+", re.I)
ORDER_NUMBER_CANDIDATE = re.compile(r"(?<![\w-])#?([A-Za-z0-9][A-Za-z0-9-]{3,30})(?![\w-])")
# Where quoted history starts in a reply ("On … wrote:" may be wrapped over two lines by the mail client).
QUOTE_HEADER = re.compile(r"^\s*(On\s.+\swrote|Le\s.+\sa\s+écrit|Am\s.+\sschrieb\s?.*|Op\s.+\sschreef\s?.*)\s*:\s*$",
                          re.I | re.S)
ORIGINAL_MESSAGE = re.compile(r"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.I)
HEADER_FROM = re.compile(r"^\s*\*?From:\*?\s+\S", re.I)
HEADER_SENT = re.compile(r"^\s*\*?(Sent|Date):\*?\s+\S", re.I)
OUTLOOK_RULE = re.compile(r"^\s*_{10,}\s*$")
FORWARD_MARKER = re.compile(r"^\s*(-{5,}\s*Forwarded message\s*-{5,}|Begin forwarded message:)\s*$", re.I | re.M)
HTML_QUOTE = re.compile(r"<(div|blockquote)\b[^>]*(gmail_quote|type=\"?cite|divRplyFwdMsg|appendonsend)", re.I)


@dataclass
class IngestResult:
    outcome: str  # THREADED, NEW, DUPLICATE or REJECTED
    request: SupportRequest | None = None
    message: Message | None = None
    reason: str = ""

    @property
    def reference(self):
        return self.request.reference if self.request else None


@dataclass
class Forwarded:
    """The original sender of a forwarded message; `block` is its text when it came as a message/rfc822 part."""

    email: str
    name: str
    subject: str
    block: str = ""


@dataclass
class InboundEmail:
    """What the desk needs of a message, read once from the parsed e-mail (no database access)."""

    sender: str
    sender_name: str
    subject: str
    message_id: str
    recipients: list[str]
    reply_ids: list[str]  # In-Reply-To first, then References newest first
    text: str  # the sender's own text (an HTML-only message's HTML made into text)
    html: str  # the HTML of an HTML-only message, else ""
    forwarded: Forwarded | None
    files: list[tuple[str, bytes]] = field(default_factory=list)
    automated: str = ""  # why it looks like an auto-reply or a bounce
    sender_verified: bool = False  # our relay's Authentication-Results vouch for the From address


def ingest_email(raw):
    """File one raw RFC 822 message (bytes): threaded into its request, a new request, a duplicate or rejected."""
    try:
        mail = read_email(raw)
    except Exception as error:  # noqa: BLE001 - malformed input of any kind is a rejection, never a crash
        return IngestResult(REJECTED, reason=f"The message could not be read ({type(error).__name__}).")
    if isinstance(mail, str):
        return IngestResult(REJECTED, reason=mail)
    if mail.automated:
        return IngestResult(REJECTED, reason=f"Automatic message ({mail.automated}).")
    if is_our_address(mail.sender):
        return IngestResult(REJECTED, reason="Sent from the help desk's own address (mail loop).")
    existing = _stored_message(mail.message_id)
    if existing is not None:
        return IngestResult(DUPLICATE, request=existing.request, message=existing, reason="Already received.")
    try:
        with transaction.atomic():
            return _file(mail)
    except IntegrityError:
        existing = _stored_message(mail.message_id)  # the same message, ingested at the same moment elsewhere
        if existing is None:
            raise
        return IngestResult(DUPLICATE, request=existing.request, message=existing, reason="Already received.")
    except ValidationError as error:
        return IngestResult(REJECTED, reason=" ".join(error.messages))


def _file(mail):
    request = find_thread(mail)
    accepted, refused = _checked_files(mail.files)
    if request is not None:
        body, body_html = _body(mail, threaded=True)
        author = request.customer if _is_customer_of(request, mail.sender) else None
        request, message = services.add_customer_reply(
            request, body=body, author=author, author_name=_other_sender(request, mail), attachments=accepted,
            channel=Channel.EMAIL, body_html=body_html, email_message_id=mail.message_id)
        outcome = THREADED
    else:
        request = _open_request(mail, accepted)
        message = request.messages.get()
        outcome = NEW
    for name, reason in refused:
        services.add_internal_note(request, agent=None, body=f"Attachment “{name}” was not accepted: {reason}")
    return IngestResult(outcome, request=request, message=message)


def _open_request(mail, attachments):
    body, body_html = _body(mail, threaded=False)
    email_address, name, subject, logged_by = mail.sender, mail.sender_name, mail.subject, None
    if not mail.sender_verified:
        return services.open_request(  # the agent's screen and inbox row say "Sender not verified"
            kind=Kind.OTHER, subject=subject, body=body, email=email_address, name=name,
            channel=Channel.EMAIL, email_message_id=mail.message_id, body_html=body_html,
            attachments=attachments, sender_verified=False)
    forwarder = active_user_with_email(mail.sender)
    if mail.forwarded and forwarder is not None and forwarder.is_staff:
        # An agent forwarded a customer's e-mail to the desk: the request is the customer's.
        email_address, name, logged_by = mail.forwarded.email, mail.forwarded.name, forwarder
        subject = mail.forwarded.subject or FORWARD_PREFIX.sub("", mail.subject)
    order = mentioned_order(f"{subject}\n{body}", email_address)
    return services.open_request(
        kind=Kind.ORDER_QUESTION if order else Kind.OTHER, subject=subject, body=body,
        email=email_address, name=name, channel=Channel.EMAIL, customer=active_user_with_email(email_address),
        order=order, logged_by=logged_by, email_message_id=mail.message_id, body_html=body_html,
        attachments=attachments)


# --- Threading ---------------------------------------------------------------------------------------


def find_thread(mail):
    """The request a message answers: by its signed reply address; for a verified sender also by the Message-IDs
    it replies to, else by a "[R-12345]" subject, which only counts when the sender is the request's customer."""
    for address in mail.recipients:
        code = links.code_from_address(address)
        request = SupportRequest.objects.filter(code=code).first() if code else None
        if request is not None:
            return request
    if not mail.sender_verified:
        return None
    for message_id in mail.reply_ids:
        for code in links.codes_in_message_ids(message_id):
            request = SupportRequest.objects.filter(code=code).first()
            if request is not None:
                return request
        stored = _stored_message(message_id)
        if stored is not None:
            return stored.request
    match = REFERENCE_IN_SUBJECT.search(mail.subject)
    if match:
        request = SupportRequest.objects.select_related("customer").filter(reference__iexact=match.group(1)).first()
        if request is not None and _is_requester(request, mail.sender):
            return request
    return None


def _other_sender(request, mail):
    """"Name <address>" of someone other than the requester writing into the thread (a copied colleague), else ""."""
    if _is_requester(request, mail.sender):
        return ""
    return f"{mail.sender_name} <{mail.sender}>" if mail.sender_name else mail.sender


def _is_requester(request, address):
    """The request's reply address, or its customer's account address."""
    return address.lower() == request.email.lower() or _is_customer_of(request, address)


def _is_customer_of(request, address):
    return bool(request.customer_id and request.customer.email and request.customer.email.lower() == address.lower())


def _stored_message(message_id):
    return Message.objects.select_related("request").filter(email_message_id=message_id).first()


def mentioned_order(text, address):
    """An order whose number the text mentions and that belongs to this e-mail address, else None."""
    candidates = {c for c in ORDER_NUMBER_CANDIDATE.findall(text[:20000]) if any(ch.isdigit() for ch in c)}
    if not candidates:
        return None
    order_model = get_model("order", "Order")
    return (order_model.objects.filter(number__in=sorted(candidates)[:200])
            .filter(Q(user__email__iexact=address) | Q(guest_email__iexact=address))
            .order_by("-date_placed").first())


def is_our_address(address):
    ours = {settings.SUPPORT_EMAIL_ADDRESS.lower(), parseaddr(settings.SUPPORT_FROM_EMAIL)[1].lower()}
    return address.lower() in ours or links.is_desk_address(address)


# --- Body and attachments --------------------------------------------------------------------------


def _body(mail, *, threaded):
    """(body, body_html) to store: a reply loses its quoted history, every message its trailing signature."""
    text, html = mail.text, mail.html
    if html and threaded:
        quote = HTML_QUOTE.search(html)
        if quote and html_to_text(html[:quote.start()]):
            html = html[:quote.start()]
            text = html_to_text(html)
    if threaded:
        text = strip_quoted_reply(text)
    text = strip_signature(text)
    if mail.forwarded and mail.forwarded.block:
        text = f"{text}\n\n{mail.forwarded.block}".strip()
    return text or NO_TEXT, sanitise_html(html) if html else ""


def strip_quoted_reply(text):
    """The new part of a reply: cut at "On … wrote:", "-----Original Message-----" or a "From:/Sent:" block,
    then drop trailing ">" lines. Text that would end up empty is kept whole."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if FORWARD_MARKER.match(line):
            break  # a forwarded message is content, not history
        two_lines = f"{line} {lines[index + 1]}" if index + 1 < len(lines) else line
        if QUOTE_HEADER.match(line) or (line.strip() and QUOTE_HEADER.match(two_lines)) \
                or ORIGINAL_MESSAGE.match(line):
            lines = lines[:index]
            break
        if HEADER_FROM.match(line) and any(HEADER_SENT.match(n) for n in lines[index + 1:index + 5]):
            lines = lines[:index - 1 if index and OUTLOOK_RULE.match(lines[index - 1]) else index]
            break
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith(">")):
        lines.pop()
    return "\n".join(lines).strip() or text.strip()


def strip_signature(text):
    """Text without a trailing "-- " signature (a few lines after the delimiter, nothing forwarded)."""
    lines = text.splitlines()
    for index in range(len(lines) - 1, -1, -1):
        if lines[index] in ("-- ", "--"):
            after = [line for line in lines[index + 1:] if line.strip()]
            if len(after) <= 8 and not FORWARD_MARKER.search("\n".join(after)):
                return "\n".join(lines[:index]).strip() or text.strip()
            break
    return text.strip()


def _checked_files(files):
    """(accepted CheckedFiles, [(name, reason)] refused) — type from content, at most five a message."""
    accepted, refused = [], []
    for name, content in files:
        try:
            checked = check_attachment(content, name=name)
        except ValidationError as error:
            refused.append((name, " ".join(error.messages)))
            continue
        if len(accepted) >= MAX_ATTACHMENTS_PER_MESSAGE:
            refused.append((name, f"at most {MAX_ATTACHMENTS_PER_MESSAGE} attachments are kept per message."))
        else:
            accepted.append(checked)
    return accepted, refused


# --- Reading the e-mail ------------------------------------------------------------------------------


def read_email(raw):
    """An InboundEmail, or a string saying why the message cannot be filed."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    if not raw or not raw.strip():
        return "The message is empty."
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    senders = _addresses(msg, "From")
    if not senders or not _is_valid_address(senders[0][1]):
        return "The message has no usable From address."
    sender_name, sender = senders[0]
    text, html = _text_and_html(msg)
    return InboundEmail(
        sender=sender, sender_name=sender_name, subject=_one_line(msg.get("Subject", "")),
        message_id=_message_id(msg.get("Message-ID"), raw), recipients=[
            address for header in RECIPIENT_HEADERS for _, address in _addresses(msg, header)],
        reply_ids=_unique(_ids(msg.get("In-Reply-To")) + _ids(msg.get("References"))[::-1]),
        text=text, html=html, forwarded=_forwarded(msg, text), files=list(_files(msg)),
        automated=_automated(msg, sender), sender_verified=sender_vouched_for(msg, sender))


def sender_vouched_for(msg, sender):
    """Whether our relay's Authentication-Results (the topmost with our authserv-id) pass for the From domain."""
    authserv_id = settings.SUPPORT_INBOUND_AUTHSERV_ID
    if not authserv_id:
        return False
    ours = None
    for value in msg.get_all("Authentication-Results") or ():
        try:
            header = authres.AuthenticationResultsHeader.parse_value(_one_line(value))
        except Exception:  # noqa: BLE001, S112 - someone else's malformed header: not ours, look further
            continue
        if (header.authserv_id or "").lower() == authserv_id.lower():
            ours = header
            break
    if ours is None:
        return False
    domain = sender.rpartition("@")[2].lower()
    for result in ours.results:
        if (result.result or "").lower() != "pass":
            continue
        values = {f"{p.type}.{p.name}".lower(): (p.value or "").lower() for p in result.properties}
        method = (result.method or "").lower()
        if method == "dmarc" and values.get("header.from") == domain:
            return True
        if method == "dkim" and domain in (values.get("header.d"), values.get("header.i", "").rpartition("@")[2]):
            return True
        if method == "spf" and values.get("smtp.mailfrom", "").rpartition("@")[2] == domain:
            return True
    return False


def _automated(msg, sender):
    auto_submitted = _one_line(msg.get("Auto-Submitted", "")).split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    for header in ("X-Autoreply", "X-Autorespond"):
        if msg.get(header) is not None:
            return header
    precedence = _one_line(msg.get("Precedence", "")).lower()
    if precedence in AUTOMATED_PRECEDENCE:
        return f"Precedence: {precedence}"
    if sender.partition("@")[0].lower() in AUTOMATED_LOCAL_PARTS:
        return f"sent by {sender}"
    if msg.get_content_type() == "multipart/report":
        return "a delivery report"
    if _one_line(msg.get("Return-Path", "")) == "<>":
        return "empty Return-Path"
    return ""


def _addresses(msg, header):
    """[(display name, address)] of every address in every copy of a header, decoded (RFC 2047)."""
    found = []
    for value in msg.get_all(header) or ():
        addresses = getattr(value, "addresses", None)
        if addresses is not None:
            found += [(address.display_name, address.addr_spec) for address in addresses]
        else:
            found += getaddresses([str(value)])
    return [(_one_line(name).strip("'\" "), _clean(address).strip()) for name, address in found
            if "@" in (address or "")]


def _is_valid_address(address):
    try:
        validate_email(address)
    except ValidationError:
        return False
    return len(address) <= 254


def _message_id(value, raw):
    """The Message-ID as "<…>"; a message without one gets one from the hash of its bytes."""
    ids = _ids(value)
    if ids and len(ids[0]) <= 255:
        return ids[0]
    bare = _one_line(value or "")
    if bare and " " not in bare and len(bare) <= 253:
        return f"<{bare.strip('<>')}>"
    domain = settings.SUPPORT_EMAIL_ADDRESS.partition("@")[2] or "localhost"
    return f"<inbound.{hashlib.sha256(raw).hexdigest()}@{domain}>"


def _ids(value):
    return ANGLE_ID.findall(_one_line(value or ""))


def _unique(items):
    return list(dict.fromkeys(items))


def _text_and_html(msg):
    plain = msg.get_body(preferencelist=("plain",))
    if plain is not None:
        return _clean(_part_text(plain)).strip(), ""
    html_part = msg.get_body(preferencelist=("html",))
    if html_part is None:
        return "", ""
    html = _clean(_part_text(html_part))
    return html_to_text(html), html


def _part_text(part):
    try:
        return part.get_content()
    except (LookupError, UnicodeError, KeyError, AssertionError):
        return (part.get_payload(decode=True) or b"").decode("utf-8", "replace")


def _forwarded(msg, text):
    """The original sender of a forwarded message: a message/rfc822 part, or a "Forwarded message" block."""
    for part in msg.walk():
        if part.get_content_type() == "message/rfc822" and part.is_multipart():
            inner = part.get_payload(0)
            senders = _addresses(inner, "From")
            if not senders or not _is_valid_address(senders[0][1]):
                continue
            name, address = senders[0]
            subject = _one_line(inner.get("Subject", ""))
            inner_text = _text_and_html(inner)[0]
            heading = [f"From: {f'{name} <{address}>' if name else address}"]
            heading += [f"{h}: {_one_line(inner[h])}" for h in ("Date", "Subject", "To") if inner.get(h)]
            block = "---------- Forwarded message ---------\n" + "\n".join(heading) + f"\n\n{inner_text}"
            return Forwarded(email=address, name=name, subject=subject, block=block.strip())
    marker = FORWARD_MARKER.search(text)
    if marker is None:
        return None
    headers = {}
    for line in text[marker.end():].lstrip("\n").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        headers.setdefault(key.strip(" *").lower(), value.strip())
    name, address = parseaddr(headers.get("from", "").replace("*", ""))
    if not _is_valid_address(address):
        return None
    return Forwarded(email=address, name=name.strip(), subject=headers.get("subject", ""))


def _files(msg):
    """(filename, bytes) of every attachment: parts with a filename, and inline images."""
    for index, part in enumerate(msg.walk()):
        if part.is_multipart() or part.get_content_type() == "message/rfc822":
            continue
        filename = _one_line(part.get_filename() or "")
        maintype = part.get_content_maintype()
        inline = part.get_content_disposition() == "inline"
        if (filename and (not inline or maintype != "text")) or maintype == "image":
            content = part.get_payload(decode=True) or b""
            yield filename or f"image-{index}.{part.get_content_subtype()}", content


def _one_line(value):
    return " ".join(_clean(value).split())


def _clean(value):
    """Text the database stores safely: no NUL characters, no lone surrogates from undecodable bytes."""
    text = str(value or "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text.replace("\x00", "")
