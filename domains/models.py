from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company

from . import presets
from .crypto import EncryptedTextField


class CheckStatus(models.TextChoices):
    OK = "ok", _("Correct")
    WARNING = "warning", _("À améliorer")
    ERROR = "error", _("À corriger")
    PENDING = "pending", _("Pas encore vérifié")


class CheckKind(models.TextChoices):
    SPF = "spf", "SPF"
    DKIM = "dkim", "DKIM"
    DMARC = "dmarc", "DMARC"
    MX = "mx", _("MX (réponses)")


class SenderDomain(models.Model):
    """A domain a company sends from, with its SMTP server and DKIM key."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="sender_domains"
    )
    domain = models.CharField(_("domaine"), max_length=253)
    is_primary = models.BooleanField(_("domaine principal"), default=False)
    from_email = models.EmailField(_("adresse d'expédition"))
    from_name = models.CharField(_("nom d'expéditeur"), max_length=120)
    reply_to = models.EmailField(_("adresse de réponse"), blank=True)

    provider = models.CharField(
        _("fournisseur SMTP"),
        max_length=30,
        choices=presets.PROVIDER_CHOICES,
        default=presets.CUSTOM,
    )
    smtp_host = models.CharField(_("serveur SMTP"), max_length=253, blank=True)
    smtp_port = models.PositiveIntegerField(_("port"), default=587)
    smtp_security = models.CharField(
        _("sécurité"),
        max_length=10,
        choices=presets.SECURITY_CHOICES,
        default=presets.STARTTLS,
    )
    smtp_username = models.CharField(_("identifiant"), max_length=255, blank=True)
    smtp_password = EncryptedTextField(_("mot de passe"), blank=True)
    api_key = EncryptedTextField(_("clé API"), blank=True)

    rate_per_second = models.PositiveIntegerField(_("messages par seconde"))
    rate_per_hour = models.PositiveIntegerField(_("messages par heure"))
    rate_per_day = models.PositiveIntegerField(_("messages par jour"))

    dkim_selector = models.CharField(_("sélecteur DKIM"), max_length=63)
    dkim_private_key = EncryptedTextField(_("clé privée DKIM"))
    dkim_public_key = models.TextField(_("clé publique DKIM"))

    verified_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)
    # Amazon SNS asks the owner of a webhook address to visit this URL once
    # before it posts notifications; shown on the domain's page, never
    # fetched by the platform.
    sns_subscribe_url = models.URLField(
        _("confirmation de l'abonnement SNS"), max_length=1000, blank=True
    )
    last_regressed_at = models.DateTimeField(
        _("dernière régression"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("domaine d'envoi")
        verbose_name_plural = _("domaines d'envoi")
        ordering = ["-is_primary", "domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "domain"], name="one_sender_domain_per_company"
            ),
            models.UniqueConstraint(
                fields=["company"],
                condition=models.Q(is_primary=True),
                name="one_primary_sender_domain",
            ),
        ]

    def __str__(self):
        return self.domain

    @property
    def preset(self):
        return presets.get(self.provider)

    @property
    def reply_domain(self):
        address = self.reply_to or self.from_email
        return address.rpartition("@")[2].lower()

    @property
    def is_verified(self):
        return self.verified_at is not None

    @property
    def is_regressed(self):
        return self.verified_at is None and self.last_regressed_at is not None

    @property
    def status(self):
        if self.is_verified:
            return "verified"
        if self.is_regressed:
            return "regressed"
        return "unverified"

    def apply_preset_limits(self):
        preset = self.preset
        self.rate_per_second = preset.per_second
        self.rate_per_hour = preset.per_hour
        self.rate_per_day = preset.per_day


class DnsCheck(models.Model):
    """The last result of one DNS check of a sender domain."""

    sender_domain = models.ForeignKey(
        SenderDomain, on_delete=models.CASCADE, related_name="checks"
    )
    kind = models.CharField(max_length=10, choices=CheckKind)
    status = models.CharField(
        max_length=10, choices=CheckStatus, default=CheckStatus.PENDING
    )
    message = models.TextField(blank=True)
    expected_record = models.TextField(blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("vérification DNS")
        verbose_name_plural = _("vérifications DNS")
        constraints = [
            models.UniqueConstraint(
                fields=["sender_domain", "kind"], name="one_check_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.sender_domain} {self.kind}: {self.status}"
