from django.core.management.base import BaseCommand

from shop.outbox.services import drain_outbox, waiting_count


class Command(BaseCommand):
    help = "Send the background tasks that waited for the broker (Celery beat does this every minute)."

    def handle(self, *args, **options):
        sent = drain_outbox()
        self.stdout.write(f"{sent} task(s) sent, {waiting_count()} still waiting.")
