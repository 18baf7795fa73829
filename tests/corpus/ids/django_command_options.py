"""manage.py purge_orgs --org-ids 12 13 --execute"""
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organization


class Command(BaseCommand):
    help = "Delete organisations by ID"

    def add_arguments(self, parser):
        parser.add_argument("--org-ids", nargs="+", type=int, required=True)  # expect: OPS301
        parser.add_argument("--execute", action="store_true")

    def handle(self, *args, **options):
        org_ids = options["org_ids"]
        if len(org_ids) > 3:
            raise CommandError("three organisations at most")
        for org_id in org_ids:
            if not options["execute"]:
                self.stdout.write(f"would delete org {org_id}")
                continue
            Organization.objects.filter(pk=org_id).delete()  # expect: OPS302
