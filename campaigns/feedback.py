"""Bounces and complaints that arrive after the SMTP session.

Two ways in, one way to record:

- provider webhooks (`read_webhook`): SendGrid, Mailgun, Amazon SES via
  SNS, Brevo, Mailjet and Postmark post JSON to the sender domain's signed
  URL (`domains.feedback`); each payload is read into `Feedback` items,
  whose message is looked up in that domain's company only;
- report mail (`read_report_mail`): a delivery status notification
  (RFC 3464) or an abuse report (ARF, RFC 5965) sent to a message's VERP
  bounce address, from a Postfix pipe (`manage.py process_feedback_mail`)
  or an inbound-routing provider posting the raw message. The VERP
  address's MAC names the message, so no company is needed.

`record` turns a complaint into `sending.complaint` and a permanent bounce
into `sending.bounce`, once per message: the same event delivered twice
(providers retry) records one event. Temporary failures are ignored: the
pipeline's own retries deal with those.
"""

import email
import email.policy
import json
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from contacts.models import Contact

from . import sending, tokens
from .models import Event, Message
from .tracking import enqueue_aggregation

logger = logging.getLogger(__name__)

# A webhook post or a report mail larger than this is refused unread:
# SendGrid's biggest batches and a DSN quoting a whole campaign email are
# a few hundred kilobytes.
MAX_BODY_BYTES = 1024 * 1024
# Events in one post: a bound on the work a single request can ask for.
MAX_EVENTS = 2000
MAIL_SALT = "campaigns.feedback.mail"

COMPLAINT = "complaint"
BOUNCE = "bounce"

# What `record` answers.
RECORDED = "recorded"
DUPLICATE = "duplicate"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Feedback:
    kind: str  # COMPLAINT or BOUNCE
    email: str = ""
    # Our Message-ID header, when the payload carries it.
    message_id: str = ""
    # The receiving server's words, kept as the message's reply.
    reply: str = ""


class Refused(Exception):
    """A payload we will not act on; `status` is the HTTP answer."""

    def __init__(self, reason, status=400):
        super().__init__(reason)
        self.status = status


# Reading webhooks ----------------------------------------------------------


def parse_json(body):
    """The decoded JSON of a request body, or Refused saying why not."""
    if len(body) > MAX_BODY_BYTES:
        raise Refused("body larger than 1 MB", 413)
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise Refused("body is not JSON") from None


def read_webhook(payload):
    """(Feedback items, SNS SubscribeURL or "") of a provider's payload.

    The provider is recognised by the payload's shape, not by the sender
    domain's preset: a company on "another SMTP server" may well be on
    Postmark. Refused when the shape is none of theirs or a field has the
    wrong type; events that are neither complaints nor permanent bounces
    are left out.
    """
    if isinstance(payload, list):
        if len(payload) > MAX_EVENTS:
            raise Refused(f"more than {MAX_EVENTS} events")
        return [item for event in payload for item in _list_event(event)], ""
    if not isinstance(payload, dict):
        raise Refused("expected a JSON object or array")
    if "event-data" in payload:
        return _mailgun(_object(payload, "event-data")), ""
    if "Type" in payload and "TopicArn" in payload:
        return _sns(payload)
    if "RecordType" in payload:
        return _postmark(payload), ""
    if "event" in payload:
        return _list_event(payload), ""
    raise Refused("unknown payload format")


def _list_event(event):
    """One event of SendGrid or Mailjet (arrays), or of Brevo or Mailjet
    posting events one by one."""
    if not isinstance(event, dict):
        raise Refused("each event must be a JSON object")
    if "sg_event_id" in event or "smtp-id" in event or "sg_message_id" in event:
        return _sendgrid(event)
    if {"MessageID", "Message_GUID", "mj_campaign_id"} & event.keys():
        return _mailjet(event)
    if "message-id" in event or "ts_event" in event:
        return _brevo(event)
    # A bare {"event", "email"}: the three share these names; their
    # complaint and bounce names tell them apart well enough.
    name = _text(event, "event")
    if name in {"spamreport", "dropped"}:
        return _sendgrid(event)
    if name in {"hard_bounce", "spam"}:
        return _brevo(event)
    if name == "bounce":
        return _mailjet(event) if "hard_bounce" in event else _sendgrid(event)
    return []


