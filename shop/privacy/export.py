"""A customer's data as a ZIP: a JSON file per area (and a CSV per list of records), their attachments, and a
README saying what is inside. Built by walking the registry of areas that hold personal data."""

import csv
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from shop.privacy.registry import holders


def plain(value):
    """A value as JSON holds it: dates and times in ISO 8601, money as a decimal string."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def _csv(rows):
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: json.dumps(plain(value)) if isinstance(value, (dict, list)) else plain(value)
                         for key, value in row.items()})
    return out.getvalue()


def export_zip(subject):
    """The ZIP (bytes) of everything the store holds about ``subject`` (registry.Subject)."""
    buffer = io.BytesIO()
    contents = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for holder in holders():
            part = holder.export(subject)
            name = slugify(holder.name)
            archive.writestr(f"{name}.json", json.dumps(plain(part.records), indent=2, ensure_ascii=False))
            listed = []
            for key, rows in part.records.items():
                if isinstance(rows, list) and rows and all(isinstance(row, dict) for row in rows):
                    archive.writestr(f"{name}/{slugify(key)}.csv", _csv(rows))
                listed.append(f"{key}: {len(rows) if isinstance(rows, list) else 1}")
            for arcname, path in part.files:
                if Path(path).is_file():
                    archive.write(path, f"{name}/files/{arcname}")
            contents.append(f"- {name}.json ({holder.name}): {', '.join(listed) or 'nothing'}"
                            + (f"; {len(part.files)} file(s) in {name}/files/" if part.files else ""))
        archive.writestr("README.txt", "\n".join([
            f"Your data at Atelier, exported {timezone.localtime():%d %B %Y %H:%M}",
            f"For: {', '.join(subject.emails) or '(no e-mail address)'}",
            "",
            "Each area of the store that keeps personal data has its own JSON file (lists of records also as CSV "
            "files in the folder of the same name), with the files you sent us beside them.",
            "",
            *contents,
        ]) + "\n")
    return buffer.getvalue()


def export_download(subject, *, name):
    """The export of ``subject`` as a ZIP download, "atelier-<name>-<today>.zip", that no cache keeps."""
    response = HttpResponse(export_zip(subject), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="atelier-{name}-{timezone.localdate():%Y-%m-%d}.zip"'
    response["Cache-Control"] = "no-store"
    return response
