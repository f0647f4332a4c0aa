"""The configurator's personal data: a customer's saved designs (their measurements and free texts, such as a
monogram) and the frozen configuration of each line they ordered."""

from django.db.models import Q
from oscar.core.loading import get_model

from configurator.models import OrderLineConfiguration, SavedConfiguration
from shop.privacy.records import blank_texts, owned, records
from shop.privacy.registry import Export, register

Order = get_model("order", "Order")


def export_designs(subject):
    orders = Order.objects.filter(owned(subject, email_field="guest_email"))
    return Export(records={
        "saved_designs": records(SavedConfiguration.objects.filter(owner=subject.user).select_related(
            "version__configurable__product") if subject.user else [], [
            "code", ("product", "version.configurable.product.get_title"), "choices", "total", "currency",
            "created_at"]),
        "ordered_configurations": records(OrderLineConfiguration.objects.filter(line__order__in=orders)
                                          .select_related("line__order"), [
            ("order", "line.order.number"), ("item", "line.title"), "code", ("features", "snapshot.features"),
            ("measurements", "snapshot.measurements"), ("texts", "snapshot.texts")]),
    })


def erase_designs(subject):
    """Saved designs and what was ordered stay (products and options: quotes may be in baskets and orders), no longer
    theirs, their free texts erased."""
    erased = 0
    orders = Order.objects.filter(owned(subject, email_field="guest_email"))
    ordered = OrderLineConfiguration.objects.filter(line__order__in=orders).values("code")
    theirs = Q(code__in=ordered) | (Q(owner=subject.user) if subject.user else Q(pk__in=[]))
    for saved in SavedConfiguration.objects.filter(theirs):  # their own, and the quotes they ordered from
        saved.owner, saved.choices = None, blank_texts(saved.choices)
        saved.save(update_fields=["owner", "choices"])
        erased += 1
    for configuration in OrderLineConfiguration.objects.filter(line__order__in=orders):
        snapshot = configuration.snapshot
        snapshot["choices"] = blank_texts(snapshot.get("choices"))
        snapshot["texts"] = blank_texts({"texts": snapshot.get("texts") or {}})["texts"]
        snapshot["features"] = [[step, "[erased]"] if step in _text_steps(configuration) else [step, choice]
                                for step, choice in snapshot.get("features", [])]
        # the one change an ordered configuration takes (its save refuses any): the law's right to erasure
        OrderLineConfiguration.objects.filter(pk=configuration.pk).update(snapshot=snapshot)
        erased += 1
    return erased


def _text_steps(configuration):
    """Labels of the free-text steps of a configuration's model version (whose answers are personal)."""
    return {group["label"] for group in configuration.version.definition.get("groups", ())
            if group.get("kind") == "text"}


register("Designs", models=["configurator.SavedConfiguration", "configurator.OrderLineConfiguration"],
         export=export_designs, erase=erase_designs)
