"""A file past the size where PostgreSQL imports clean in a second process,
imported by a real Celery worker as the upload page does."""

import csv

import pytest
from django.core.files import File

from accounts.models import Company
from afrimail.celery import app as celery_app
from contacts import importing, tasks
from contacts.models import ContactImport
from tests.support.processes import start_celery_worker, wait_for

pytestmark = pytest.mark.process


def write_file(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["email", "prénom", "phone", "ville"])
        for i in range(rows):
            out.writerow(
                [f"client{i}@boulangerie-wouri.cm", "Awa", f"677{i:06d}", "Douala"]
            )


def test_a_worker_imports_a_large_file_whole(tmp_path, transactional_db):
    rows = importing.PARALLEL_FROM + 500
    path = tmp_path / "grand-fichier.csv"
    write_file(path, rows)
    company = Company.objects.create(name="Boulangerie du Wouri", country="CM")
    contact_import = ContactImport(company=company, original_name=path.name)
    with open(path, "rb") as handle:
        contact_import.file.save(path.name, File(handle), save=False)
    contact_import.save()

    worker = start_celery_worker(tmp_path)
    celery_app.conf.task_always_eager = False
    try:
        tasks.run_import.delay(contact_import.pk)

        def finished():
            contact_import.refresh_from_db()
            return contact_import.status in ("done", "failed")

        wait_for(finished, timeout=180, interval=0.5, what="the import to finish")
    finally:
        worker.stop()

    assert contact_import.failure == ""
    assert contact_import.status == "done"
    assert contact_import.processed_rows == rows
    assert company.contacts.count() == rows
    assert set(company.contacts.values_list("phone", flat=True)[:5]) <= {
        f"+237677{i:06d}" for i in range(rows)
    }
