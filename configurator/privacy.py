"""The configurator's personal data: a customer's saved designs (their measurements and free texts, such as a
monogram) and the frozen configuration of each line they ordered."""

from oscar.core.loading import get_model

from configurator.models import OrderLineConfiguration, SavedConfiguration
from shop.privacy.records import owned, records
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


register("Designs", models=["configurator.SavedConfiguration", "configurator.OrderLineConfiguration"],
         export=export_designs)
