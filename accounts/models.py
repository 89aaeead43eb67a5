import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import roles


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    def __str__(self):
        return self.email


class Company(models.Model):
    """The tenant: every row a customer owns points here."""

    class Size(models.TextChoices):
        SOLO = "1", _("Indépendant")
        SMALL = "2-10", _("2 à 10 personnes")
        MEDIUM = "11-50", _("11 à 50 personnes")
        LARGE = "51-200", _("51 à 200 personnes")
        XL = "200+", _("Plus de 200 personnes")

    class Industry(models.TextChoices):
        COMMERCE = "commerce", _("Commerce et distribution")
        FOOD = "restaurant", _("Restauration et alimentation")
        TOURISM = "tourism", _("Tourisme et hôtellerie")
        EDUCATION = "education", _("Éducation et formation")
        HEALTH = "health", _("Santé et pharmacie")
        NGO = "ngo", _("ONG et associations")
        REAL_ESTATE = "real_estate", _("Immobilier et construction")
        SERVICES = "services", _("Services aux entreprises")
        TECHNOLOGY = "technology", _("Technologie et télécoms")
        OTHER = "other", _("Autre")

    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    country = models.CharField(_("pays"), max_length=2, default="CM")
    industry = models.CharField(
        _("secteur"), max_length=60, choices=Industry, blank=True
    )
    size = models.CharField(_("taille"), max_length=10, choices=Size, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    timezone = models.CharField(
        _("fuseau horaire"), max_length=64, default="Africa/Douala"
    )
    address = models.CharField(
        _("adresse postale"),
        max_length=255,
        blank=True,
        help_text=_("Affichée au pied de chaque email, comme l'exige la loi."),
    )
    plan = models.CharField(_("offre"), max_length=20, default="trial")
    trial_ends_at = models.DateTimeField(_("fin de l'essai"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("entreprise")
        verbose_name_plural = _("entreprises")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name)
        if self.trial_ends_at is None:
            self.trial_ends_at = timezone.now() + timedelta(days=settings.TRIAL_DAYS)
        super().save(*args, **kwargs)

    @property
    def trial_days_left(self):
        if self.trial_ends_at is None:
            return 0
        left = self.trial_ends_at - timezone.now()
        return max(0, left.days + (1 if left.seconds else 0))


def unique_slug(name):
    base = slugify(name)[:120] or "entreprise"
    slug, n = base, 1
    while Company.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


ROLE_CHOICES = [
    (roles.OWNER, _("Propriétaire")),
    (roles.ADMIN, _("Administrateur")),
    (roles.MANAGER, _("Responsable marketing")),
    (roles.SPECIALIST, _("Spécialiste email")),
    (roles.SALES, _("Commercial")),
    (roles.VIEWER, _("Lecture seule")),
]


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=ROLE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="one_membership")
        ]

    def __str__(self):
        return f"{self.user} @ {self.company} ({self.role})"

    def can(self, action):
        return roles.can(self.role, action)


# An invitation link works for a week: long enough to be read after a
# weekend, short enough that a forwarded old email is useless.
INVITATION_DAYS = 7


def new_invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=20, choices=ROLE_CHOICES)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")

    def __str__(self):
        return f"{self.email} → {self.company}"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=INVITATION_DAYS)

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at
