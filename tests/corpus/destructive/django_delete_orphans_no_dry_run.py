from django.core.management.base import BaseCommand

from billing.models import Invoice, InvoiceLine


class Command(BaseCommand):
    help = "Delete invoice lines whose invoice is gone"

    def handle(self, *args, **options):  # expect: OPS201
        orphan_ids = list(
            InvoiceLine.objects.exclude(invoice_id__in=Invoice.objects.values("id")).values_list("id", flat=True)
        )
        self.stdout.write(f"{len(orphan_ids)} orphaned lines")
        InvoiceLine.objects.filter(id__in=orphan_ids).delete()  # expect: OPS101, OPS103
