"""Who holds a customer's personal data: each area registers, in its ``privacy`` module, the models it keeps
personal data in and how it exports them for one customer. The privacy app walks this registry; a test checks that
every model with a person's data in it is registered by some area (so a new model cannot be forgotten silently).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Subject:
    """Whose data: the account (None for a guest) and every e-mail address they used with us (lower case)."""

    user: object
    emails: tuple

    @property
    def placeholder(self):
        """What an erased e-mail address becomes: unique per account, and no one's."""
        return f"erased-{self.user.pk}@erased.invalid" if self.user is not None else "erased@erased.invalid"

    @classmethod
    def of(cls, user=None, email=""):
        emails = {e.strip().lower() for e in (getattr(user, "email", ""), email) if e and e.strip()}
        return cls(user=user, emails=tuple(sorted(emails)))


@dataclass
class Export:
    """One area's part of a customer's export: named lists of records (each a dict of plain values) and files
    (name in the archive, path on disk)."""

    records: dict = field(default_factory=dict)
    files: list = field(default_factory=list)


@dataclass(frozen=True)
class Holder:
    name: str  # "Support requests": the part of the export, and the area staff read in the access log
    models: tuple  # "app_label.ModelName" of every model whose rows it exports
    export: object  # callable(Subject) -> Export
    erase: object  # callable(Subject) -> int: removes or anonymises the subject's personal data; how many rows


HOLDERS = {}
ACCESS_POINTS = {}  # staff URL name -> callable(url kwargs) -> (Subject, "what was opened") or None


def register(name, *, models, export, erase):
    """An area declares what personal data it holds (``models``), how it exports one customer's (``export``) and
    how it erases it (``erase``: removed, or anonymised where the store must keep the record, such as an order's
    number, amounts and VAT)."""
    if name in HOLDERS:
        raise ValueError(f"{name!r} is registered twice")
    HOLDERS[name] = Holder(name=name, models=tuple(models), export=export, erase=erase)


def holders():
    return [HOLDERS[name] for name in sorted(HOLDERS)]


def registered_models():
    return {model for holder in HOLDERS.values() for model in holder.models}


def register_access_point(url_name, *, subject_of):
    """A staff page that shows a customer's personal data: each time staff open it, it is logged (the customer's
    export lists who opened what, when). ``subject_of(kwargs)`` finds whose data the page shows, from its URL's
    arguments: (Subject, "Order 100023"), or None."""
    ACCESS_POINTS[url_name] = subject_of


EXPIRERS = {}  # area name -> callable(cutoff, *, dry_run) -> [what it anonymised (or would), one line each]


def register_retention(name, *, expire):
    """An area's own retention rule beyond guests' data (e.g. closed support conversations): ``expire(cutoff,
    dry_run=...)`` anonymises what it keeps only for a person and last touched before ``cutoff``."""
    EXPIRERS[name] = expire
