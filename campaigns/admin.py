from django.contrib import admin

from .models import Campaign, Event, Message, RateCounter


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = [
        "name", "company", "status", "recipients_count", "sent_count",
        "unique_opens", "unique_clicks", "created_at",
    ]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["name", "subject", "company__name"]
    list_select_related = ["company"]
    raw_id_fields = ["company", "created_by"]
    readonly_fields = [
        "links", "recipients_count", "sent_count", "failed_count",
        "unique_opens", "unique_clicks", "unsubscribes_count",
        "started_at", "finished_at",
    ]  # fmt: skip


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["campaign", "email", "status", "sent_at", "first_opened_at"]
    list_filter = ["status"]
    search_fields = ["email", "message_id"]
    raw_id_fields = ["company", "campaign", "contact"]
    list_select_related = ["campaign"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Events are an insert-only log: readable here, never edited."""

    list_display = ["created_at", "kind", "campaign", "message", "ip"]
    list_filter = ["kind"]
    raw_id_fields = ["company", "campaign", "message", "contact"]
    list_select_related = ["campaign"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(RateCounter)
class RateCounterAdmin(admin.ModelAdmin):
    """Per-sender send counters of the database rate-limit backend."""

    list_display = ["key", "window", "started_at", "count"]
    list_filter = ["window"]
    search_fields = ["key"]
