"""Loyalty's Celery tasks that run on their own: a customer's standing after their orders changed, and the nightly
refresh of everybody's (orders leave the 12-month window; held tiers come up for renewal); the daily anniversaries."""

from celery import shared_task

from shop.loyalty.anniversaries import send_anniversaries
from shop.loyalty.services import refresh_all_standings, refresh_standing


@shared_task
def refresh_customer_standing(user_id):
    refresh_standing(user_id)


@shared_task
def refresh_standings():
    return refresh_all_standings()


@shared_task
def thank_anniversaries():
    return send_anniversaries()
