"""Import a contact file into a company, as an upload would, and print the
report as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import Company
from contacts.importing import import_file
from contacts.models import ContactImport


class Command(BaseCommand):
    help = "Import a CSV, Excel, vCard or JSON contact file into a company."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--company", required=True, help="the company's slug")
        parser.add_argument(
            "--create-company",
            action="store_true",
            help="create the company (named after the slug) if it does not exist",
        )
        parser.add_argument(
            "--country",
            help="ISO code of the company's country, for national phone numbers",
        )
        parser.add_argument("--sheet", default="", help="workbook sheet to read")

    def handle(self, *args, **options):
        path = options["file"]
        if not path.is_file():
            raise CommandError(_("Fichier introuvable : %(path)s") % {"path": path})
        company = find_company(options)

        done = import_file(company, path, sheet=options["sheet"])

        self.stdout.write(json.dumps(report(done), ensure_ascii=False, indent=2))
        if done.status != ContactImport.Status.DONE:
            raise CommandError(done.failure)


def find_company(options):
    slug, country = options["company"], (options["country"] or "").upper()
    company = Company.objects.filter(slug=slug).first()
    if company is None and not options["create_company"]:
        raise CommandError(
            _(
                "Aucune entreprise « %(slug)s ». Vérifiez le slug, ou ajoutez "
                "--create-company pour la créer."
            )
            % {"slug": slug}
        )
    if company is None:
        company = Company.objects.create(name=slug, slug=slug, country=country or "CM")
    elif country and company.country != country:
        company.country = country
        company.save(update_fields=["country"])
    return company


def report(done):
    return {
        "import": done.pk,
        "company": done.company.slug,
        "file": done.original_name,
        "format": done.file_format,
        "sheet": done.sheet,
        "status": done.status,
        "failure": done.failure,
        "total_rows": done.total_rows,
        "processed_rows": done.processed_rows,
        "imported": done.imported,
        "updated": done.updated,
        "duplicates": done.duplicates,
        "invalid": done.invalid,
        "rejected": done.errors,
        "warnings": done.warnings,
        "mapping": done.mapping,
    }
