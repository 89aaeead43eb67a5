import pytest

from templates_lib.design import wrap
from templates_lib.library import load_system_templates
from templates_lib.models import EmailTemplate


@pytest.fixture
def library(db):
    """The system library (a flushing test before may have emptied it)."""
    if not EmailTemplate.objects.filter(company__isnull=True).exists():
        load_system_templates()
    return EmailTemplate.objects.filter(company__isnull=True)


def mjml(*column_children):
    """A design with one section holding the given MJML components."""
    column = {"type": "mj-column", "components": list(column_children)}
    section = {"type": "mj-section", "components": [column]}
    body = {"type": "mj-body", "components": [section]}
    return wrap({"type": "mjml", "components": [body]})


def text(*children):
    return {"type": "mj-text", "components": list(children)}


def words(content):
    return {"type": "textnode", "content": content}


def element(tag, *children, **attributes):
    return {"tagName": tag, "attributes": attributes, "components": list(children)}


def unsubscribe_footer():
    link = element("a", words("Se désabonner"), href="{{ unsubscribe_url }}")
    return text(link)


@pytest.fixture
def own_template(company, library):
    source = library.get(key="welcome-fr")
    return EmailTemplate.objects.create(
        company=company,
        name="Bienvenue Wouri",
        category="welcome",
        design=source.design,
        compiled_html=source.compiled_html,
        compiled_text=source.compiled_text,
    )


@pytest.fixture
def outsider_template(other_company, library):
    source = library.get(key="welcome-en")
    return EmailTemplate.objects.create(
        company=other_company,
        name="Safari welcome",
        category="welcome",
        design=source.design,
        compiled_html=source.compiled_html,
        compiled_text=source.compiled_text,
    )
