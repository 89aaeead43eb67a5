from django.urls import reverse

from templates_lib.models import EmailTemplate, TemplateRating


def test_the_library_lists_every_system_template(owner_client, library):
    response = owner_client.get(reverse("templates_lib:library"))

    assert response.status_code == 200
    assert len(response.context["templates"]) == 28
    assert "Vœux de Tabaski" in response.content.decode()


def test_it_filters_by_category_industry_and_language(owner_client, library):
    url = reverse("templates_lib:library")

    greetings = owner_client.get(url, {"category": "greeting", "language": "fr"})
    restaurants = owner_client.get(url, {"industry": "restaurant"})

    names = sorted(t.name for t in greetings.context["templates"])
    assert names == [
        "Bonne année",
        "Joyeux Noël",
        "Ramadan Moubarak",
        "Vœux de Tabaski",
    ]
    keys = sorted(t.key for t in restaurants.context["templates"])
    assert keys == ["restaurant-menu-en", "restaurant-menu-fr"]


def test_it_searches_names_and_descriptions(owner_client, library):
    response = owner_client.get(reverse("templates_lib:library"), {"q": "facture"})

    assert [t.key for t in response.context["templates"]] == ["payment-reminder-fr"]


def test_the_preview_is_a_sandboxed_iframe_personalised_for_a_sample(
    owner_client, library
):
    template = library.get(key="greeting-ramadan-fr")

    response = owner_client.get(reverse("templates_lib:detail", args=[template.pk]))

    page = response.content.decode()
    assert "<iframe sandbox srcdoc=" in page
    assert "Bonjour Aminata," in response.context["preview"]
    assert "<mj-" not in response.context["preview"]


def test_using_a_template_copies_it_and_counts_the_use(owner_client, company, library):
    source = library.get(key="welcome-fr")

    response = owner_client.post(reverse("templates_lib:use", args=[source.pk]))

    copy = EmailTemplate.objects.get(company=company)
    assert response.url == reverse("templates_lib:editor", args=[copy.pk])
    assert copy.source == source
    assert copy.design["pages"] and copy.compiled_html
    source.refresh_from_db()
    assert source.usage_count == 1


def test_a_user_rates_a_template_once(owner_client, owner, teammate, library):
    template = library.get(key="welcome-fr")
    url = reverse("templates_lib:rate", args=[template.pk])

    owner_client.post(url, {"score": 2})
    owner_client.post(url, {"score": 4})
    owner_client.force_login(teammate)
    owner_client.post(url, {"score": 5})

    template.refresh_from_db()
    assert TemplateRating.objects.filter(template=template).count() == 2
    assert (template.rating_count, float(template.rating_average)) == (2, 4.5)


def test_a_rating_outside_one_to_five_is_refused(owner_client, library):
    template = library.get(key="welcome-fr")

    owner_client.post(reverse("templates_lib:rate", args=[template.pk]), {"score": 9})

    assert not TemplateRating.objects.exists()


def test_premium_templates_need_a_paid_plan_or_a_running_trial(
    owner_client, company, library
):
    premium = library.get(key="product-launch-fr")
    url = reverse("templates_lib:use", args=[premium.pk])
    company.plan = "free"
    company.save()

    refused = owner_client.post(url)

    assert refused.url == reverse("templates_lib:detail", args=[premium.pk])
    assert not EmailTemplate.objects.filter(company=company).exists()
    company.plan = "trial"
    company.save()
    owner_client.post(url)
    assert EmailTemplate.objects.filter(company=company).count() == 1


def test_my_templates_lists_only_my_company(
    owner_client, own_template, outsider_template
):
    response = owner_client.get(reverse("templates_lib:mine"))

    assert list(response.context["templates"]) == [own_template]
