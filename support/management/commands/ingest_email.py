"""manage.py ingest_email FILE [FILE ...]: file raw RFC 822 messages (.eml, or - for stdin) into the help desk."""

import sys

from django.core.management.base import BaseCommand, CommandError

from support.inbound import REJECTED, ingest_email


class Command(BaseCommand):
    help = "Ingest raw e-mails (RFC 822 files, or - for standard input) as help-desk replies or new requests."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="an .eml file, or - to read standard input")

    def handle(self, *args, files, **options):
        unreadable = 0
        for name in files:
            try:
                raw = self.read(name)
            except OSError as error:
                self.stderr.write(f"{name}\tunreadable\t{error.strerror or error}")
                unreadable += 1
                continue
            result = ingest_email(raw)
            line = f"{name}\t{result.outcome}\t{result.reference or '-'}"
            if result.outcome == REJECTED:
                line += f"\t{result.reason}"
            self.stdout.write(line)
        if unreadable:
            raise CommandError(f"{unreadable} of {len(files)} file{'s' if len(files) > 1 else ''} could not be read.")

    def read(self, name):
        if name == "-":
            return self.stdin_bytes()
        with open(name, "rb") as file:
            return file.read()

    @staticmethod
    def stdin_bytes():
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        data = stream.read()
        return data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
