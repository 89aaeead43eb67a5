from celery import shared_task

from .dns_checks import verify_domain
from .models import SenderDomain


@shared_task
def reverify_all_domains():
    """Daily: queue one check per domain, so a slow DNS delays only its own."""
    pks = SenderDomain.objects.values_list("pk", flat=True)
    for pk in pks.iterator():
        reverify_domain.delay(pk)


@shared_task
def reverify_domain(sender_domain_pk):
    sender_domain = SenderDomain.objects.filter(pk=sender_domain_pk).first()
    if sender_domain is not None:
        verify_domain(sender_domain)
