"""Personalising one compiled 20 KB design for 100,000 contacts, against
Django's template engine rendering the same body for each contact.

    make bench-render            (CONTACTS=20000 make bench-render for a quick run)

Prints renders per second for both; the last line is `ratio N`.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "afrimail.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.template import Context, Engine  # noqa: E402

from templates_lib.library import system_designs  # noqa: E402
from templates_lib.rendering import compile_design, personalise  # noqa: E402

CONTACTS = int(os.environ.get("CONTACTS", "100000"))
TARGET_BYTES = 20 * 1024
FIRST = ["Awa", "Kofi", "Amina", "Chinedu", "Fatou", "Yao", "<Zé & Co>", ""]
CITIES = ["Dakar", "Abidjan", "Douala", "Lagos", "Accra", "Nairobi", "", "Lomé"]


def design_of_20_kb():
    """The smallest system template of at least 20 KB of HTML."""
    candidates = []
    for key, _spec, copy, design in system_designs():
        compiled = compile_design(design, copy["title"], copy["preheader"])
        size = len(compiled.html.encode())
        if size >= TARGET_BYTES:
            candidates.append((size, key, compiled))
    size, key, compiled = min(candidates, key=lambda c: c[0])
    return key, compiled


def contacts(n):
    for i in range(n):
        yield {
            "first_name": FIRST[i % len(FIRST)],
            "last_name": f"N{i}",
            "email": f"contact{i}@example.com",
            "company": "Société & Fils" if i % 3 else "",
            "city": CITIES[i % len(CITIES)],
            "country": "SN",
            "company_name": "Boutique Awa",
            "company_address": "12 rue Mohamed V, Dakar",
            "unsubscribe_url": f"https://app.test/u/{i}",
        }


def measure(render, n):
    started = time.perf_counter()
    size = 0
    for values in contacts(n):
        html, text = render(values)
        size += len(html) + len(text)
    elapsed = time.perf_counter() - started
    return n / elapsed, size


def main():
    key, compiled = design_of_20_kb()
    # The same body, placeholders and all, is valid Django template syntax.
    engine = Engine()
    django_html = engine.from_string(compiled.html)
    django_text = engine.from_string(
        "{% autoescape off %}" + compiled.text + "{% endautoescape %}"
    )

    def django_render(values):
        context = Context(values)
        return django_html.render(context), django_text.render(context)

    print(f"design {key}: {len(compiled.html.encode())} bytes, {CONTACTS} contacts")

    ours, ours_bytes = measure(lambda v: personalise(compiled, v), CONTACTS)
    print(f"templates_lib.personalise: {ours:,.0f} renders/s")
    theirs, theirs_bytes = measure(django_render, CONTACTS)
    print(f"django template engine:   {theirs:,.0f} renders/s")
    print(f"output bytes: {ours_bytes} vs {theirs_bytes}")
    print(f"ratio {ours / theirs:.1f}")


if __name__ == "__main__":
    main()
