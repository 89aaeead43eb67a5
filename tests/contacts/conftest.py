import pytest

from contacts import importing
from contacts.importing import import_file


@pytest.fixture
def write_csv(tmp_path):
    """Write `text` (or bytes) to a file and answer its path."""

    def write(text, name="contacts.csv", encoding="utf-8"):
        path = tmp_path / name
        data = text if isinstance(text, bytes) else text.encode(encoding)
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def run_csv(company, write_csv):
    """Import `text` into the company now and answer the ContactImport."""

    def run(text, **kwargs):
        return import_file(company, write_csv(text, **kwargs))

    return run


@pytest.fixture
def tags_break_on_second_batch(monkeypatch):
    """Linking tags fails on an import's second batch, as a full disk would."""
    real = importing.link_tags
    calls = []

    def link_tags(*args):
        calls.append(1)
        real(*args)
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "link_tags", link_tags)
