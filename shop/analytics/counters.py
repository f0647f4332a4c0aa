"""Oscar's analytics counters (product views, basket additions, purchases), made safe for parallel first counts.

Oscar counts with an UPDATE, and when no row was updated it INSERTs the first one. Two requests counting the first
view of a product (or a signed-in customer's first count) at once both INSERT; the second breaks the unique key,
and Oscar catches the IntegrityError, but on PostgreSQL the request's transaction (ATOMIC_REQUESTS) is then aborted,
so the page answers 500 (seen by benchmarks/load_test.py on a fresh store). Here the INSERT runs in a savepoint:
the loser rolls back only that and counts with the UPDATE instead. Oscar's receivers look the helper up by name at
each call, so installing it replaces it for every one of them.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from oscar.apps.analytics import receivers


def update_counter(model, field_name, filter_kwargs, increment=1):
    """Oscar's ``_update_counter`` (same arguments), with the first INSERT in a savepoint."""
    record = model.objects.filter(**filter_kwargs)
    if record.update(**{field_name: F(field_name) + increment}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**filter_kwargs, **{field_name: increment})
    except IntegrityError:  # another request inserted it meanwhile: count on its row
        record.update(**{field_name: F(field_name) + increment})


def install():
    # the helper every Oscar analytics receiver calls
    receivers._update_counter = update_counter  # pylint: disable=protected-access
