from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.countries import country_name
from accounts.models import Company


class Tag(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("nom"), max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="tag_unique_name")
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name


class Contact(models.Model):
    """One person a company may write to.

    `email` is stored normalised and lower-cased, so the unique constraint
    on (company, email) is the case-insensitive merge key.
    """

    class Status(models.TextChoices):
        SUBSCRIBED = "subscribed", _("Abonné")
        UNSUBSCRIBED = "unsubscribed", _("Désabonné")
        BOUNCED = "bounced", _("Adresse en échec")
        COMPLAINED = "complained", _("Plainte pour spam")
        PENDING = "pending", _("Confirmation en attente")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts"
    )
    email = models.EmailField(_("adresse e-mail"), max_length=254)
    first_name = models.CharField(_("prénom"), max_length=100, blank=True)
    last_name = models.CharField(_("nom"), max_length=100, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    organization = models.CharField(_("société"), max_length=150, blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    country = models.CharField(_("pays"), max_length=2, blank=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    timezone = models.CharField(_("fuseau horaire"), max_length=64, blank=True)
    language = models.CharField(_("langue"), max_length=8, blank=True)
    # A birthday known without its year (Mailchimp's "MM/DD") is stored in
    # BIRTHDAY_UNKNOWN_YEAR, a leap year so that 29 February fits.
    birthday = models.DateField(_("date de naissance"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    custom_fields = models.JSONField(default=dict, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    status = models.CharField(
        _("statut"), max_length=20, choices=Status, default=Status.SUBSCRIBED
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_source = models.CharField(max_length=120, blank=True)
    consent_ip = models.GenericIPAddressField(null=True, blank=True)
    engagement_score = models.PositiveSmallIntegerField(default=0)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # The import that created this contact, if one did.
    source_import = models.ForeignKey(
        "ContactImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_contacts",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    BIRTHDAY_UNKNOWN_YEAR = 1904

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company", "email"], name="contact_unique_email"
            )
        ]
        indexes = [
            models.Index(fields=["company", "status"]),
            models.Index(fields=["company", "-created_at"]),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.email

    @property
    def full_name(self):
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def country_name(self):
        return country_name(self.country) if self.country else ""

    @property
    def birthday_has_year(self):
        return bool(self.birthday) and self.birthday.year != self.BIRTHDAY_UNKNOWN_YEAR


class ContactImport(models.Model):
    """One uploaded file and what became of each of its rows."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    # csv, xlsx, xls, vcard, json or ndjson: what the reader found.
    file_format = models.CharField(max_length=10, blank=True)
    # The workbook sheet to read; blank means the first holding contacts.
    sheet = models.CharField(_("feuille"), max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    # [{"line": 7, "reason": "...", "value": "..."}], in file order.
    errors = models.JSONField(default=list, blank=True)
    # Rows kept with a value left out (an unreadable phone...), same shape.
    warnings = models.JSONField(default=list, blank=True)
    # {"header as in the file": "contact field"}, for the report.
    mapping = models.JSONField(default=dict, blank=True)
    # Why the whole import failed, in words the user can act on.
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def record_label(self):
        """What the report calls the position of a refused record."""
        if self.file_format == "vcard":
            return _("Fiche n°")
        if self.file_format == "json":
            return _("Objet n°")
        return _("Ligne")

    @property
    def progress_percent(self):
        if not self.total_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
