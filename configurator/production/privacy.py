"""Production's personal data: the work orders of a customer's items (their spec carries the customer's
measurements and free texts, never their name) and the ship-date notices sent about their orders."""

from oscar.core.loading import get_model

from configurator.production.models import ShipDateNotice, WorkOrder
from shop.privacy.records import ERASED, owned, records
from shop.privacy.registry import Export, register

Order = get_model("order", "Order")


def export_production(subject):
    orders = Order.objects.filter(owned(subject, email_field="guest_email"))
    return Export(records={
        "work_orders": records(WorkOrder.objects.filter(order__in=orders).select_related("order"), [
            "number", ("order", "order.number"), "product_title", "status", "estimated_ship_date",
            "promised_ship_date", "carrier", "tracking_number", "remake_cause",
            ("measurements", "spec.measurements"), ("texts", "spec.texts")]),
        "ship_date_notices": records(ShipDateNotice.objects.filter(order__in=orders).select_related("order"),
                                     [("order", "order.number"), "created_at"]),
    })


def erase_production(subject):
    """Production records stay (what was built, when, by whom), without the customer's free texts and parcels."""
    orders = Order.objects.filter(owned(subject, email_field="guest_email"))
    erased = 0
    for work_order in WorkOrder.objects.filter(order__in=orders):
        spec = work_order.spec
        for text in spec.get("texts") or ():  # [{"code", "label", "value"}]
            text["value"] = ERASED
        work_order.spec, work_order.tracking_number = spec, ""
        work_order.save(update_fields=["spec", "tracking_number"])
        erased += 1
    return erased


register("Production", models=["production.WorkOrder", "production.ShipDateNotice"], export=export_production,
         erase=erase_production)
