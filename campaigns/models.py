from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company

from .personalise import validate_placeholders
from .rendering import body_html, extract_links


class Campaign(models.Model):
    """One email written once and sent to a company's subscribed contacts.

    The counters are derived from Message rows and Events by
    `aggregation.aggregate_campaign`; nothing else writes them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SCHEDULED = "scheduled", _("Programmée")
        SENDING = "sending", _("Envoi en cours")
        SENT = "sent", _("Envoyée")
        PAUSED = "paused", _("En pause")
        CANCELLED = "cancelled", _("Annulée")
        FAILED = "failed", _("Échec")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="campaigns"
    )
    name = models.CharField(_("nom"), max_length=150)
    subject = models.CharField(
        _("objet"), max_length=200, validators=[validate_placeholders]
    )
    preview_text = models.CharField(
        _("texte d'aperçu"),
        max_length=200,
        blank=True,
        validators=[validate_placeholders],
        help_text=_("Affiché après l'objet dans la boîte de réception."),
    )

    class Source(models.TextChoices):
        TEMPLATE = "template", _("Partir d'un modèle")
        HTML = "html", _("HTML libre")

    source = models.CharField(
        _("contenu"), max_length=10, choices=Source, default=Source.HTML
    )
    html_body = models.TextField(
        _("contenu HTML"), blank=True, validators=[validate_placeholders]
    )
    template = models.ForeignKey(
        "templates_lib.EmailTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("modèle"),
    )
    # The template's compiled HTML as it was when the send started: every
    # batch sends the same email even if the template is edited meanwhile.
    template_html = models.TextField(blank=True, editable=False)
    include_segments = models.ManyToManyField(
        "contacts.Segment",
        blank=True,
        related_name="included_in_campaigns",
        verbose_name=_("segments destinataires"),
    )
    exclude_segments = models.ManyToManyField(
        "contacts.Segment",
        blank=True,
        related_name="excluded_from_campaigns",
        verbose_name=_("segments exclus"),
    )
    from_name = models.CharField(_("nom de l'expéditeur"), max_length=120, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status, default=Status.DRAFT
    )
    # The original URLs of the body's links, in order: a click token names
    # an index into this list, so a click only ever redirects to one of them.
    links = models.JSONField(default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    scheduled_at = models.DateTimeField(_("envoi programmé le"), null=True, blank=True)
    # Written by the batches as they work; `resume_stalled_sends` treats a
    # sending campaign whose heartbeat is older than the lease as stalled.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set while a sender's rate limit holds the send back.
    throttled_until = models.DateTimeField(null=True, blank=True, editable=False)
    # Why the send could not start or stopped, in words for the user.
    notice = models.TextField(blank=True, editable=False)

    recipients_count = models.PositiveIntegerField(default=0, editable=False)
    sent_count = models.PositiveIntegerField(default=0, editable=False)
    failed_count = models.PositiveIntegerField(default=0, editable=False)
    unique_opens = models.PositiveIntegerField(default=0, editable=False)
    unique_clicks = models.PositiveIntegerField(default=0, editable=False)
    unsubscribes_count = models.PositiveIntegerField(default=0, editable=False)
    bounces_count = models.PositiveIntegerField(default=0, editable=False)
    complaints_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["company", "-created_at"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.from_name:
            self.from_name = self.company.name
        self.links = extract_links(body_html(self))
        super().save(*args, **kwargs)

    @property
    def uses_template(self):
        return self.source == self.Source.TEMPLATE

    def follow_template(self):
        """A draft follows its template's edits: refresh the links it tracks."""
        if not (self.uses_template and self.is_editable):
            return
        links = extract_links(body_html(self))
        if links != self.links:
            self.links = links
            Campaign.objects.filter(pk=self.pk).update(links=links)

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    @property
    def can_pause(self):
        return self.status == self.Status.SENDING

    @property
    def can_resume(self):
        return self.status == self.Status.PAUSED

    @property
    def can_cancel(self):
        active = (self.Status.SENDING, self.Status.PAUSED, self.Status.SCHEDULED)
        return self.status in active

    @property
    def open_rate(self):
        return percent(self.unique_opens, self.sent_count)

    @property
    def click_rate(self):
        return percent(self.unique_clicks, self.sent_count)

    @property
    def progress_percent(self):
        done = self.sent_count + self.failed_count
        return percent(done, self.recipients_count) if self.recipients_count else 0


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0


class Message(models.Model):
    """One recipient of one campaign; (campaign, contact) is unique, which
    is what makes starting a send twice harmless."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En file")
        SENDING = "sending", _("En cours d'envoi")
        SENT = "sent", _("Envoyé")
        FAILED = "failed", _("Échec")
        BOUNCED = "bounced", _("Rejeté (adresse invalide)")
        SKIPPED = "skipped", _("Ignoré (plus abonné)")
        CANCELLED = "cancelled", _("Annulé")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="campaign_messages"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="messages"
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="messages"
    )
    # The address at the moment the send started.
    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    smtp_reply = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField()
    # The lease of a `sending` message: renewed by the batch holding it, so
    # one claimed by a worker that died can be taken back once it expires.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    first_opened_at = models.DateTimeField(null=True, blank=True)
    first_clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "contact"], name="message_once_per_contact"
            )
        ]
        indexes = [
            models.Index(fields=["campaign", "status"]),
            # Provider feedback names a message by its Message-ID header.
            models.Index(fields=["company", "message_id"]),
        ]

    def __str__(self):
        return f"{self.campaign_id}/{self.contact_id}"


class RateCounter(models.Model):
    """Messages sent by one sender in one window (second, hour or day).

    The database backend of `ratelimit`, used when no Redis is configured;
    rows of windows that have closed are deleted as new ones open.
    """

    key = models.CharField(max_length=200)
    window = models.CharField(max_length=1)
    started_at = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("compteur d'envoi")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window", "started_at"], name="rate_counter_once"
            )
        ]

    def __str__(self):
        return f"{self.key} {self.window}{self.started_at}: {self.count}"


class Event(models.Model):
    """Insert-only log of what happened to a message."""

    class Kind(models.TextChoices):
        SENT = "sent", _("Envoi")
        OPEN = "open", _("Ouverture")
        CLICK = "click", _("Clic")
        UNSUBSCRIBE = "unsubscribe", _("Désabonnement")
        BOUNCE = "bounce", _("Rejet")
        COMPLAINT = "complaint", _("Plainte")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="campaign_events"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="events"
    )
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="events"
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="campaign_events"
    )
    kind = models.CharField(max_length=12, choices=Kind)
    url = models.TextField(blank=True)
    user_agent = models.TextField(blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("événement")
        indexes = [
            # aggregate_campaign: distinct messages (or contacts) per kind.
            models.Index(fields=["campaign", "kind", "message"]),
            models.Index(fields=["campaign", "kind", "contact"]),
            # The beat job: campaigns with recent activity.
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.message_id}"
