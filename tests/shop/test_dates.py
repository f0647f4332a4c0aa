"""The site prints a long date one way: "Thursday 3 December 2026", on pages, in e-mails, specs and macros."""

import datetime
from pathlib import Path

from django.conf import settings
from django.template import Context, Template

from shop.dates import long_date


def test_the_long_date_is_the_sites_one_format():
    day = datetime.date(2026, 12, 3)
    assert long_date(day) == "Thursday 3 December 2026"  # no leading zero, the year always there
    assert Template("{{ day|long_date }}").render(Context({"day": day})) == "Thursday 3 December 2026"
    assert long_date(None) == ""


def test_no_template_spells_a_long_date_of_its_own():
    templates = Path(settings.BASE_DIR) / "templates"
    spelled = [str(path.relative_to(templates)) for path in templates.rglob("*")
               if path.is_file() and path.suffix in (".html", ".txt") and 'date:"l j F' in path.read_text()]
    assert spelled == []
