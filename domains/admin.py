from django.contrib import admin

from .models import DnsCheck, SenderDomain


class DnsCheckInline(admin.TabularInline):
    model = DnsCheck
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "status", "message", "expected_record", "checked_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SenderDomain)
class SenderDomainAdmin(admin.ModelAdmin):
    """Secrets (SMTP password, API key, DKIM private key) are never shown."""

    list_display = [
        "domain", "company", "is_primary", "provider", "verified_at",
        "last_regressed_at",
    ]  # fmt: skip
    list_filter = ["provider", "is_primary"]
    search_fields = ["domain", "company__name"]
    list_select_related = ["company"]
    raw_id_fields = ["company"]
    exclude = ["smtp_password", "api_key", "dkim_private_key"]
    readonly_fields = [
        "dkim_selector", "dkim_public_key", "verified_at", "last_regressed_at",
    ]  # fmt: skip
    inlines = [DnsCheckInline]

    def has_add_permission(self, request):
        # A domain needs its DKIM key pair: companies add them in the wizard.
        return False
