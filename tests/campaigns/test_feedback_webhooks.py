"""Provider webhooks: real posts through Django's test client."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.models import Campaign, Event, Message
from contacts.models import Contact, Suppression
from domains.feedback import feedback_token, feedback_url

from .feedback_support import (
    PROVIDERS,
    mailjet,
    make_sender_domain,
    post_json,
    send_to,
    sendgrid,
    ses,
    sns_envelope,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(company, awa, paul):
    """(campaign, {contact id: message}) of a campaign sent to Awa and Paul."""
    return send_to(company, [awa, paul])


@pytest.fixture
def sender_domain(company):
    return make_sender_domain(company, "boulangerie.cm")


@pytest.fixture
def hook_url(sender_domain):
    return reverse("hooks:provider", args=[feedback_token(sender_domain)])


def events(kind=None):
    queryset = Event.objects.exclude(kind=Event.Kind.SENT)
    return list(queryset.filter(kind=kind) if kind else queryset)


@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_a_complaint_suppresses_the_contact_and_counts(
    provider, hook_url, sent, awa, paul, django_capture_on_commit_callbacks
):
    campaign, messages = sent
    payload = PROVIDERS[provider]("complaint", awa.email, messages[awa.pk].message_id)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(hook_url, payload)

    assert response.status_code == 200, response.content
    assert response.json()["recorded"] == 1
    [event] = events()
    assert (event.kind, event.message_id) == ("complaint", messages[awa.pk].pk)
    awa.refresh_from_db()
    assert awa.status == Contact.Status.COMPLAINED
    assert Suppression.objects.get(email=awa.email).reason == "complaint"
    campaign.refresh_from_db()
    assert (campaign.complaints_count, campaign.sent_count) == (1, 2)
    paul.refresh_from_db()
    assert paul.status == Contact.Status.SUBSCRIBED


@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_a_permanent_bounce_suppresses_the_contact(
    provider, hook_url, sent, awa, django_capture_on_commit_callbacks
):
    campaign, messages = sent
    message = messages[awa.pk]
    payload = PROVIDERS[provider]("bounce", awa.email, message.message_id)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(hook_url, payload)

    assert response.status_code == 200, response.content
    assert [e.kind for e in events()] == ["bounce"]
    message.refresh_from_db()
    assert message.status == Message.Status.BOUNCED
    assert "5.1.1" in message.smtp_reply or "user unknown" in message.smtp_reply
    # A late bounce keeps what the send recorded.
    assert message.message_id == f"<m{message.pk}@afrimail.test>"
    assert message.sent_at is not None
    awa.refresh_from_db()
    assert awa.status == Contact.Status.BOUNCED
    campaign.refresh_from_db()
    assert (campaign.bounces_count, campaign.sent_count) == (1, 2)


@pytest.mark.parametrize("provider", ["sendgrid", "mailgun", "ses", "postmark"])
def test_the_same_event_twice_records_one(provider, hook_url, sent, awa):
    _campaign, messages = sent
    for kind in ["complaint", "bounce"]:
        payload = PROVIDERS[provider](kind, awa.email, messages[awa.pk].message_id)
        first = post_json(hook_url, payload)
        again = post_json(hook_url, payload)

        assert first.json()["recorded"] == 1
        assert again.status_code == 200
        assert again.json() == {"recorded": 0, "duplicate": 1, "unknown": 0}
    assert sorted(e.kind for e in events()) == ["bounce", "complaint"]


def test_temporary_failures_are_ignored(hook_url, sent, awa):
    _campaign, messages = sent
    mid = messages[awa.pk].message_id
    soft = [
        [{**sendgrid("bounce", awa.email, mid)[0], "type": "blocked"}],
        {
            "event-data": {
                "event": "failed",
                "severity": "temporary",
                "recipient": awa.email,
            }
        },
        {"event": "soft_bounce", "email": awa.email, "message-id": mid},
        [{**mailjet("bounce", awa.email, mid)[0], "hard_bounce": False}],
        {"RecordType": "Bounce", "Type": "SoftBounce", "Email": awa.email},
    ]
    for payload in soft:
        response = post_json(hook_url, payload)
        assert response.status_code == 200, payload
        assert response.json()["recorded"] == 0
    assert events() == []
    awa.refresh_from_db()
    assert awa.status == Contact.Status.SUBSCRIBED


def test_without_message_id_the_most_recent_message_is_chosen(
    company, hook_url, sent, awa
):
    _first, _messages = sent
    second, messages = send_to(company, [awa], name="Promo de janvier")

    response = post_json(hook_url, mailjet("complaint", awa.email, ""))

    assert response.status_code == 200
    [event] = events()
    assert event.campaign_id == second.pk
    assert event.message_id == messages[awa.pk].pk


def test_a_token_of_one_company_cannot_touch_another_s_message(
    company, other_company, hook_url, sent
):
    stranger = Contact.objects.create(company=other_company, email="k@safari.test")
    theirs, their_messages = send_to(other_company, [stranger], name="Safari")
    message = their_messages[stranger.pk]

    for payload in [
        sendgrid("complaint", stranger.email, message.message_id),
        ses("bounce", stranger.email, message.message_id),
    ]:
        response = post_json(hook_url, payload)
        assert response.status_code == 404
        assert "no message" in response.json()["error"]

    assert events() == []
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    stranger.refresh_from_db()
    assert stranger.status == Contact.Status.SUBSCRIBED
    assert not Suppression.objects.exists()


def test_their_own_url_does_work_for_the_other_company(other_company):
    stranger = Contact.objects.create(company=other_company, email="k@safari.test")
    _theirs, messages = send_to(other_company, [stranger], name="Safari")
    url = reverse(
        "hooks:provider",
        args=[feedback_token(make_sender_domain(other_company, "safari.test"))],
    )

    payload = sendgrid("complaint", stranger.email, messages[stranger.pk].message_id)
    assert post_json(url, payload).status_code == 200
    assert [e.company_id for e in events()] == [other_company.pk]


@pytest.mark.parametrize(
    "token",
    [
        "nope",
        "WzEsMV0:forged-signature",
        # Signed, but with the salt of another kind of token.
        "other-salt",
    ],
)
def test_a_bad_token_answers_404(token, sender_domain, sent, awa):
    if token == "other-salt":
        from campaigns import tokens

        token = tokens.sign(
            tokens.OPEN_SALT, sender_domain.pk, sender_domain.company_id
        )
    url = reverse("hooks:provider", args=[token])
    _campaign, messages = sent

    response = post_json(url, sendgrid("complaint", awa.email, ""))

    assert response.status_code == 404
    assert response.json() == {"error": "unknown webhook address"}
    assert events() == []


def test_the_url_of_a_deleted_domain_stops_working(sender_domain, hook_url, sent, awa):
    sender_domain.delete()

    assert post_json(hook_url, sendgrid("complaint", awa.email, "")).status_code == 404
    assert events() == []


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"event=spamreport&email=awa", "body is not JSON"),
        (b"\xff\xfe\x00garbage", "body is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "body is not JSON"),
        (b'"a string"', "expected a JSON object or array"),
        (b'{"hello": "world"}', "unknown payload format"),
        (b"[1, 2]", "each event must be a JSON object"),
        (b'[{"event": "spamreport", "email": 42, "sg_event_id": "x"}]', "'email'"),
        (b'{"event-data": "complained"}', "'event-data' must be a JSON object"),
        (b'{"Type": "Notification", "TopicArn": "a", "Message": "{"}', "not JSON"),
        (b'{"Type": "Notification", "TopicArn": "a", "Message": {}}', "'Message'"),
        (
            b'{"Type": "Notification", "TopicArn": "a", "Message": '
            b'"{\\"notificationType\\": \\"Bounce\\", \\"bounce\\": []}"}',
            "'bounce' must be a JSON object",
        ),
        (b'[{"event": "bounce", "hard_bounce": "yes", "MessageID": 1}]', "true or"),
    ],
)
def test_hostile_payloads_are_refused_and_change_nothing(hook_url, sent, body, reason):
    response = post_json(hook_url, body)

    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert events() == []
    assert not Suppression.objects.exists()


def test_a_payload_over_one_megabyte_is_refused_unread(hook_url, sent, awa):
    padding = "x" * (1024 * 1024)
    payload = [{**sendgrid("complaint", awa.email, "")[0], "padding": padding}]

    response = post_json(hook_url, payload)

    assert response.status_code == 413
    assert response.json() == {"error": "body larger than 1 MB"}
    assert events() == []


def test_too_many_events_are_refused(hook_url, sent, awa):
    payload = sendgrid("complaint", awa.email, "") * 2001

    response = post_json(hook_url, payload)

    assert response.status_code == 400
    assert events() == []


def test_only_post_and_no_csrf_token_needed(hook_url, sent, awa):
    assert Client().get(hook_url).status_code == 405
    client = Client(enforce_csrf_checks=True)
    payload = json.dumps(sendgrid("complaint", awa.email, ""))
    response = client.post(hook_url, payload, content_type="application/json")
    assert response.status_code == 200


def test_a_batch_skips_a_contact_erased_since(hook_url, sent, awa, paul):
    _campaign, messages = sent
    payload = sendgrid("complaint", awa.email, messages[awa.pk].message_id)
    payload += sendgrid("complaint", "erased@example.test", "<gone@afrimail.test>")

    response = post_json(hook_url, payload)

    assert response.json() == {"recorded": 1, "duplicate": 0, "unknown": 1}
    assert [e.contact_id for e in events()] == [awa.pk]


CONFIRM_URL = (
    "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription"
    "&TopicArn=arn:aws:sns:eu-west-1:123456789012:ses-feedback&Token=2336412f37"
)


def subscription(url):
    return sns_envelope(
        "SubscriptionConfirmation",
        Token="2336412f37",
        SubscribeURL=url,
        Message="You have chosen to subscribe to the topic.",
    )


def test_an_sns_subscription_link_is_shown_to_the_owner_never_fetched(
    hook_url, sent, owner_client, sender_domain
):
    response = post_json(hook_url, subscription(CONFIRM_URL))

    assert response.status_code == 200
    assert events() == []
    page = owner_client.get(reverse("domains:verify", args=[sender_domain.pk]))
    assert 'href="' + CONFIRM_URL.replace("&", "&amp;") + '"' in page.content.decode()
    assert "Confirmer l'abonnement Amazon SNS" in page.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.test/?Action=ConfirmSubscription",
        "http://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription",
        "https://sns.eu-west-1.amazonaws.com.evil.test/",
        "javascript:alert(1)",
    ],
)
def test_a_subscription_link_not_on_sns_is_refused(hook_url, sent, sender_domain, url):
    response = post_json(hook_url, subscription(url))

    assert response.status_code == 400
    sender_domain.refresh_from_db()
    assert sender_domain.sns_subscribe_url == ""


def test_notifications_arriving_take_the_link_off_the_page(
    hook_url, sent, awa, sender_domain
):
    _campaign, messages = sent
    post_json(hook_url, subscription(CONFIRM_URL))
    sender_domain.refresh_from_db()
    assert sender_domain.sns_subscribe_url == CONFIRM_URL

    response = post_json(
        hook_url, ses("complaint", awa.email, messages[awa.pk].message_id)
    )

    assert response.status_code == 200
    assert response.json()["recorded"] == 1
    sender_domain.refresh_from_db()
    assert sender_domain.sns_subscribe_url == ""


def test_a_dropped_address_is_a_bounce_or_a_complaint(hook_url, sent, awa, paul):
    _campaign, messages = sent
    dropped = [
        {**sendgrid("complaint", awa.email, "")[0], "event": "dropped",
         "reason": "Spam Reporting Address"},
        {**sendgrid("complaint", paul.email, "")[0], "event": "dropped",
         "reason": "Bounced Address"},
    ]  # fmt: skip

    response = post_json(hook_url, dropped)

    assert response.json()["recorded"] == 2
    kinds = {e.contact_id: e.kind for e in events()}
    assert kinds == {awa.pk: "complaint", paul.pk: "bounce"}


def test_the_domain_page_shows_the_url_and_where_to_paste_it(
    owner_client, sender_domain
):
    url = feedback_url(sender_domain)

    page = owner_client.get(reverse("domains:verify", args=[sender_domain.pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert url in text
    assert "Event Webhook" in text
    assert "Copier" in text


def test_the_url_is_not_shown_to_a_viewer(company, owner, sender_domain):
    from accounts.models import Membership
    from tests.conftest import logged_in, make_member

    viewer = make_member("lecteur@boulangerie.test", company, "viewer")
    assert Membership.objects.get(user=viewer).role == "viewer"

    page = logged_in(viewer).get(reverse("domains:verify", args=[sender_domain.pk]))

    assert page.status_code == 200
    assert feedback_url(sender_domain) not in page.content.decode()
    assert Campaign.objects.count() == 0
