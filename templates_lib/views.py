from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from accounts.tenancy import company_required, get_for_company

from . import editing, tasks, uploads
from .branding import get_brand_kit
from .checks import run_checks
from .forms import BrandKitForm, LibraryFilter, RatingForm, TestEmailForm
from .models import EmailTemplate, TemplateRating
from .placeholders import CONTACT_FIELDS, SENDER_FIELDS, custom_fields
from .plans import can_use_premium
from .previews import preview_html
from .rendering import from_stored
from .testmail import send_test


def system_template(pk):
    return get_object_or_404(EmailTemplate, pk=pk, company__isnull=True)


@company_required("view")
def library(request):
    form = LibraryFilter(request.GET or None)
    templates = EmailTemplate.objects.filter(company__isnull=True)
    if form.is_valid():
        templates = filtered(templates, form.cleaned_data)
    context = {
        "form": form,
        "templates": templates.order_by("category", "name"),
        "premium_allowed": can_use_premium(request.company),
    }
    return render(request, "templates_lib/library.html", context)


def filtered(templates, data):
    for name in ("category", "industry", "language"):
        if data[name]:
            templates = templates.filter(**{name: data[name]})
    if data["q"]:
        q = data["q"]
        templates = templates.filter(Q(name__icontains=q) | Q(description__icontains=q))
    return templates


@company_required("view")
def template_detail(request, pk):
    template = system_template(pk)
    rating = TemplateRating.objects.filter(template=template, user=request.user).first()
    context = {
        "template": template,
        "preview": preview_html(template, request.company),
        "rating_form": RatingForm(initial={"score": rating.score if rating else 5}),
        "my_rating": rating,
        "premium_allowed": can_use_premium(request.company),
    }
    return render(request, "templates_lib/template_detail.html", context)


@require_POST
@company_required("campaigns")
def use_template(request, pk):
    source = system_template(pk)
    if source.is_premium and not can_use_premium(request.company):
        messages.error(request, _("Ce modèle premium demande une offre payante."))
        return redirect("templates_lib:detail", pk=source.pk)

    kit = get_brand_kit(request.company)
    logo = uploads.public_url(kit.logo.name) if kit.logo else ""
    template = editing.copy_template(source, request.company, request.user, logo)
    enqueue_thumbnail(template)
    return redirect("templates_lib:editor", pk=template.pk)


