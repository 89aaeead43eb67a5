"""Contact import into PostgreSQL: the product's pipeline against
django-import-export on the same file and model, in the same run.

    python bench/bench_import.py [--rows 100000] [--no-peers]

Writes a 1,000,000-row file with gen_contacts.py once (var/bench/), takes
its first --rows rows, imports them into the `bench` database (created and
migrated here; BENCH_DATABASE_URL names another) through
`contacts.importing`, then through django-import-export in its default
configuration and with use_bulk=True, each into a company of its own. The
last line is `ratio N`: the product's rows per second over
django-import-export's bulk mode.
"""

import argparse
import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench"
)
FULL_ROWS = 1_000_000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--no-peers",
        action="store_true",
        help="measure the product only, to repeat it on a busy machine",
    )
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "afrimail.settings")
    create_database()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    path = sample_file(args.rows)
    print(f"file: first {args.rows:,} rows of a {FULL_ROWS:,}-row gen_contacts.py file")
    if args.rows < FULL_ROWS:
        print("(django-import-export's cost per row does not fall with size)")

    check_phone_paths(path)
    product = run_product(path, args.rows)
    # Read now: the peers run in the same process afterwards.
    product_peak = peak_mb()
    without_indexes = run_without_secondary_indexes(path, args.rows)
    print(
        f"product without the contact table's secondary indexes: "
        f"{without_indexes:,.0f} rows/s ({without_indexes / product:.2f}x)"
    )
    print(
        f"product: {product:,.0f} rows/s, peak memory {product_peak:.0f} MB "
        f"(its cleaning process: {children_peak_mb():.0f} MB, pages shared)"
    )
    if args.no_peers:
        return
    default = run_peer(path, args.rows, bulk=False)
    bulk = run_peer(path, args.rows, bulk=True)
    print(f"django-import-export default: {default:,.0f} rows/s")
    print(f"django-import-export use_bulk: {bulk:,.0f} rows/s")
    print(f"ratio {product / bulk:.1f}")


def create_database():
    import psycopg

    base, name = BENCH_URL.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as db:
        found = "SELECT 1 FROM pg_database WHERE datname = %s"
        if not db.execute(found, [name]).fetchone():
            db.execute(f'CREATE DATABASE "{name}"')


def sample_file(rows):
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    full = folder / "contacts-1m.csv"
    if not full.exists():
        with open(full, "w") as out:
            generator = ROOT / "bench" / "gen_contacts.py"
            subprocess.run(
                [sys.executable, generator, str(FULL_ROWS)], stdout=out, check=True
            )
    sample = folder / f"contacts-{rows}.csv"
    with open(full) as source, open(sample, "w") as out:
        out.writelines(itertools.islice(source, rows + 1))
    return sample


def fresh_company(name):
    from accounts.models import Company

    slug = f"{name}-{time.time_ns()}"
    return Company.objects.create(name=slug, slug=slug, country="CM")


def run_product(path, rows):
    from contacts.importing import import_file

    company = fresh_company("product")
    started = time.perf_counter()
    done = import_file(company, path)
    elapsed = time.perf_counter() - started
    print(
        f"product report: status={done.status} imported={done.imported} "
        f"duplicates={done.duplicates} invalid={done.invalid} in {elapsed:.1f} s"
    )
    return rows / elapsed


def check_phone_paths(path):
    """Every phone of the file through the quick path and through parsing:
    the answers must be equal; their cost per number is printed."""
    import csv

    from contacts import cleaning

    with open(path, newline="") as handle:
        pairs = [(row["phone"], row["country"]) for row in csv.DictReader(handle)]
    answers = {}
    for quick in (False, True):
        started = time.perf_counter()
        answers[quick] = [phone_answer(cleaning, raw, cc, quick) for raw, cc in pairs]
        cost = (time.perf_counter() - started) / len(pairs) * 1e6
        print(f"phone {'quick path' if quick else 'parse only'}: {cost:.1f} µs/number")
    differing = sum(a != b for a, b in zip(answers[False], answers[True], strict=True))
    print(f"phone answers differing between both paths: {differing} of {len(pairs):,}")
    if differing:
        sys.exit("the quick phone path disagrees with parsing")


def phone_answer(cleaning, raw, region, quick):
    try:
        return cleaning.clean_phone(raw, region, quick=quick)
    except cleaning.Unusable as exc:
        return f"refused: {exc}"


class RolledBack(Exception):
    pass


def run_without_secondary_indexes(path, rows):
    """The same import with every index but the primary key and the
    (company, email) key dropped, inside a transaction rolled back after."""
    from django.db import connection, transaction

    kept = "contacts_contact_pkey"
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes "
                    "WHERE tablename = 'contacts_contact'"
                )
                dropped = [
                    name
                    for name, definition in cursor.fetchall()
                    if name != kept and "UNIQUE" not in definition
                ]
                for name in dropped:
                    cursor.execute(f'DROP INDEX "{name}"')
            print(f"dropped for this run: {len(dropped)} indexes")
            speed = run_product(path, rows)
            raise RolledBack
    except RolledBack:
        return speed


def run_peer(path, rows, bulk):
    import tablib
    from import_export import fields, resources, widgets

    from accounts.models import Company
    from contacts.models import Contact

    company = fresh_company("peer")

    class ContactResource(resources.ModelResource):
        company = fields.Field(
            attribute="company",
            column_name="company",
            widget=widgets.ForeignKeyWidget(Company),
        )

        class Meta:
            model = Contact
            fields = [
                "company",
                "email",
                "first_name",
                "last_name",
                "phone",
                "city",
                "country",
            ]
            import_id_fields = ["company", "email"]
            use_bulk = bulk

    dataset = tablib.Dataset().load(path.read_text(), format="csv")
    dataset.append_col([company.pk] * len(dataset), header="company")
    started = time.perf_counter()
    result = ContactResource().import_data(dataset, dry_run=False, raise_errors=False)
    elapsed = time.perf_counter() - started
    print(
        f"django-import-export {'use_bulk' if bulk else 'default'}: "
        f"{result.totals} in {elapsed:.1f} s"
    )
    return rows / elapsed


def children_peak_mb():
    """The largest resident size a finished child process reached."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def peak_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
