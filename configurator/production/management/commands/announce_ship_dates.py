from django.core.management.base import BaseCommand

from configurator.production.announcements import announce_ship_dates


class Command(BaseCommand):
    help = ("Tell customers whose ship date moved since we last told them (Celery beat does this hourly outside the "
            "workshop's working hours; `make run` has no beat, so run this to send them now).")

    def handle(self, *args, **options):
        notices = announce_ship_dates()
        self.stdout.write(f"{len(notices)} customer(s) told of a new ship date.")
