"""Write every contact of a company to a CSV or Excel file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import Company
from contacts import exporting


class Command(BaseCommand):
    help = "Export a company's contacts as CSV (UTF-8 with BOM) or Excel."

    def add_arguments(self, parser):
        parser.add_argument("--company", required=True, help="the company's slug")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--output", type=Path, help="file to write (default: standard output)"
        )

    def handle(self, *args, **options):
        company = Company.objects.filter(slug=options["company"]).first()
        if company is None:
            raise CommandError(
                _("Aucune entreprise « %(slug)s ».") % {"slug": options["company"]}
            )
        if options["output"] is None and options["format"] == "xlsx":
            raise CommandError(_("Un export Excel demande --output FICHIER.xlsx."))

        contacts = exporting.company_contacts(company)
        if options["output"] is None:
            for text in exporting.csv_chunks(contacts):
                self.stdout.write(text, ending="")
        else:
            with open(options["output"], "wb") as output:
                count = exporting.write_export(contacts, options["format"], output)
            self.stderr.write(
                _("%(count)s contacts écrits dans %(path)s")
                % {"count": count, "path": options["output"]}
            )
