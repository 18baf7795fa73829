from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Deactivate accounts that have not logged in for 18 months"

    def add_arguments(self, parser):
        parser.add_argument("--commit", action="store_true", help="write the changes")
        parser.add_argument("--max", type=int, default=200)

    def handle(self, *args, **options):
        User = get_user_model()
        cutoff = timezone.now() - timedelta(days=548)
        stale = User.objects.filter(is_active=True, last_login__lt=cutoff)[: options["max"]]
        for user in stale:
            self.stdout.write(f"{user.username} last seen {user.last_login:%Y-%m-%d}")
            if options["commit"]:
                user.is_active = False
                user.save(update_fields=["is_active"])
