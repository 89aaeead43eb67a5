"""The report's rejected rows downloadable as CSV, for its company only."""

import csv
import io

from django.urls import reverse

from contacts import importing


def test_it_downloads_every_rejected_row_with_line_reason_and_value(
    owner_client, run_csv, monkeypatch
):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    done = run_csv(
        "email\nawa@orange.sn\nawa-orange.sn\npaul@gmial.com\n\nok@camtel.cm\n"
    )

    response = owner_client.get(reverse("contacts:import_rejected", args=[done.pk]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["Ligne", "Motif", "Valeur"],
        [
            "3",
            "adresse e-mail invalide : awa-orange.sn (il manque le « @ »)",
            "awa-orange.sn",
        ],
        [
            "4",
            "adresse e-mail probablement mal orthographiée : paul@gmial.com "
            "(vouliez-vous dire paul@gmail.com ?)",
            "paul@gmial.com",
        ],
    ]


def test_it_answers_404_for_another_company_import(outsider_client, run_csv):
    done = run_csv("email\nawa-orange.sn\nok@camtel.cm\n")

    response = outsider_client.get(reverse("contacts:import_rejected", args=[done.pk]))

    assert response.status_code == 404
