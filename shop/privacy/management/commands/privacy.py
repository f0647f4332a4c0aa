"""python manage.py privacy export EMAIL OUTFILE.zip: everything the store holds about a customer (an account, or
a guest known by the e-mail address), as the customer's own "Download my data" gives it.

python manage.py privacy erase EMAIL: erase it (asks to type the address again; --yes for scripts).

python manage.py privacy retention [--dry-run]: anonymise guests' data and closed conversations past retention."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.privacy.erasure import erase_personal_data
from shop.privacy.export import export_zip
from shop.privacy.retention import apply_retention
from shop.privacy.subjects import subject_for_email


class Command(BaseCommand):
    help = "A customer's personal data: export EMAIL OUTFILE.zip"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the customer's data to a ZIP file.")
        export.add_argument("email")
        export.add_argument("outfile")
        erase = actions.add_parser("erase", help="Erase the customer's personal data (anonymise what must stay).")
        erase.add_argument("email")
        erase.add_argument("--yes", action="store_true", help="Do not ask to type the address again.")
        retention = actions.add_parser("retention", help="Anonymise what is past PRIVACY_RETENTION_DAYS.")
        retention.add_argument("--dry-run", action="store_true", help="Only show what it would anonymise.")

    def handle(self, *args, action, **options):
        if action == "retention":
            return self.retention(dry_run=options["dry_run"])
        try:
            subject = subject_for_email(options["email"])
        except LookupError as bad:
            raise CommandError(str(bad)) from None
        if action == "erase":
            return self.erase(subject, confirmed=options["yes"])
        outfile = Path(options["outfile"])
        if outfile.exists():
            raise CommandError(f"{outfile} exists already: choose another name (nothing was written).")
        outfile.write_bytes(export_zip(subject))
        found = "an account" if subject.user else "no account (a guest's orders and requests)"
        self.stdout.write(self.style.SUCCESS(f"Wrote {outfile}: {', '.join(subject.emails)}, {found}."))

    def erase(self, subject, *, confirmed):
        email = subject.emails[0]
        if not confirmed and input(f"Type {email} to erase its personal data for good: ").strip().lower() != email:
            raise CommandError("Not confirmed: nothing was erased.")
        counts = erase_personal_data(subject)
        done = ", ".join(f"{area}: {count}" for area, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Erased the personal data of {email} ({done})."))

    def retention(self, *, dry_run):
        done = apply_retention(dry_run=dry_run)
        for line in done:
            self.stdout.write(("Would anonymise: " if dry_run else "Anonymised: ") + line)
        self.stdout.write(self.style.SUCCESS(f"{len(done)} {'would be' if dry_run else 'were'} anonymised."))
