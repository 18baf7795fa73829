"""Django command: delete the user accounts listed in a CSV export."""
import csv

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from tqdm import tqdm


class Command(BaseCommand):
    help = "Delete the users whose IDs are in the given CSV file."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")
        parser.add_argument("--dry-run", action="store_true")  # expect: OPS203

    def load_user_ids(self, path):
        with open(path, newline="") as handle:
            user_ids = [row["user_id"] for row in csv.DictReader(handle)]  # expect: OPS301
        return sorted(user_ids, key=int)

    def handle(self, *args, **options):
        user_ids = self.load_user_ids(options["csv_file"])
        for user_id in tqdm(user_ids[:500], desc="users"):
            if options["dry_run"]:
                self.stdout.write(f"would delete {user_id}")
                continue
            User.objects.filter(id=user_id).delete()  # expect: OPS302
