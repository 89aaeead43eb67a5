"""Endpoints providers post feedback to: no login, signed URLs, no CSRF.

Every answer is JSON with a short reason a provider's delivery log shows;
a refused post changes nothing.
"""

import logging

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from domains.feedback import sender_domain_for_token

from . import feedback

logger = logging.getLogger(__name__)

# Multipart fields an inbound-routing provider puts the raw message in:
# SendGrid's Inbound Parse ("Send Raw"), Mailgun's routes (URL ending in
# "mime").
RAW_MAIL_FIELDS = ("email", "body-mime")


def refuse(reason, status):
    return JsonResponse({"error": reason}, status=status)


def check_size(request):
    """Refuse (413) a body declared larger than the limit, before reading."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > feedback.MAX_BODY_BYTES:
        raise feedback.Refused("body larger than 1 MB", 413)


def read_body(request):
    """The request body, never more than one byte past the limit."""
    check_size(request)
    return request.read(feedback.MAX_BODY_BYTES + 1)


@csrf_exempt
@require_POST
@never_cache
def provider(request, token):
    """A provider's event webhook for one sender domain."""
    sender_domain = sender_domain_for_token(token)
    if sender_domain is None:
        return refuse("unknown webhook address", 404)
    try:
        items, subscribe_url = feedback.read_webhook(
            feedback.parse_json(read_body(request))
        )
        if subscribe_url:
            # Never fetched: the domain's page shows it for the owner to open.
            feedback.keep_subscription(sender_domain, subscribe_url)
            return JsonResponse({"subscription": "shown to the owner to confirm"})
        counts = feedback.handle_webhook(sender_domain.company, items)
        if items and sender_domain.sns_subscribe_url:
            # Notifications arrive: the subscription was confirmed.
            type(sender_domain).objects.filter(pk=sender_domain.pk).update(
                sns_subscribe_url=""
            )
    except feedback.Refused as refusal:
        logger.info("sender domain %s: webhook refused (%s)", sender_domain.pk, refusal)
        return refuse(str(refusal), refusal.status)
    return JsonResponse(counts)


@csrf_exempt
@require_POST
@never_cache
def mail(request, token):
    """A raw report mail from an inbound-routing provider."""
    if not feedback.mail_token_valid(token):
        return refuse("unknown webhook address", 404)
    try:
        data = raw_mail(request)
        outcome = feedback.handle_report_mail(
            data, request.headers.get("X-Envelope-To", "")
        )
    except feedback.Refused as refusal:
        logger.info("report mail refused (%s)", refusal)
        return refuse(str(refusal), refusal.status)
    return JsonResponse({"outcome": outcome})


def raw_mail(request):
    if request.content_type.startswith("multipart/"):
        check_size(request)
        for name in RAW_MAIL_FIELDS:
            if request.POST.get(name):
                return request.POST[name].encode("utf-8", "surrogateescape")
            if name in request.FILES:
                return request.FILES[name].read(feedback.MAX_BODY_BYTES + 1)
        raise feedback.Refused("no 'email' or 'body-mime' field with the message")
    data = read_body(request)
    if not data.strip():
        raise feedback.Refused("empty body: post the raw message")
    return data
