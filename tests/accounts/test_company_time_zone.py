from datetime import UTC, datetime

from django.template import Context, Template
from django.test import RequestFactory

from accounts.middleware import ActiveCompanyMiddleware


def render_now(request):
    moment = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    template = Template('{{ moment|date:"H:i e" }}')
    return template.render(Context({"moment": moment}))


def test_it_shows_times_in_the_active_company_zone(company, owner):
    company.timezone = "Africa/Nairobi"
    company.save()
    request = RequestFactory().get("/")
    request.user = owner
    request.session = {}

    shown = ActiveCompanyMiddleware(render_now)(request)

    assert shown == "15:00 EAT"


def test_it_falls_back_to_the_site_zone_for_an_unknown_zone(company, owner):
    company.timezone = "Mars/Olympus"
    company.save()
    request = RequestFactory().get("/")
    request.user = owner
    request.session = {}

    shown = ActiveCompanyMiddleware(render_now)(request)

    assert shown == "13:00 WAT"
