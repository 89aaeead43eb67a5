"""On PostgreSQL a large file is cleaned by a second process while the
importing one writes: same contacts, same report, same batches, and a
failure on either side leaves whole batches only."""

import os

import pytest
from django.db import connection

from accounts.models import Company
from contacts import importing
from contacts.importing import import_file
from contacts.models import Contact, ContactImport, Tag

from .test_import_failure_midway import seven_rows
from .test_import_samples import FIXTURES, SAMPLES

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the second process is PostgreSQL's"
)


@pytest.fixture
def aside_from(monkeypatch):
    """Clean aside from `rows` rows on (PARALLEL_FROM's default is large)."""

    def set_threshold(rows):
        monkeypatch.setattr(importing, "PARALLEL_FROM", rows)

    return set_threshold


@pytest.fixture
def cleaned_by(monkeypatch, tmp_path):
    """The pids that cleaned rows, written to a file a child can append to."""
    real = importing.clean_row
    record = tmp_path / "pids"
    record.write_text("")

    def clean_row(*args):
        with open(record, "a") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(importing, "clean_row", clean_row)
    return lambda: {int(pid) for pid in record.read_text().split()}


def report(done):
    contacts = Contact.objects.filter(company=done.company).order_by("email")
    return {
        "counts": (done.imported, done.duplicates, done.invalid, done.updated),
        "errors": done.errors,
        "warnings": done.warnings,
        "contacts": [
            (c.email, c.first_name, c.last_name, c.phone, c.country, c.birthday)
            for c in contacts
        ],
        "tags": sorted(
            (t.name, t.contacts.count())
            for t in Tag.objects.filter(company=done.company)
        ),
    }


def test_sqlite_and_small_files_are_cleaned_in_the_importing_process(
    company, run_csv, cleaned_by
):
    done = run_csv("email\na@orange.sn\nb@orange.sn\n")

    assert done.status == ContactImport.Status.DONE
    assert cleaned_by() == {os.getpid()}


@on_postgresql
@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_reads_the_same_cleaned_aside(
    company, aside_from, monkeypatch, name
):
    twin = Company.objects.create(name="Wouri bis", country=company.country)
    monkeypatch.setattr(importing, "BATCH_SIZE", 7)
    in_process = report(import_file(twin, FIXTURES / name))
    aside_from(1)

    aside = report(import_file(company, FIXTURES / name))

    assert aside == in_process
    assert aside["errors"] or aside["warnings"] or name.endswith(".vcf")


@on_postgresql
def test_a_second_process_cleans_and_the_rows_keep_their_lines(
    company, run_csv, aside_from, cleaned_by
):
    aside_from(1)
    rows = [f"p{i}@orange.sn,+237 6 99 00 00 {i:02}\n" for i in range(20)]
    rows[12] = "pas-une-adresse,\n"
    rows[15] = "p15@orange.sn,12\n"

    done = run_csv("email,téléphone\n" + "".join(rows))

    assert done.status == ContactImport.Status.DONE
    pids = cleaned_by()
    assert len(pids) == 1
    assert os.getpid() not in pids
    assert (done.imported, done.invalid) == (19, 1)
    assert [e["line"] for e in done.errors] == [14]
    assert [w["line"] for w in done.warnings] == [17]


@on_postgresql
def test_a_failing_batch_rolls_back_whole_and_the_import_resumes(
    company, run_csv, aside_from, tags_break_on_second_batch, monkeypatch
):
    aside_from(1)
    monkeypatch.setattr(importing, "BATCH_SIZE", 3)

    done = run_csv(seven_rows())

    done.refresh_from_db()
    assert done.status == ContactImport.Status.FAILED
    assert (done.processed_rows, done.imported) == (3, 3)
    assert Contact.objects.filter(company=company).count() == 3
    monkeypatch.undo()
    monkeypatch.setattr(importing, "BATCH_SIZE", 3)
    done.status = ContactImport.Status.RUNNING

    importing.run_import(done)

    done.refresh_from_db()
    assert done.status == ContactImport.Status.DONE
    assert (done.processed_rows, done.imported, done.duplicates) == (7, 7, 0)
    assert Tag.objects.get(company=company).contacts.count() == 7


@on_postgresql
@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_cleaning_process_that_stops_leaves_the_batches_before_it(
    company, run_csv, aside_from, monkeypatch, how
):
    aside_from(1)
    monkeypatch.setattr(importing, "BATCH_SIZE", 3)
    real = importing.clean_row

    def clean_row(line, *args):
        if line == 6:
            if how == "dies":
                os._exit(3)
            raise RuntimeError("out of memory")
        return real(line, *args)

    monkeypatch.setattr(importing, "clean_row", clean_row)

    done = run_csv(seven_rows())

    done.refresh_from_db()
    assert done.status == ContactImport.Status.FAILED
    # A process killed outright may not have handed over its last batch.
    written = 3 if how == "raises" else done.processed_rows
    assert written in (0, 3)
    assert (done.processed_rows, done.imported) == (written, written)
    assert done.failure.startswith(
        "L'import s'est interrompu sur une erreur interne après "
        f"{written} lignes sur 7."
    )
    assert Contact.objects.filter(company=company).count() == written


@on_postgresql
def test_a_file_unreadable_midway_fails_with_the_readers_message(
    company, run_csv, aside_from, monkeypatch
):
    aside_from(1)
    monkeypatch.setattr(importing, "BATCH_SIZE", 3)
    real = importing.data_rows
    reads = []

    def data_rows(contact_import, source):
        reads.append(1)
        for index, row in enumerate(real(contact_import, source)):
            # The first read counts the rows; the second is the import's.
            if len(reads) == 2 and index == 4:
                raise importing.ImportFailed("illisible à partir de la ligne 6")
            yield row

    monkeypatch.setattr(importing, "data_rows", data_rows)

    done = run_csv(seven_rows())

    done.refresh_from_db()
    assert done.status == ContactImport.Status.FAILED
    assert done.failure == "illisible à partir de la ligne 6"
    assert (done.processed_rows, done.imported) == (3, 3)
