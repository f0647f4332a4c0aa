"""The checkout's personal data: the company name and VAT number given for an order's invoice, and the terms the
buyer accepted (their version and when, and the items made to their personal specification)."""

from shop.apps.checkout.models import OrderCheckoutDetails
from shop.privacy.records import owned, records
from shop.privacy.registry import Export, register


def of_subject(subject):
    return OrderCheckoutDetails.objects.filter(
        owned(subject, user_field="order__user", email_field="order__guest_email"))


def export_checkout_details(subject):
    return Export(records={"checkout": records(of_subject(subject).select_related("order"), [
        ("order", "order.number"), "company_name", "vat_number", "terms_version", "terms_accepted_at",
        "personal_spec_lines"])})


def erase_checkout_details(subject):
    """The company name (it may name a person, a sole trader) and VAT number go, like the order's addresses; which
    terms were accepted, when, and for which items stays with the order, which the store keeps for its accounts."""
    return of_subject(subject).exclude(company_name="", vat_number="").update(company_name="", vat_number="")


register("Checkout", models=["checkout.OrderCheckoutDetails"], export=export_checkout_details,
         erase=erase_checkout_details)