def _sendgrid(event):
    name = _text(event, "event")
    address, message_id = _text(event, "email"), _text(event, "smtp-id")
    reason = _text(event, "reason")
    if name == "spamreport":
        return [Feedback(COMPLAINT, address, message_id)]
    if name == "bounce":
        # "blocked" is SendGrid's temporary refusal; "bounce" is permanent.
        if _text(event, "type") == "blocked" or _text(event, "status").startswith("4"):
            return []
        return [Feedback(BOUNCE, address, message_id, reason)]
    if name == "dropped":
        # Dropped: SendGrid did not even try, because of its own lists.
        if "Spam Reporting" in reason:
            return [Feedback(COMPLAINT, address, message_id)]
        if "Bounced Address" in reason or reason.startswith("Invalid"):
            return [Feedback(BOUNCE, address, message_id, reason)]
    return []


def _mailgun(data):
    name = _text(data, "event")
    address = _text(data, "recipient")
    message = _object(data, "message", required=False)
    headers = _object(message, "headers", required=False)
    message_id = _text(headers, "message-id")
    if name == "complained":
        return [Feedback(COMPLAINT, address, message_id)]
    if name == "failed" and _text(data, "severity") == "permanent":
        status = _object(data, "delivery-status", required=False)
        reply = _text(status, "message") or _text(status, "description")
        return [Feedback(BOUNCE, address, message_id, reply)]
    return []


# The addresses Amazon SNS asks subscribers to visit: https on an SNS
# endpoint of a region (and of AWS China).
SNS_HOST = re.compile(r"^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$")


def keep_subscription(sender_domain, url):
    """Keep an SNS SubscribeURL for the domain's page; anything not on an
    SNS endpoint is refused, so the page never links elsewhere."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not SNS_HOST.match(parts.hostname or ""):
        raise Refused("SubscribeURL is not an Amazon SNS address")
    type(sender_domain).objects.filter(pk=sender_domain.pk).update(
        sns_subscribe_url=url[:1000]
    )
    logger.info("sender domain %s: SNS subscription to confirm", sender_domain.pk)


def _sns(envelope):
    kind = _text(envelope, "Type")
    if kind == "SubscriptionConfirmation":
        url = _text(envelope, "SubscribeURL")
        if not url:
            raise Refused("SubscribeURL missing")
        return [], url
    if kind != "Notification":
        return [], ""
    message = _text(envelope, "Message")
    try:
        notification = json.loads(message)
    except (ValueError, RecursionError):
        raise Refused("SNS Message is not JSON") from None
    if not isinstance(notification, dict):
        raise Refused("SNS Message must be a JSON object")
    return _ses(notification), ""


def _ses(notification):
    # SES notifications say notificationType; its event publishing, eventType.
    kind = _text(notification, "notificationType") or _text(notification, "eventType")
    message_id = _ses_message_id(_object(notification, "mail", required=False))
    if kind == "Complaint":
        complaint = _object(notification, "complaint")
        recipients = _list(complaint, "complainedRecipients")
        return [
            Feedback(COMPLAINT, _text(_item(r), "emailAddress"), message_id)
            for r in recipients
        ]
    if kind == "Bounce":
        bounce = _object(notification, "bounce")
        if _text(bounce, "bounceType") != "Permanent":
            return []
        return [
            Feedback(
                BOUNCE,
                _text(_item(r), "emailAddress"),
                message_id,
                _text(_item(r), "diagnosticCode"),
            )
            for r in _list(bounce, "bouncedRecipients")
        ]
    return []


def _ses_message_id(mail):
    """Our Message-ID from SES's copy of the headers (mail.messageId is SES's)."""
    common = _object(mail, "commonHeaders", required=False)
    if _text(common, "messageId"):
        return _text(common, "messageId")
    for header in _list(mail, "headers", required=False):
        header = _item(header)
        if _text(header, "name").lower() == "message-id":
            return _text(header, "value")
    return ""


def _brevo(event):
    name = _text(event, "event")
    address, message_id = _text(event, "email"), _text(event, "message-id")
    if name == "spam":
        return [Feedback(COMPLAINT, address, message_id)]
    if name == "hard_bounce":
        return [Feedback(BOUNCE, address, message_id, _text(event, "reason"))]
    return []


def _mailjet(event):
    name, address = _text(event, "event"), _text(event, "email")
    if name == "spam":
        return [Feedback(COMPLAINT, address)]
    hard = event.get("hard_bounce")
    if hard is not None and not isinstance(hard, bool):
        raise Refused("'hard_bounce' must be true or false")
    if name == "bounce" and hard:
        reply = " ".join(
            filter(None, [_text(event, "error_related_to"), _text(event, "error")])
        )
        return [Feedback(BOUNCE, address, "", reply)]
    return []


# Postmark's bounce types that mean the address will never take mail.
POSTMARK_PERMANENT = {"HardBounce", "BadEmailAddress", "ManuallyDeactivated"}


def _postmark(record):
    kind, address = _text(record, "RecordType"), _text(record, "Email")
    if kind == "SpamComplaint":
        return [Feedback(COMPLAINT, address)]
    if kind == "Bounce":
        bounce_type = _text(record, "Type")
        if bounce_type == "SpamComplaint":
            return [Feedback(COMPLAINT, address)]
        if bounce_type in POSTMARK_PERMANENT:
            reply = _text(record, "Details") or _text(record, "Description")
            return [Feedback(BOUNCE, address, "", reply)]
    return []


def _text(data, key):
    """data[key] as text ("" when absent); Refused when it is not text."""
    value = data.get(key) if data else None
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refused(f"'{key}' must be text")
    return value[:2000]


def _object(data, key, required=True):
    value = data.get(key) if data else None
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise Refused(f"'{key}' must be a JSON object")
    return value


def _list(data, key, required=True):
    value = data.get(key) if data else None
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise Refused(f"'{key}' must be a JSON array")
    if len(value) > MAX_EVENTS:
        raise Refused(f"more than {MAX_EVENTS} items in '{key}'")
    return value


def _item(value):
    if not isinstance(value, dict):
        raise Refused("each recipient must be a JSON object")
    return value


# Recording -----------------------------------------------------------------


def handle_webhook(company, items):
    """Record each item against `company`'s messages; counts by outcome.

    Refused (404) when no item names a message of the company, so a post
    about another company's message changes nothing. Items naming no
    message among others that do are counted as unknown and skipped:
    a contact erased since must not make the provider retry the batch.
    """
    found = [(item, find_message(company, item)) for item in items]
    if items and not any(message for _item, message in found):
        raise Refused("no message of this sender domain's company matches", 404)
    counts = {RECORDED: 0, DUPLICATE: 0, UNKNOWN: 0}
    for item, message in found:
        counts[record(message, item) if message else UNKNOWN] += 1
    logger.info(
        "feedback for company %s: %s recorded, %s duplicates, %s unknown",
        company.pk,
        counts[RECORDED],
        counts[DUPLICATE],
        counts[UNKNOWN],
    )
    return counts


def find_message(company, item):
    """The company's message an item is about: by our Message-ID, else the
    most recent message sent to the address. Never another company's."""
    messages = Message.objects.filter(company=company).select_related("company")
    message_id = normalise_message_id(item.message_id)
    if message_id:
        found = messages.filter(message_id=message_id).order_by("-pk").first()
        if found:
            return found
    address = item.email.strip().lower()
    if not address:
        return None
    contact = Contact.objects.filter(company=company, email=address).first()
    if contact is None:
        return None
    sent = [Message.Status.SENT, Message.Status.BOUNCED]
    return messages.filter(contact=contact, status__in=sent).order_by("-pk").first()


