from django.conf import settings
from django.db import models
from django.utils import timezone
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


# The columns the list's search box looks in, joined into one text so that
# one trigram index on PostgreSQL serves the search (see `search_document`).
SEARCHED_FIELDS = ["email", "first_name", "last_name", "phone", "city", "organization"]


class SearchDocument(models.Func):
    """lower(email || ' ' || first_name || ...): the columns are NOT NULL,
    so plain concatenation, the same SQL on SQLite and PostgreSQL."""

    template = "LOWER(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = models.TextField()


def search_document():
    """The lower-cased text the search matches, as an expression.

    The same expression is indexed (GIN, gin_trgm_ops) on PostgreSQL by
    migration 0005, outside the model state because SQLite has no such
    index: a search must use this function unchanged for it to apply.
    """
    return SearchDocument(*[models.F(name) for name in SEARCHED_FIELDS])


def search_index_sql():
    columns = " || ' ' || ".join(f'"{name}"' for name in SEARCHED_FIELDS)
    return (
        "CREATE INDEX IF NOT EXISTS contact_search_trgm ON contacts_contact "
        f"USING gin ((LOWER({columns})) gin_trgm_ops)"
    )


class EngagementLevel(models.TextChoices):
    HIGH = "high", _("Très engagé")
    MODERATE = "moderate", _("Moyennement engagé")
    LOW = "low", _("Peu engagé")
    INACTIVE = "inactive", _("Inactif")


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

    # No index of its own: the unique (company, email) index serves company
    # lookups, and a second one misled PostgreSQL's planner on new companies.
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", db_index=False
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
    # Written with the score by `scoring`: inactive means no activity in
    # the scoring window, whatever the score.
    engagement_level = models.CharField(
        _("engagement"),
        max_length=10,
        choices=EngagementLevel,
        default=EngagementLevel.INACTIVE,
    )
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
            # The list's order, alone and under each of its filters.
            models.Index(
                fields=["company", "-created_at", "-id"], name="contact_list_order"
            ),
            models.Index(
                fields=["company", "status", "-created_at"], name="contact_by_status"
            ),
            models.Index(
                fields=["company", "engagement_level", "-created_at"],
                name="contact_by_level",
            ),
            models.Index(
                fields=["company", "engagement_score"], name="contact_by_score"
            ),
            # Segment rules on the fields people filter on most.
            models.Index(fields=["company", "city"], name="contact_by_city"),
            models.Index(fields=["company", "country"], name="contact_by_country"),
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


class FieldDefinition(models.Model):
    """A custom field of a company's contacts; values live in
    `Contact.custom_fields[key]`, checked by `fields.clean_custom_values`."""

    class Type(models.TextChoices):
        TEXT = "text", _("Texte")
        NUMBER = "number", _("Nombre")
        DATE = "date", _("Date")
        BOOLEAN = "boolean", _("Oui / non")
        CHOICE = "choice", _("Liste de choix")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="field_definitions"
    )
    key = models.SlugField(
        _("clé"),
        max_length=40,
        help_text=_("Minuscules, chiffres et « _ » : {{ cle }} dans les e-mails."),
    )
    label = models.CharField(_("libellé"), max_length=80)
    field_type = models.CharField(
        _("type"), max_length=10, choices=Type, default=Type.TEXT
    )
    choices = models.JSONField(_("choix"), default=list, blank=True)
    required = models.BooleanField(_("obligatoire"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("champ personnalisé")
        verbose_name_plural = _("champs personnalisés")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "key"], name="field_definition_unique_key"
            )
        ]
        ordering = ["position", "label"]

    def __str__(self):
        return self.label


class Suppression(models.Model):
    """An address of a company that no send may reach.

    An erased contact leaves an entry with `email` blank and only the
    SHA-256 of the address in `email_hash`: the address is forgotten, yet
    the same address imported again is still recognised and never mailed.
    """

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Désabonnement")
        HARD_BOUNCE = "hard_bounce", _("Adresse en échec définitif")
        COMPLAINT = "complaint", _("Plainte pour spam")
        MANUAL = "manual", _("Bloquée à la main")
        ERASED = "erased", _("Effacée à la demande")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="suppressions"
    )
    email = models.CharField(_("adresse e-mail"), max_length=254, blank=True)
    email_hash = models.CharField(max_length=64)
    reason = models.CharField(_("motif"), max_length=12, choices=Reason)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adresse bloquée")
        verbose_name_plural = _("adresses bloquées")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "email_hash"], name="suppression_once"
            )
        ]
        indexes = [
            models.Index(fields=["company", "email"], name="suppression_by_email"),
            models.Index(fields=["company", "-created_at"], name="suppression_list"),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.email or self.email_hash[:12]


class Activity(models.Model):
    """Insert-only log of what a contact did, read by segments and scoring.

    The campaigns app writes it through `activity.record` as it records
    sends, opens and clicks; `campaign_id` is a plain number because
    contacts sit below campaigns.
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("E-mail reçu")
        OPEN = "open", _("Ouverture")
        CLICK = "click", _("Clic")
        WEBSITE_VISIT = "website_visit", _("Visite du site")
        FORM_SUBMISSION = "form_submission", _("Formulaire envoyé")
        PURCHASE = "purchase", _("Achat")
        SOCIAL_SHARE = "social_share", _("Partage")
        REFERRAL = "referral", _("Parrainage")
        OTHER = "other", _("Autre")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="activities"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(max_length=16, choices=Kind)
    campaign_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        indexes = [
            # Segment rules: this contact did this kind since then.
            models.Index(
                fields=["contact", "kind", "created_at"], name="activity_rules"
            ),
            # Scoring: everything since the start of the window.
            models.Index(fields=["created_at"], name="activity_window"),
        ]

    def __str__(self):
        return f"{self.kind} {self.contact_id}"


class Segment(models.Model):
    """A saved audience: rules compiled by `segments.compile_rules`."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="segments"
    )
    name = models.CharField(_("nom"), max_length=120)
    rules = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("segment")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name