@require_POST
@company_required("view")
def rate_template(request, pk):
    template = system_template(pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une note de 1 à 5 étoiles."))
        return redirect("templates_lib:detail", pk=template.pk)

    editing.rate(template, request.user, form.cleaned_data["score"])
    messages.success(request, _("Merci, votre note est enregistrée."))
    return redirect("templates_lib:detail", pk=template.pk)


@company_required("view")
def my_templates(request):
    templates = EmailTemplate.objects.filter(company=request.company)
    context = {"templates": templates.order_by("-updated_at")}
    return render(request, "templates_lib/my_templates.html", context)


@company_required("campaigns")
def editor(request, pk):
    template = get_for_company(EmailTemplate, request, pk=pk)
    context = {
        "template": template,
        "editor_config": {
            "design": template.design,
            "fields": picker_entries(CONTACT_FIELDS),
            "customFields": picker_entries(custom_fields(request.company)),
            "senderFields": picker_entries(SENDER_FIELDS),
            "urls": {
                "save": reverse("templates_lib:save", args=[pk]),
                "preview": reverse("templates_lib:preview", args=[pk]),
                "upload": reverse("templates_lib:upload"),
            },
            "messages": editor_messages(),
            **editor_language(),
        },
        "test_form": TestEmailForm(company=request.company),
    }
    return render(request, "templates_lib/editor.html", context)


def picker_entries(fields):
    return [{"name": key, "label": str(label)} for key, label in fields.items()]


# GrapesJS locales vendored from its package (see `make assets`); English
# is built in.
EDITOR_LOCALES = {"fr": "templates_lib/vendor/locale/fr.mjs"}


def editor_language():
    """The editor's language: the page's, French strings when it is French."""
    locale = (get_language() or "fr").split("-")[0]
    if locale not in EDITOR_LOCALES:
        return {"locale": "en"}
    return {
        "locale": locale,
        "localeUrl": static(EDITOR_LOCALES[locale]),
        "mjml": mjml_messages(),
    }


def mjml_messages():
    """The MJML plugin's strings, in the shape of its i18n option."""
    names = {
        "body": _("Corps"),
        "button": _("Bouton"),
        "column": _("Colonne"),
        "oneColumn": _("1 colonne"),
        "twoColumn": _("2 colonnes"),
        "threeColumn": _("3 colonnes"),
        "divider": _("Séparateur"),
        "group": _("Groupe"),
        "hero": _("Bannière"),
        "image": _("Image"),
        "navBar": _("Menu"),
        "navLink": _("Lien de menu"),
        "section": _("Section"),
        "socialGroup": _("Réseaux sociaux"),
        "socialElement": _("Réseau social"),
        "spacer": _("Espace"),
        "text": _("Texte"),
        "wrapper": _("Conteneur"),
        "raw": _("HTML brut"),
    }
    buttons = {
        "undo": _("Annuler"),
        "redo": _("Rétablir"),
        "desktop": _("Ordinateur"),
        "tablet": _("Tablette"),
        "mobile": _("Mobile"),
        "import": _("Importer du MJML"),
    }
    return {
        "category": "",
        "panels": {
            "buttons": buttons,
            "import": {
                "title": _("Importer du MJML"),
                "button": _("Importer"),
                "label": "",
            },
            "export": {"title": _("Exporter en MJML")},
        },
        "components": {"names": names},
    }


def editor_messages():
    return {
        "saving": _("Enregistrement…"),
        "saved": _("Enregistré"),
        "refused": _("Non enregistré :"),
        "offline": _(
            "Connexion perdue : vos modifications seront enregistrées dès son retour."
        ),
        "ready": _("Prêt à envoyer : aucune correction nécessaire."),
        "noText": _("Cliquez d'abord dans un bloc de texte."),
        "sent": _("Test envoyé à"),
        "desktop": _("Aperçu ordinateur (600 px)"),
        "mobile": _("Aperçu mobile (375 px)"),
        "dark": _("Aperçu en mode sombre"),
        "uploadFailed": _("Image refusée :"),
        "personalise": _("Insérer une variable"),
        "heading": _("Titre"),
        "headingText": _("Votre titre ici"),
        "video": _("Vidéo"),
        "videoAlt": _("Regarder la vidéo"),
        "footer": _("Pied de page"),
        "unsubscribe": _("Se désabonner"),
        "why": _("Vous recevez cet email car vous êtes inscrit(e) chez"),
        "category": _("Blocs AfriMail"),
    }


@require_POST
@company_required("campaigns")
def save_design(request, pk):
    template = get_for_company(EmailTemplate, request, pk=pk)
    try:
        notes, problems = editing.save_design(
            template, request.body, custom_fields(request.company)
        )
    except ValidationError as error:
        return JsonResponse({"saved": False, "errors": error.messages}, status=400)
    if request.GET.get("thumbnail"):
        enqueue_thumbnail(template)
    return JsonResponse(
        {"saved": True, "notes": notes, "problems": problem_list(problems)}
    )


def enqueue_thumbnail(template):
    transaction.on_commit(lambda: tasks.render_thumbnail.delay(template.pk))


def problem_list(problems):
    return [
        {"code": p.code, "message": str(p.message), "fix": str(p.fix)} for p in problems
    ]


@require_GET
@company_required("view")
def preview(request, pk):
    template = get_for_company(EmailTemplate, request, pk=pk)
    compiled = from_stored(template.compiled_html, template.compiled_text)
    problems = run_checks(template.design, compiled, custom_fields(request.company))
    return JsonResponse(
        {
            "html": preview_html(template, request.company),
            "problems": problem_list(problems),
        }
    )


@require_POST
@company_required("campaigns")
def upload_image(request):
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse(
            {"errors": [_("Choisissez une image à envoyer.")]}, status=400
        )
    try:
        path = uploads.store_image(upload, request.company)
    except ValidationError as error:
        return JsonResponse({"errors": error.messages}, status=400)
    return JsonResponse({"data": [uploads.public_url(path)]})


@require_POST
@company_required("campaigns")
def send_test_email(request, pk):
    template = get_for_company(EmailTemplate, request, pk=pk)
    form = TestEmailForm(request.POST, company=request.company)
    if not form.is_valid():
        return JsonResponse(
            {"errors": [_("Choisissez un membre de l'équipe.")]}, status=400
        )
    send_test(template, request.user, form.cleaned_data["recipient"])
    return JsonResponse({"sent": True, "to": form.cleaned_data["recipient"].email})


@company_required("team")
def brand_kit(request):
    kit = get_brand_kit(request.company)
    form = BrandKitForm(request.POST or None, request.FILES or None, instance=kit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Charte graphique enregistrée."))
        return redirect("templates_lib:brand_kit")
    return render(request, "templates_lib/brand_kit.html", {"form": form, "kit": kit})


@require_GET
def media(request, path):
    """Uploaded images and logos, public: they are shown in sent emails."""
    if not path.startswith(("uploads/", "logos/", "thumbnails/")):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT / "templates_lib")
