from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import Company
from templates_lib.models import EmailTemplate
from templates_lib.previews import SAMPLE_CONTACT, preview_html
from templates_lib.thumbnails import thumbnail_bytes

OUT = Path(settings.BASE_DIR, "static", "templates_lib", "thumbnails")


class Command(BaseCommand):
    help = "Render the system library's thumbnails into static/ (needs Chromium)."

    def handle(self, *args, **options):
        OUT.mkdir(parents=True, exist_ok=True)
        sample = Company(
            name=SAMPLE_CONTACT["company"], address="12 rue Mohamed V, Dakar"
        )
        for template in EmailTemplate.objects.filter(company__isnull=True):
            html = preview_html(template, sample)
            data, how = thumbnail_bytes(html, template.name)
            (OUT / f"{template.key}.jpg").write_bytes(data)
            self.stdout.write(f"{template.key}: {how}, {len(data)} bytes")
