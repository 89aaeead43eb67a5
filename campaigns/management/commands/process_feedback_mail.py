"""Read one report mail (a bounce or a spam complaint) on stdin and record it.

Meant for a Postfix pipe on the bounce domain, in master.cf:

    afrimail unix - n n - - pipe flags=q user=afrimail
      argv=/srv/afrimail/.venv/bin/python /srv/afrimail/manage.py
      process_feedback_mail --recipient ${original_recipient}

and in transport: `bounces.example.com afrimail:`. Exits 0 whatever the mail
says, so Postfix never bounces a bounce, and 75 (EX_TEMPFAIL) when the
database cannot be reached, so Postfix keeps the mail and tries again.
`--url` prints instead the URL an inbound-routing provider posts to.
"""

import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from campaigns import feedback

EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Record the bounce or complaint report read on stdin."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recipient",
            default="",
            help="the envelope recipient (the message's bounce address)",
        )
        parser.add_argument(
            "--url",
            action="store_true",
            help="print the URL inbound-routing providers post raw mail to",
        )

    def handle(self, *args, **options):
        if options["url"]:
            self.stdout.write(feedback.mail_url())
            return
        data = sys.stdin.buffer.read(feedback.MAX_BODY_BYTES + 1)
        try:
            outcome = feedback.handle_report_mail(data, options["recipient"])
        except feedback.Refused as refusal:
            outcome = str(refusal)
        except DatabaseError as error:
            self.stderr.write(f"database unavailable, try again later: {error}")
            sys.exit(EX_TEMPFAIL)
        self.stdout.write(outcome)
