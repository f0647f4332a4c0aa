from django import template

from shop.payments.selectors import payment_summaries, payment_summary

register = template.Library()


@register.simple_tag
def order_payment(order):
    """{% order_payment order as payment %}: the order's payment state, paid and refunded amounts, card."""
    return payment_summary(order)


@register.simple_tag
def order_payments(orders):
    """{% order_payments orders as payments %} then {% with payment=payments|get_payment:order %}: one load a page."""
    return payment_summaries(list(orders))


@register.filter
def get_payment(payments, order):
    return payments.get(order.pk)
