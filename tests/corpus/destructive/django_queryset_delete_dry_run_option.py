from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import Event


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=180)
        parser.add_argument("--dry-run", action="store_true", default=False)  # expect: OPS203

    @transaction.atomic
    def handle(self, *args, days, dry_run, **options):
        qs = Event.objects.filter(kind="heartbeat").older_than(days)
        self.stdout.write(f"{qs.count()} heartbeat events older than {days} days")
        if dry_run:
            # rolled back at the end, but post_delete signal handlers (file storage) still run
            transaction.set_rollback(True)
        qs.delete()  # expect: OPS101
