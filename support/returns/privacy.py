"""Returns' personal data: a customer's returns and exchanges, their store credit, and the goodwill given them."""

from shop.privacy.records import owned, records
from shop.privacy.registry import Export, register
from support.privacy import requests_of
from support.returns.models import Exchange, Gesture, Return, StoreCredit


def export_returns(subject):
    requests = requests_of(subject)
    return Export(records={
        "returns": records(Return.objects.filter(request__in=requests).select_related("request", "order", "line"), [
            ("number", "request.reference"), ("order", "order.number"), ("item", "line.title"), "quantity", "reason",
            "wanted", "status", "decline_reason", "inspection", "resolution", "refund_amount", "created_at",
            "resolved_at"]),
        "exchanges": records(Exchange.objects.filter(ret__request__in=requests).select_related("ret__request",
                                                                                            "order"), [
            ("return", "ret.request.reference"), "credit", "status", ("replacement_order", "order.number"), "paid",
            "created_at", "placed_at"]),
        "store_credit": records(StoreCredit.objects.filter(owned(subject, user_field="customer",
                                                                 email_field="email")).select_related("voucher"), [
            ("code", "voucher.code"), "amount", "currency", "spent_amount", "created_at"]),
        "goodwill": records(Gesture.objects.filter(owned(subject, user_field="customer", email_field="email"))
                            .select_related("request"), [
            ("request", "request.reference"), "kind", "reason", "amount", "currency", "status", "created_at"]),
    })


def erase_returns(subject):
    """Returns, exchanges and goodwill stay for the reports (reasons, outcomes, amounts), no longer naming the
    customer; credit not yet spent is given up with the account."""
    owned_rows = owned(subject, user_field="customer", email_field="email")
    erased = Gesture.objects.filter(owned_rows).update(email=subject.placeholder)
    return erased + StoreCredit.objects.filter(owned_rows).update(email=subject.placeholder)


register("Returns and goodwill", models=["returns.Return", "returns.Exchange", "returns.StoreCredit",
                                          "returns.Gesture"], export=export_returns, erase=erase_returns)
