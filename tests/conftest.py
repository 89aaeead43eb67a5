"""Personas shared by every test: an owner and a teammate in one company,
and an outsider who owns another company."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from accounts.models import Company, Membership, User
from afrimail.celery import app as celery_app

PASSWORD = "Tres-bon-mot-de-passe-2026"


@pytest.fixture(autouse=True)
def french_by_default():
    """A request that switched to English must not leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def eager_celery():
    """Unit tests run tasks inline; process tests start a real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


def make_member(email, company, role="owner"):
    user = User.objects.create_user(email=email, password=PASSWORD)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    Membership.objects.create(user=user, company=company, role=role)
    return user


@pytest.fixture
def company(db):
    return Company.objects.create(name="Boulangerie du Wouri", country="CM")


@pytest.fixture
def owner(company):
    return make_member("awa@boulangerie.test", company, "owner")


@pytest.fixture
def teammate(company, owner):
    return make_member("paul@boulangerie.test", company, "specialist")


@pytest.fixture
def other_company(db):
    return Company.objects.create(name="Safari Tours Ltd", country="KE")


@pytest.fixture
def outsider(other_company):
    return make_member("wanjiru@safari.test", other_company, "owner")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return logged_in(owner)


@pytest.fixture
def outsider_client(outsider):
    return logged_in(outsider)
