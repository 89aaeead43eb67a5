from django.core.management.base import BaseCommand

from demo import workspace


class Command(BaseCommand):
    help = "Create the demo workspace, or whatever part of it is missing."

    def handle(self, *args, **options):
        report = workspace.load()
        for line in report:
            self.stdout.write(line)
