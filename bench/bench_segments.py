"""A three-rule segment over 1,000,000 contacts: the product's compiler
against the same question written by hand in SQL, in the same run.

    make bench-segments

Loads the contacts once into the PostgreSQL database `bench` (created if
missing) with COPY, then times the count and the first page of contacts,
best of REPEATS runs each. The last line is `ratio N`: product time over
hand-written time (count plus first page).
"""

import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

import psycopg

BASE = "postgres://postgres@127.0.0.1:5432"
DB_URL = os.environ.get("BENCH_DATABASE_URL", f"{BASE}/bench")
COUNT = int(os.environ.get("BENCH_CONTACTS", "1000000"))
REPEATS = 5
PAGE = 50
SLUG = "bench-segments"
# Changed whenever the generated data changes: a database loaded by an
# earlier version (the company's name tells) is loaded again.
DATA_NAME = "Bench segments, data v2"
COUNTRIES = ["CM", "NG", "KE", "CI", "SN", "GH"]
CITIES = {
    "CM": "Douala",
    "NG": "Lagos",
    "KE": "Nairobi",
    "CI": "Abidjan",
    "SN": "Dakar",
    "GH": "Accra",
}

EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
SPAN = 2 * 365 * 24 * 3600

RULES = {
    "match": "all",
    "rules": [
        {"field": "country", "op": "equals", "value": "CM"},
        {"field": "tag", "op": "has_tag", "value": "vip"},
        {"field": "custom.points", "op": "greater_than", "value": 500},
    ],
}

HAND_WHERE = """
    FROM contacts_contact c
    WHERE c.company_id = %(company)s AND c.country = 'CM'
      AND EXISTS (SELECT 1 FROM contacts_contact_tags ct
                  WHERE ct.contact_id = c.id AND ct.tag_id = %(tag)s)
      AND (c.custom_fields ->> 'points')::numeric > 500
"""
HAND_COUNT = "SELECT count(*)" + HAND_WHERE
HAND_PAGE = (
    "SELECT c.*" + HAND_WHERE + " ORDER BY c.created_at DESC, c.id DESC LIMIT %(page)s"
)


def create_database():
    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(f"{BASE}/postgres", autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    os.environ["DATABASE_URL"] = DB_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "afrimail.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def load(company):
    from django.db import connection

    from contacts.models import Contact, FieldDefinition, Tag

    loaded = (
        company.name == DATA_NAME
        and Contact.objects.filter(company=company).count() == COUNT
    )
    if loaded and not os.environ.get("BENCH_RELOAD"):
        return
    with connection.cursor() as cursor:
        # Only this benchmark's company: the database may hold others.
        cursor.execute(
            "DELETE FROM contacts_contact_tags WHERE contact_id IN "
            "(SELECT id FROM contacts_contact WHERE company_id = %s)",
            [company.pk],
        )
        cursor.execute(
            "DELETE FROM contacts_contact WHERE company_id = %s", [company.pk]
        )
    FieldDefinition.objects.get_or_create(
        company=company,
        key="points",
        defaults={"label": "Points", "field_type": "number"},
    )
    tags = [
        Tag.objects.get_or_create(company=company, name=n)[0]
        for n in ["vip", "newsletter", "client", "prospect"]
    ]
    started = time.perf_counter()
    copy_contacts(connection, company)
    copy_tags(connection, company, tags)
    # VACUUM, not only ANALYZE: a reload leaves the million rows it deleted
    # as dead tuples, which both queries would read past until autovacuum
    # got round to them (twice the pages of a table in steady state).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE contacts_contact")
        cursor.execute("VACUUM ANALYZE contacts_contact_tags")
    company.name = DATA_NAME
    company.save(update_fields=["name"])
    print(f"loaded {COUNT} contacts in {time.perf_counter() - started:.1f} s")


def copy_contacts(connection, company):
    rng = random.Random(1)
    columns = (
        "company_id, email, first_name, last_name, phone, organization, "
        "address, country, city, timezone, language, notes, custom_fields, "
        "status, consent_source, engagement_score, engagement_level, "
        "created_at, updated_at"
    )
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY contacts_contact ({columns}) FROM STDIN") as copy:
            for i in range(COUNT):
                code = COUNTRIES[i % len(COUNTRIES)]
                points = json.dumps({"points": rng.randint(0, 1000)})
                # Sign-up times spread over two years, unrelated to country.
                moment = EPOCH + datetime.timedelta(seconds=rng.randrange(SPAN))
                copy.write_row(
                    (
                        company.pk,
                        f"user{i}.{code.lower()}@example.test",
                        "Awa",
                        "Ndiaye",
                        "+221770000000",
                        "",
                        "",
                        code,
                        CITIES[code],
                        "",
                        "",
                        "",
                        points,
                        "subscribed",
                        "",
                        rng.randint(0, 100),
                        "low",
                        moment,
                        moment,
                    )
                )


def copy_tags(connection, company, tags):
    """One contact in `share` gets the tag, counted by row in load order and
    by blocks of six (one per country): whatever id the sequence starts at,
    a tag is shared evenly by every country, as by chance. (By `id % share`
    a tag was on all or none of a country's contacts, depending on where
    the sequence stood.)"""
    with connection.cursor() as cursor:
        for share, tag in zip([3, 2, 4, 5], tags, strict=True):
            cursor.execute(
                "INSERT INTO contacts_contact_tags (contact_id, tag_id) "
                "SELECT id, %s FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 "
                "AS n FROM contacts_contact WHERE company_id = %s) AS loaded "
                "WHERE (n / %s) %% %s = 0",
                [tag.pk, company.pk, len(COUNTRIES), share],
            )


def best(run):
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def main():
    create_database()
    setup_django()
    from django.db import connection

    from accounts.models import Company
    from contacts import segments

    company, _ = Company.objects.get_or_create(
        slug=SLUG, defaults={"name": "Bench", "country": "CM"}
    )
    load(company)
    vip = company.tags.get(name="vip").pk
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_tag")

    def product_count():
        return segments.contacts_matching(company, RULES).count()

    def product_page():
        return [c.pk for c in segments.contacts_matching(company, RULES)[:PAGE]]

    def hand(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, {"company": company.pk, "page": PAGE, "tag": vip})
                return cursor.fetchall()

        return run

    p_count, count = best(product_count)
    p_page, page = best(product_page)
    h_count, ((hand_count,),) = best(hand(HAND_COUNT))
    h_page, hand_page = best(hand(HAND_PAGE))
    assert count > 0, "the segment is empty: nothing would be measured"
    assert count == hand_count, (count, hand_count)
    assert page == [row[0] for row in hand_page]

    print(f"contacts {COUNT}, segment size {count}")
    print(f"product count      {p_count * 1000:8.1f} ms")
    print(f"hand-written count {h_count * 1000:8.1f} ms")
    print(f"product page       {p_page * 1000:8.1f} ms")
    print(f"hand-written page  {h_page * 1000:8.1f} ms")
    print(f"product total      {(p_count + p_page) * 1000:8.1f} ms")
    print(f"ratio {(p_count + p_page) / (h_count + h_page):.2f}")


if __name__ == "__main__":
    main()
