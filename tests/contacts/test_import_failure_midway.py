"""A failure in the middle of an import leaves whole batches only."""

import pytest

from contacts import importing
from contacts.models import Contact, ContactImport, Tag


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 3)


def seven_rows():
    rows = "".join(f"p{i}@orange.sn,Paul,VIP\n" for i in range(7))
    return "email,prénom,tags\n" + rows


def test_it_rolls_back_the_failing_batch_whole(
    company, run_csv, small_batches, tags_break_on_second_batch
):
    done = run_csv(seven_rows())

    assert done.status == ContactImport.Status.FAILED
    emails = sorted(
        Contact.objects.filter(company=company).values_list("email", flat=True)
    )
    assert emails == ["p0@orange.sn", "p1@orange.sn", "p2@orange.sn"]
    assert Tag.objects.get(company=company).contacts.count() == 3
    done.refresh_from_db()
    assert (done.processed_rows, done.imported, done.total_rows) == (3, 3, 7)
    assert done.failure.startswith(
        "L'import s'est interrompu sur une erreur interne après 3 lignes sur 7."
    )


def test_it_resumes_after_the_last_batch_written(
    company, run_csv, small_batches, tags_break_on_second_batch, monkeypatch
):
    done = run_csv(seven_rows())
    monkeypatch.undo()
    monkeypatch.setattr(importing, "BATCH_SIZE", 3)
    done.status = ContactImport.Status.RUNNING

    importing.run_import(done)

    done.refresh_from_db()
    assert done.status == ContactImport.Status.DONE
    assert (done.processed_rows, done.imported, done.duplicates) == (7, 7, 0)
    assert Contact.objects.filter(company=company).count() == 7
