"""Sent messages to give feedback about, and provider payloads about them.

The payloads follow each provider's documented webhook format, trimmed to
the fields a real post carries around the ones we read.
"""

import json
from pathlib import Path

from django.test import Client
from django.utils.timezone import now

from campaigns import journal, sending
from campaigns.models import Campaign, Message
from domains.sender_domains import apply_preset, create_sender_domain

SAMPLES = Path(__file__).parent / "feedback_samples"


def make_sender_domain(company, domain):
    sender_domain = create_sender_domain(
        company,
        domain=domain,
        from_email=f"info@{domain}",
        from_name=company.name,
    )
    apply_preset(sender_domain, "sendgrid")
    sender_domain.save()
    return sender_domain


def send_to(company, contacts, name="Promo de décembre"):
    """A campaign whose messages went out: recorded as the pipeline does."""
    campaign = Campaign.objects.create(
        company=company, name=name, subject="Pain chaud", html_body="<p>Bonjour</p>"
    )
    sending.start_send(campaign)
    messages = list(Message.objects.filter(campaign=campaign).order_by("pk"))
    for message in messages:
        message_id = f"<m{message.pk}@afrimail.test>"
        journal.record_accepted([(message.pk, "250 2.0.0 Ok", message_id, now())])
        message.refresh_from_db()
    return campaign, {m.contact_id: m for m in messages}


def post_json(url, payload, **extra):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return Client().post(url, body, content_type="application/json", **extra)


# Provider payloads -----------------------------------------------------------


def sendgrid(kind, email, message_id):
    event = {
        "email": email,
        "timestamp": 1764842400,
        "smtp-id": message_id,
        "sg_event_id": "ZGVsaXZlcmVkLTAtMjQ0NTI0MjQtMQ",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
        "category": ["promo"],
    }
    if kind == "complaint":
        event["event"] = "spamreport"
    else:
        event.update(
            event="bounce",
            type="bounce",
            status="5.1.1",
            reason="550 5.1.1 The email account that you tried to reach does not exist",
        )
    return [event]


def mailgun(kind, email, message_id):
    data = {
        "id": "G9Bn5sl1TC6nu79C8C0bwg",
        "timestamp": 1764842400.5,
        "recipient": email,
        "message": {
            "headers": {
                "message-id": message_id.strip("<>"),
                "to": email,
                "from": "info@boulangerie.cm",
                "subject": "Pain chaud",
            },
            "size": 3421,
        },
    }
    if kind == "complaint":
        data["event"] = "complained"
    else:
        data.update(
            event="failed",
            severity="permanent",
            reason="bounce",
            **{
                "delivery-status": {
                    "code": 550,
                    "message": "5.1.1 The email account does not exist.",
                    "description": "",
                    "attempt-no": 1,
                }
            },
        )
    return {
        "signature": {
            "timestamp": "1764842400",
            "token": "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0",
            "signature": "d2271d12299f6592d9d44cd9d250f0704e4674c30d79d07c4",
        },
        "event-data": data,
    }


def ses(kind, email, message_id):
    mail = {
        "timestamp": "2026-12-04T10:00:00.000Z",
        "source": "b-1-abc@bounces.afrimail.test",
        "messageId": "0102019391b7c1a2-5b0f3a8e-000000",
        "destination": [email],
        "headersTruncated": False,
        "headers": [
            {"name": "From", "value": "info@boulangerie.cm"},
            {"name": "Message-ID", "value": message_id},
        ],
        "commonHeaders": {"from": ["info@boulangerie.cm"], "to": [email]},
    }
    if kind == "complaint":
        notification = {
            "notificationType": "Complaint",
            "complaint": {
                "complainedRecipients": [{"emailAddress": email}],
                "timestamp": "2026-12-04T10:05:00.000Z",
                "feedbackId": "0102019391c0-complaint",
                "complaintFeedbackType": "abuse",
            },
            "mail": mail,
        }
    else:
        notification = {
            "notificationType": "Bounce",
            "bounce": {
                "bounceType": "Permanent",
                "bounceSubType": "General",
                "bouncedRecipients": [
                    {
                        "emailAddress": email,
                        "action": "failed",
                        "status": "5.1.1",
                        "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                    }
                ],
                "timestamp": "2026-12-04T10:01:00.000Z",
                "feedbackId": "0102019391b8-bounce",
            },
            "mail": mail,
        }
    return sns_envelope("Notification", Message=json.dumps(notification))


def sns_envelope(kind, **fields):
    return {
        "Type": kind,
        "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        "TopicArn": "arn:aws:sns:eu-west-1:123456789012:ses-feedback",
        "Timestamp": "2026-12-04T10:05:01.000Z",
        "SignatureVersion": "1",
        "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0Q",
        "SigningCertURL": (
            "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000.pem"
        ),
        **fields,
    }


def brevo(kind, email, message_id):
    event = {
        "id": 1123456,
        "email": email,
        "date": "2026-12-04 11:00:00",
        "ts": 1764842400,
        "message-id": message_id,
        "ts_event": 1764842400,
        "subject": "Pain chaud",
        "tag": "",
        "sending_ip": "185.41.28.109",
    }
    if kind == "complaint":
        event["event"] = "spam"
    else:
        event.update(event="hard_bounce", reason="550 5.1.1 user unknown")
    return event


def mailjet(kind, email, message_id):
    event = {
        "time": 1764842400,
        "MessageID": 19421777396190490,
        "Message_GUID": "1ab23cd4-e567-8901-2345-6789f0gh1i2j",
        "email": email,
        "mj_campaign_id": 0,
        "mj_contact_id": 124409882,
        "customcampaign": "",
        "CustomID": "",
        "Payload": "",
    }
    if kind == "complaint":
        event.update(event="spam", source="JMRPP")
    else:
        event.update(
            event="bounce",
            blocked=False,
            hard_bounce=True,
            error_related_to="recipient",
            error="user unknown",
            comment="550 5.1.1 user unknown",
        )
    return [event]


def postmark(kind, email, message_id):
    record = {
        "ID": 4323372036854775807,
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23,
        "MessageStream": "outbound",
        "Tag": "",
        "Metadata": {},
        "Email": email,
        "From": "info@boulangerie.cm",
        "BouncedAt": "2026-12-04T10:00:00Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Pain chaud",
    }
    if kind == "complaint":
        record.update(
            RecordType="SpamComplaint",
            Type="SpamComplaint",
            TypeCode=512,
            Name="Spam complaint",
            Description="The subscriber explicitly marked this message as spam.",
            Details="",
        )
    else:
        record.update(
            RecordType="Bounce",
            Type="HardBounce",
            TypeCode=1,
            Name="Hard bounce",
            Description="The server was unable to deliver your message.",
            Details="smtp;550 5.1.1 The email account does not exist.",
        )
    return record


PROVIDERS = {
    "sendgrid": sendgrid,
    "mailgun": mailgun,
    "ses": ses,
    "brevo": brevo,
    "mailjet": mailjet,
    "postmark": postmark,
}


def sample(name, **values):
    """A report mail from tests/campaigns/feedback_samples, filled in."""
    text = (SAMPLES / name).read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text.replace("\n", "\r\n").encode()
