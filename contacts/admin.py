from django.contrib import admin

from .models import Contact, ContactImport, Tag


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "company", "status", "country", "created_at"]
    list_filter = ["status", "company"]
    search_fields = ["email", "first_name", "last_name", "phone"]
    raw_id_fields = ["company", "source_import"]
    filter_horizontal = ["tags"]
    date_hierarchy = "created_at"


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "company"]
    list_filter = ["company"]
    search_fields = ["name"]


@admin.register(ContactImport)
class ContactImportAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "company",
        "file_format",
        "status",
        "total_rows",
        "imported",
        "updated",
        "duplicates",
        "invalid",
        "created_at",
    ]
    list_filter = ["status", "file_format", "company"]
    search_fields = ["original_name", "created_by__email"]
    raw_id_fields = ["company", "created_by"]
    readonly_fields = ["created_at", "finished_at"]
