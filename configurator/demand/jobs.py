"""Demand's Celery tasks: the periodic rollup, and the reversal of a line's facts once the store took units back."""

from celery import shared_task

from configurator.demand.facts import reconcile_reversals
from configurator.demand.rollups import refresh_rollups


@shared_task
def refresh_demand_rollups():
    return refresh_rollups()


@shared_task
def reverse_taken_back_units(line_ids):
    return reconcile_reversals(line_ids=line_ids)
