"""How files are read: encodings, delimiters, quoted newlines, line numbers."""

from contacts.models import Contact, ContactImport

DONE = ContactImport.Status.DONE


def names(company):
    return list(
        Contact.objects.filter(company=company)
        .order_by("email")
        .values_list("email", "first_name", "city")
    )


def test_it_reads_utf8_without_bom(company, run_csv):
    run_csv("email,prénom,ville\nawa@orange.sn,Aïcha,Thiès\n")

    assert names(company) == [("awa@orange.sn", "Aïcha", "Thiès")]


def test_it_reads_utf8_with_bom(company, run_csv):
    run_csv("\ufeffEmail,Prénom,Ville\r\nawa@orange.sn,Aïcha,Thiès\r\n")

    assert names(company) == [("awa@orange.sn", "Aïcha", "Thiès")]


def test_it_reads_windows_1252_even_when_the_first_accent_comes_late(company, run_csv):
    filler = "".join(f"p{i}@orange.sn;Paul;Douala\r\n" for i in range(3000))
    text = "Email;Prénom;Ville\r\n" + filler + "awa@orange.sn;Aïcha;Thiès\r\n"
    assert len(text) > 64 * 1024

    done = run_csv(text, encoding="cp1252")

    assert done.status == DONE
    assert done.imported == 3001
    assert names(company)[0] == ("awa@orange.sn", "Aïcha", "Thiès")


def test_it_reads_tab_separated_utf16_from_excel(company, run_csv):
    done = run_csv(
        "Email\tPrénom\tVille\r\nawa@orange.sn\tAïcha\tThiès\r\n", encoding="utf-16"
    )

    assert done.status == DONE
    assert names(company) == [("awa@orange.sn", "Aïcha", "Thiès")]


def test_it_counts_physical_lines_across_quoted_newlines(company, run_csv):
    done = run_csv(
        "email,notes\n"
        'awa@orange.sn,"Rencontrée au salon\nPromo Tabaski\nVIP"\n'
        "paul.orange.sn,\n"
        '"fatou@orange.sn","ligne ""citée"""\n'
        "fatou@gmail,\n"
    )

    assert [(e["line"], e["value"]) for e in done.errors] == [
        (5, "paul.orange.sn"),
        (7, "fatou@gmail"),
    ]
    notes = dict(Contact.objects.values_list("email", "notes"))
    assert notes == {
        "awa@orange.sn": "Rencontrée au salon\nPromo Tabaski\nVIP",
        "fatou@orange.sn": 'ligne "citée"',
    }


def test_it_skips_blank_rows_without_counting_them(company, run_csv):
    done = run_csv("Email;Ville\r\nawa@orange.sn;Dakar\r\n;;\r\n\r\nx@gmail\r\n")

    assert (done.total_rows, done.imported, done.invalid) == (2, 1, 1)
    assert done.errors[0]["line"] == 5


def test_it_explains_why_each_row_was_refused(run_csv):
    done = run_csv("email,prénom\nawa.orange.sn,Awa\n ,Paul\nfatou@gmail,Fatou\n")

    assert [e["reason"] for e in done.errors] == [
        "adresse e-mail invalide : awa.orange.sn (il manque le « @ »)",
        "adresse e-mail manquante",
        "adresse e-mail invalide : fatou@gmail "
        "(le domaine après le « @ » est incomplet, par exemple gmail.com)",
    ]


def test_it_keeps_a_row_whose_phone_is_unreadable_and_says_so(company, run_csv):
    done = run_csv("email,téléphone\nawa@orange.sn,12\n")

    assert done.imported == 1
    assert Contact.objects.get(company=company).phone == ""
    assert done.warnings == [
        {"line": 2, "reason": "numéro de téléphone illisible : 12", "value": "12"}
    ]


def test_it_reports_the_columns_it_recognised(run_csv):
    done = run_csv("E-mail 1 - Value,Given Name,Colonne perso\nawa@orange.sn,Awa,x\n")

    assert done.mapping["columns"] == {
        "E-mail 1 - Value": "email",
        "Given Name": "first_name",
    }
