from django.core.management.base import BaseCommand

from templates_lib.library import load_system_templates


class Command(BaseCommand):
    help = "Create or refresh the system template library (idempotent)."

    def handle(self, *args, **options):
        count = load_system_templates()
        self.stdout.write(f"{count} system templates loaded")
