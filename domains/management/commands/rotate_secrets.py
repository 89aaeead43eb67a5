from django.core.management.base import BaseCommand, CommandError

from domains.crypto import SecretUnreadable
from domains.sender_domains import rotate_secrets


class Command(BaseCommand):
    help = "Re-encrypt stored secrets with the first key of FERNET_KEYS."

    def handle(self, *args, **options):
        try:
            count = rotate_secrets()
        except SecretUnreadable as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{count} sender domains re-encrypted with the newest key.")
