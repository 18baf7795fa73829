from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Remove expired sessions in batches"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")  # expect: OPS203
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, **options):
        expired = Session.objects.filter(expire_date__lt=timezone.now())
        total = expired.count()
        self.stdout.write(f"{total} expired sessions")
        if options["dry_run"]:
            return
        while True:
            pks = list(expired.values_list("pk", flat=True)[: options["batch_size"]])
            if not pks:
                break
            Session.objects.filter(pk__in=pks).delete()
        self.stdout.write(self.style.SUCCESS("done"))
