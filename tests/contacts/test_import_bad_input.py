"""Files that cannot be imported fail with a message saying what to fix,
and write no contact."""

import os
import zipfile

from contacts.models import Contact, ContactImport

FAILED = ContactImport.Status.FAILED


def test_it_refuses_an_empty_file(run_csv):
    done = run_csv("")

    assert done.status == FAILED
    assert done.failure.startswith("Le fichier est vide.")
    assert Contact.objects.count() == 0


def test_it_refuses_a_file_of_blank_lines(run_csv):
    done = run_csv("\ufeff\r\n\r\n  \r\n")

    assert done.status == FAILED
    assert done.failure.startswith("Le fichier est vide.")


def test_it_refuses_a_header_without_rows(run_csv):
    done = run_csv("Email;Prénom;Nom\r\n;;\r\n")

    assert done.status == FAILED
    assert done.failure.startswith("Le fichier ne contient que la ligne d'en-tête")
    assert done.total_rows == 0
    assert Contact.objects.count() == 0


def test_it_names_the_headers_it_found_when_no_column_holds_emails(run_csv):
    done = run_csv("Prénom;Nom;Téléphone\nAwa;Fall;770000000\n")

    assert done.status == FAILED
    assert done.failure.startswith(
        "Aucune colonne d'adresse e-mail n'a été trouvée. "
        "Colonnes lues : « Prénom », « Nom », « Téléphone »."
    )
    assert "« Email »" in done.failure
    assert Contact.objects.count() == 0


def test_it_refuses_an_image_renamed_csv(run_csv):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048)

    done = run_csv(png, name="contacts.csv")

    assert done.status == FAILED
    assert done.failure.startswith("Ce fichier n'est pas un fichier texte CSV")
    assert Contact.objects.count() == 0


def test_it_refuses_random_bytes_renamed_csv(run_csv):
    done = run_csv(b"email\n" + os.urandom(4096), name="contacts.csv")

    assert done.status == FAILED
    assert done.failure.startswith("Ce fichier n'est pas un fichier texte CSV")
    assert Contact.objects.count() == 0


def test_it_tells_how_to_save_a_spreadsheet_renamed_csv(run_csv, tmp_path):
    archive = tmp_path / "book.xlsx"
    with zipfile.ZipFile(archive, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")

    done = run_csv(archive.read_bytes(), name="contacts.csv")

    assert done.status == FAILED
    assert done.failure.startswith("Ce fichier est un classeur Excel ou une archive")
    assert "CSV UTF-8" in done.failure
    assert Contact.objects.count() == 0


def test_it_fails_clearly_when_every_row_is_invalid(run_csv):
    done = run_csv("email,prenom\nawa.orange.sn,Awa\n,Paul\nfatou@gmail,Fatou\n")

    assert done.status == FAILED
    assert done.failure.startswith(
        "Aucun contact importé : les 3 lignes du fichier ont été refusées."
    )
    assert (done.imported, done.invalid, done.processed_rows) == (0, 3, 3)
    assert [e["line"] for e in done.errors] == [2, 3, 4]
    assert Contact.objects.count() == 0
