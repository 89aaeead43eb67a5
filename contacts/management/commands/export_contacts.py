"""Write a company's contacts, all or as the list page filters them, to a
CSV or Excel file."""

import logging
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import Company
from contacts import exporting
from contacts.filtering import FilterRefused, strictly_filtered_contacts
from contacts.models import Segment, Tag

logger = logging.getLogger(__name__)

# How many existing segments or tags an "unknown" error names.
LISTED = 10


class Command(BaseCommand):
    help = (
        "Export a company's contacts as CSV (UTF-8 with BOM) or Excel, all of "
        "them or those a segment, a tag and a search select (as on the list page)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--company", required=True, help="the company's slug")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--output", type=Path, help="file to write (default: standard output)"
        )
        parser.add_argument("--segment", help="a segment of the company: id or name")
        parser.add_argument("--tag", help="only contacts with this tag")
        parser.add_argument(
            "--search", help="only contacts whose email, name, phone... contain it"
        )

    def handle(self, *args, **options):
        company = Company.objects.filter(slug=options["company"]).first()
        if company is None:
            raise CommandError(
                _("Aucune entreprise « %(slug)s ».") % {"slug": options["company"]}
            )
        output = options["output"]
        if output is None and options["format"] == "xlsx":
            raise CommandError(_("Un export Excel demande --output FICHIER.xlsx."))
        if output is not None and not output.parent.is_dir():
            raise CommandError(
                _("Dossier introuvable : %(path)s") % {"path": output.parent}
            )

        contacts = chosen_contacts(company, options)
        logger.info(
            "export of company %s: format=%s segment=%s tag=%s search=%s",
            company.pk,
            options["format"],
            options["segment"] is not None,
            options["tag"] is not None,
            options["search"] is not None,
        )
        if output is None:
            for text in exporting.csv_chunks(contacts):
                self.stdout.write(text, ending="")
            return
        count = write_whole(contacts, options["format"], output)
        self.stderr.write(
            _("%(count)s contacts écrits dans %(path)s")
            % {"count": count, "path": output}
        )


def chosen_contacts(company, options):
    """The contacts the options select, through the list page's filters.

    Names are resolved first, so an unknown one is an error that says what
    exists, never an export of everyone.
    """
    data = {}
    if options["segment"] is not None:
        data["segment"] = str(find_segment(company, options["segment"]).pk)
    if options["tag"] is not None:
        data["tag"] = find_tag(company, options["tag"]).name
    if options["search"] is not None:
        if not options["search"].strip():
            raise CommandError(_("--search : saisissez le texte à rechercher."))
        data["q"] = options["search"]
    try:
        return strictly_filtered_contacts(company, data)
    except FilterRefused as exc:
        raise CommandError(str(exc)) from None


def find_segment(company, wanted):
    """The company's segment with this id or, failing that, this name.

    A name shared by several segments is refused with their ids, since an
    export must be of the segment that was meant.
    """
    segments = Segment.objects.filter(company=company)
    wanted = wanted.strip()
    if wanted.isdigit():
        found = segments.filter(pk=int(wanted)).first()
        if found is not None:
            return found
    named = list(segments.filter(name=wanted)) or list(
        segments.filter(name__iexact=wanted)
    )
    if len(named) == 1:
        return named[0]
    if named:
        raise CommandError(
            _("Plusieurs segments s'appellent « %(name)s » : %(ids)s. Donnez son id.")
            % {"name": wanted, "ids": ", ".join(str(s.pk) for s in named)}
        )
    existing = [f"{s.pk} « {s.name} »" for s in segments[: LISTED + 1]]
    raise CommandError(
        unknown_text(
            _("Segment « %(name)s » inconnu dans « %(company)s ».")
            % {"name": wanted, "company": company.slug},
            _("Segments existants : %(names)s."),
            _("Cette entreprise n'a aucun segment."),
            existing,
        )
    )


def find_tag(company, wanted):
    """The company's tag of this name, exactly or else ignoring case."""
    tags = Tag.objects.filter(company=company)
    wanted = wanted.strip()
    found = tags.filter(name=wanted).first()
    if found is None:
        folded = list(tags.filter(name__iexact=wanted)[:2])
        found = folded[0] if len(folded) == 1 else None
    if found is not None:
        return found
    existing = [f"« {t.name} »" for t in tags[: LISTED + 1]]
    raise CommandError(
        unknown_text(
            _("Étiquette « %(name)s » inconnue dans « %(company)s ».")
            % {"name": wanted, "company": company.slug},
            _("Étiquettes existantes : %(names)s."),
            _("Cette entreprise n'a aucune étiquette."),
            existing,
        )
    )


def unknown_text(unknown, listing, none, existing):
    """The error for an unknown name, with up to LISTED names that exist."""
    if not existing:
        return f"{unknown} {none}"
    names = ", ".join(existing[:LISTED])
    if len(existing) > LISTED:
        names += " …"
    return f"{unknown} {listing % {'names': names}}"


def write_whole(contacts, file_format, path):
    """Write the export next to `path`, then put it in place in one step, so
    a failure midway leaves any earlier file at `path` as it was."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as output:
            count = exporting.write_export(contacts, file_format, output)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