def normalise_message_id(value):
    """`<id@host>` as we store it, from a value with or without brackets."""
    value = value.strip()
    if not value or len(value) > 250:
        return ""
    return value if value.startswith("<") else f"<{value}>"


def record(message, item):
    """Record one complaint or permanent bounce once; RECORDED or DUPLICATE.

    The message row is locked while deciding, so two deliveries of the same
    event at the same moment still record one.
    """
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if item.kind == COMPLAINT:
            if locked.events.filter(kind=Event.Kind.COMPLAINT).exists():
                return DUPLICATE
            sending.complaint(message.company, locked)
        else:
            already = locked.events.filter(kind=Event.Kind.BOUNCE).exists()
            if already or locked.status == Message.Status.BOUNCED:
                return DUPLICATE
            sending.bounce(message.company, locked, item.reply, late=True)
        transaction.on_commit(lambda: enqueue_aggregation(locked.campaign_id))
    return RECORDED


# Report mail ---------------------------------------------------------------

IGNORED = "ignored"
FORGED = "forged"

VERP_PATTERN = re.compile(r"b-[0-9a-z]+-[0-9a-z]+@[^\s<>\"]+", re.IGNORECASE)
# ARF feedback types that mean "this recipient does not want it".
COMPLAINT_TYPES = {"abuse", "fraud"}


def mail_token():
    return signing.dumps("bounces", salt=MAIL_SALT)


def mail_token_valid(token):
    try:
        return signing.loads(token, salt=MAIL_SALT) == "bounces"
    except signing.BadSignature:
        return False


