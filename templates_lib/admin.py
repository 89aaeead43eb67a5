from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .editing import compile_template, store_compiled
from .models import BrandKit, EmailTemplate, TemplateRating


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = [
        "name", "company", "category", "industry", "language", "is_premium",
        "usage_count", "rating_average", "updated_at",
    ]  # fmt: skip
    list_filter = [
        "category",
        "language",
        "industry",
        "is_premium",
        ("company", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "description", "key", "company__name"]
    readonly_fields = ["usage_count", "rating_average", "rating_count", "variables"]
    autocomplete_fields = ["company"]
    actions = ["recompile"]

    @admin.action(description=_("Recompiler le HTML des modèles choisis"))
    def recompile(self, request, queryset):
        for template in queryset:
            store_compiled(template, compile_template(template))
            template.save(update_fields=["compiled_html", "compiled_text", "variables"])
        self.message_user(
            request,
            _("%(count)s modèle(s) recompilé(s).") % {"count": queryset.count()},
        )

    def save_model(self, request, obj, form, change):
        store_compiled(obj, compile_template(obj))
        super().save_model(request, obj, form, change)


@admin.register(TemplateRating)
class TemplateRatingAdmin(admin.ModelAdmin):
    list_display = ["template", "user", "score", "updated_at"]
    list_filter = ["score"]
    raw_id_fields = ["template", "user"]


@admin.register(BrandKit)
class BrandKitAdmin(admin.ModelAdmin):
    list_display = [
        "company",
        "primary_color",
        "secondary_color",
        "font_family",
        "updated_at",
    ]
    search_fields = ["company__name"]
    autocomplete_fields = ["company"]
