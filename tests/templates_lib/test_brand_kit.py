from django.urls import reverse

from templates_lib.models import BrandKit, EmailTemplate


def test_a_new_design_takes_the_brand_kit(owner_client, company, library):
    BrandKit.objects.create(
        company=company,
        primary_color="#123456",
        font_family="Georgia, 'Times New Roman', serif",
        footer_address="Rue Joss, Akwa, Douala",
        facebook_url="https://facebook.com/boulangerie.wouri",
    )
    source = library.get(key="shop-promotion-fr")

    owner_client.post(reverse("templates_lib:use", args=[source.pk]))

    html = EmailTemplate.objects.get(company=company).compiled_html
    assert "background:#123456" in html
    assert "font-family:Georgia" in html
    assert 'href="https://facebook.com/boulangerie.wouri"' in html
    assert 'href="https://www.instagram.com/"' not in html
    assert "#c2410c" not in html.split("brand-primary")[1][:600]


def test_the_footer_address_comes_from_the_brand_kit(
    owner_client, company, own_template
):
    BrandKit.objects.create(company=company, footer_address="Rue Joss, Akwa, Douala")

    response = owner_client.get(
        reverse("templates_lib:preview", args=[own_template.pk])
    )

    assert "Rue Joss, Akwa, Douala" in response.json()["html"]