def mail_url():
    """Where an inbound-routing provider posts the bounce domain's mail."""
    return settings.SITE_URL + reverse("hooks:mail", args=[mail_token()])


def handle_report_mail(data, envelope_recipient=""):
    """Read a raw report mail and record what it reports; the outcome.

    IGNORED when it is no report, or reports a temporary failure or a
    "not spam"; FORGED when it names a VERP address whose MAC is wrong;
    UNKNOWN when it names no message we have.
    """
    if len(data) > MAX_BODY_BYTES:
        raise Refused("message larger than 1 MB", 413)
    mail = email.message_from_bytes(data, policy=email.policy.compat32)
    item = read_report_mail(mail)
    if item is None:
        logger.info("report mail ignored: not a hard bounce or complaint")
        return IGNORED
    message = message_for_report(mail, envelope_recipient)
    if message in (None, FORGED):
        logger.info("report mail (%s) names no message of ours", item.kind)
        return UNKNOWN if message is None else FORGED
    outcome = record(message, item)
    logger.info("report mail: message %s %s %s", message.pk, item.kind, outcome)
    return outcome


def read_report_mail(mail):
    """The Feedback a multipart/report carries, or None."""
    if mail.get_content_type() != "multipart/report":
        return None
    report_type = (mail.get_param("report-type") or "").lower()
    parts = list(mail.walk())
    if report_type == "delivery-status":
        return _delivery_status(parts)
    if report_type == "feedback-report":
        return _feedback_report(parts)
    return None


def _delivery_status(parts):
    for part in parts:
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in _status_blocks(part):
            action = (block.get("Action") or "").strip().lower()
            status = (block.get("Status") or "").strip()
            if action == "failed" and status.startswith("5"):
                diagnostic = " ".join((block.get("Diagnostic-Code") or "").split())
                recipient = (block.get("Final-Recipient") or "").partition(";")[2]
                return Feedback(
                    BOUNCE, recipient.strip(), "", diagnostic or f"Status: {status}"
                )
    return None


def _status_blocks(part):
    """The field blocks of a message/delivery-status part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    # Some MTAs send it as encoded text; read it as header blocks.
    text = part.get_payload(decode=True) or b""
    blocks = re.split(rb"\r?\n\r?\n", text)
    return [email.message_from_bytes(block + b"\n\n") for block in blocks]


def _feedback_report(parts):
    for part in parts:
        if part.get_content_type() != "message/feedback-report":
            continue
        fields = _status_blocks(part)
        feedback_type = ""
        for block in fields:
            feedback_type = feedback_type or (block.get("Feedback-Type") or "")
        if feedback_type.strip().lower() in COMPLAINT_TYPES:
            return Feedback(COMPLAINT)
        return None
    return None


def message_for_report(mail, envelope_recipient=""):
    """The message a report is about, None, or FORGED.

    Looked for in order: the envelope recipient (the VERP address the
    report was sent to), the report's To:, ARF's Original-Mail-From, the
    returned message's Return-Path, then its Message-ID. A VERP address
    with a wrong MAC stops the search: it is someone guessing.
    """
    for address in _verp_candidates(mail, envelope_recipient):
        pk = tokens.message_from_bounce_address(address)
        if pk is None:
            logger.warning("report mail names a forged bounce address")
            return FORGED
        found = Message.objects.select_related("company").filter(pk=pk).first()
        if found:
            return found
    message_id = normalise_message_id(_original_header(mail, "Message-ID"))
    if message_id:
        messages = Message.objects.select_related("company")
        return messages.filter(message_id=message_id).order_by("-pk").first()
    return None


def _verp_candidates(mail, envelope_recipient):
    values = [envelope_recipient, mail.get("To", "")]
    values += [_report_field(mail, "Original-Mail-From")]
    values += [_original_header(mail, "Return-Path")]
    domain = "@" + settings.BOUNCE_DOMAIN.lower()
    for value in values:
        for address in VERP_PATTERN.findall(str(value or "")):
            if address.lower().endswith(domain):
                yield address


def _report_field(mail, name):
    for part in mail.walk():
        if part.get_content_type() == "message/feedback-report":
            for block in _status_blocks(part):
                if block.get(name):
                    return block.get(name)
    return ""


def _original_header(mail, name):
    """A header of the returned message (message/rfc822 or its headers)."""
    for part in mail.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if hasattr(inner, "get") and inner.get(name):
                return str(inner.get(name))
        elif kind == "text/rfc822-headers":
            headers = email.message_from_bytes(part.get_payload(decode=True) or b"")
            if headers.get(name):
                return str(headers.get(name))
    return ""
