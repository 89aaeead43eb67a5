import pytest
from django.core import mail
from django.urls import reverse

from templates_lib.models import BrandKit


@pytest.mark.parametrize(
    "name,method", [("editor", "get"), ("preview", "get"), ("save", "post"),
                    ("send_test", "post")]
)  # fmt: skip
def test_another_companys_template_answers_404(
    outsider_client, own_template, name, method
):
    before = own_template.design
    url = reverse(f"templates_lib:{name}", args=[own_template.pk])

    if method == "get":
        response = outsider_client.get(url)
    else:
        response = outsider_client.post(url, "{}", content_type="application/json")

    assert response.status_code == 404
    own_template.refresh_from_db()
    assert own_template.design == before
    assert mail.outbox == []


def test_a_company_template_is_not_reachable_as_a_library_template(
    outsider_client, own_template
):
    url = reverse("templates_lib:detail", args=[own_template.pk])

    assert outsider_client.get(url).status_code == 404
    assert (
        outsider_client.post(
            reverse("templates_lib:use", args=[own_template.pk])
        ).status_code
        == 404
    )


def test_the_brand_kit_page_shows_and_edits_only_my_company(
    owner_client, outsider_client, company, other_company
):
    BrandKit.objects.create(company=other_company, footer_address="Ngong Road, Nairobi")

    page = owner_client.get(reverse("templates_lib:brand_kit"))
    owner_client.post(
        reverse("templates_lib:brand_kit"),
        {"primary_color": "#112233", "secondary_color": "#445566",
         "font_family": "Georgia, 'Times New Roman', serif",
         "footer_address": "Akwa, Douala"},
    )  # fmt: skip

    assert "Ngong Road" not in page.content.decode()
    assert BrandKit.objects.get(company=company).footer_address == "Akwa, Douala"
    assert (
        BrandKit.objects.get(company=other_company).footer_address
        == "Ngong Road, Nairobi"
    )
