from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Company


class EmailTemplate(models.Model):
    """A design: in the system library (no company) or a company's own."""

    class Category(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        PROMOTION = "promotion", _("Promotion")
        EVENT = "event", _("Événement")
        WELCOME = "welcome", _("Bienvenue")
        GREETING = "greeting", _("Vœux et fêtes")
        TRANSACTIONAL = "transactional", _("Transactionnel")
        ANNOUNCEMENT = "announcement", _("Annonce")

    class Language(models.TextChoices):
        FR = "fr", _("Français")
        EN = "en", _("Anglais")

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="email_templates",
        help_text=_("Vide : modèle de la bibliothèque partagée."),
    )
    # Identifies a system template across reloads of the library.
    key = models.SlugField(_("identifiant"), max_length=80, blank=True)
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    name = models.CharField(_("nom"), max_length=150)
    description = models.CharField(_("description"), max_length=255, blank=True)
    category = models.CharField(_("catégorie"), max_length=20, choices=Category)
    industry = models.CharField(
        _("secteur"), max_length=60, choices=Company.Industry, blank=True
    )
    language = models.CharField(
        _("langue"), max_length=2, choices=Language, default=Language.FR
    )
    preheader = models.CharField(
        _("texte d'aperçu"),
        max_length=200,
        blank=True,
        help_text=_("Affiché après l'objet dans la boîte de réception."),
    )
    design = models.JSONField(_("design"), default=dict)
    compiled_html = models.TextField(_("HTML compilé"), blank=True, editable=False)
    compiled_text = models.TextField(_("texte compilé"), blank=True, editable=False)
    variables = models.JSONField(_("variables"), default=list, editable=False)
    thumbnail = models.ImageField(
        _("vignette"), upload_to="templates_lib/thumbnails/", blank=True
    )
    is_premium = models.BooleanField(_("premium"), default=False)
    is_mobile_optimised = models.BooleanField(_("optimisé mobile"), default=True)
    has_dark_mode = models.BooleanField(_("mode sombre"), default=False)
    usage_count = models.PositiveIntegerField(_("utilisations"), default=0)
    rating_average = models.DecimalField(
        _("note moyenne"), max_digits=3, decimal_places=2, default=0
    )
    rating_count = models.PositiveIntegerField(_("nombre de notes"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("modèle d'email")
        verbose_name_plural = _("modèles d'email")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(company__isnull=True) & ~Q(key=""),
                name="unique_system_template_key",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_system(self):
        return self.company_id is None

    @property
    def thumbnail_url(self):
        if self.thumbnail:
            return reverse(
                "templates_lib:media",
                args=[self.thumbnail.name.removeprefix("templates_lib/")],
            )
        if self.key:
            return static(f"templates_lib/thumbnails/{self.key}.jpg")
        return ""


class TemplateRating(models.Model):
    template = models.ForeignKey(
        EmailTemplate, on_delete=models.CASCADE, related_name="ratings"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    score = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("note de modèle")
        constraints = [
            models.UniqueConstraint(fields=["template", "user"], name="one_rating"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.template} : {self.score}/5"


class BrandKit(models.Model):
    """A company's look, applied to every design it starts from the library."""

    class Font(models.TextChoices):
        # Fonts every mail client has: no web font is ever loaded.
        ARIAL = "Arial, Helvetica, sans-serif", "Arial"
        HELVETICA = "Helvetica, Arial, sans-serif", "Helvetica"
        VERDANA = "Verdana, Geneva, sans-serif", "Verdana"
        TAHOMA = "Tahoma, Verdana, sans-serif", "Tahoma"
        TREBUCHET = "'Trebuchet MS', Arial, sans-serif", "Trebuchet MS"
        GEORGIA = "Georgia, 'Times New Roman', serif", "Georgia"

    company = models.OneToOneField(
        Company, on_delete=models.CASCADE, related_name="brand_kit"
    )
    logo = models.ImageField(_("logo"), upload_to="templates_lib/logos/", blank=True)
    primary_color = models.CharField(
        _("couleur principale"), max_length=7, default="#047857"
    )
    secondary_color = models.CharField(
        _("couleur secondaire"), max_length=7, default="#f59e0b"
    )
    font_family = models.CharField(
        _("police"), max_length=60, choices=Font, default=Font.ARIAL
    )
    footer_address = models.CharField(
        _("adresse postale du pied de page"),
        max_length=255,
        blank=True,
        help_text=_("Vide : l'adresse de l'entreprise."),
    )
    website_url = models.URLField(_("site web"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    whatsapp_url = models.URLField(
        _("WhatsApp"), blank=True, help_text=_("Lien wa.me vers votre numéro.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("charte graphique")
        verbose_name_plural = _("chartes graphiques")

    def __str__(self):
        return str(self.company)

    def social_links(self):
        names = ("facebook", "instagram", "linkedin", "x", "whatsapp")
        return {
            n: getattr(self, f"{n}_url") for n in names if getattr(self, f"{n}_url")
        }
