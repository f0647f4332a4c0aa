"""python manage.py privacy export EMAIL OUTFILE.zip: everything the store holds about a customer (an account, or
a guest known by the e-mail address), as the customer's own "Download my data" gives it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.privacy.export import export_zip
from shop.privacy.subjects import subject_for_email


class Command(BaseCommand):
    help = "A customer's personal data: export EMAIL OUTFILE.zip"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the customer's data to a ZIP file.")
        export.add_argument("email")
        export.add_argument("outfile")

    def handle(self, *args, action, **options):
        try:
            subject = subject_for_email(options["email"])
        except LookupError as bad:
            raise CommandError(str(bad)) from None
        outfile = Path(options["outfile"])
        if outfile.exists():
            raise CommandError(f"{outfile} exists already: choose another name (nothing was written).")
        outfile.write_bytes(export_zip(subject))
        found = "an account" if subject.user else "no account (a guest's orders and requests)"
        self.stdout.write(self.style.SUCCESS(f"Wrote {outfile}: {', '.join(subject.emails)}, {found}."))
