"""Every model that can hold a person's data is registered by the area that keeps it (so a new model cannot be
left out of exports silently), or listed here with the reason it holds none of a customer's."""

from django.apps import apps
from django.conf import settings
from django.db import models

from shop.privacy.registry import holders, registered_models

PERSONAL_FIELD_NAMES = {"email", "guest_email", "first_name", "last_name", "line1", "phone_number",
                        "shipping_address", "customer_name", "author_name", "actor_name"}

# Models with such a field that hold no customer's personal data, and why.
NOT_A_CUSTOMERS = {
    "admin.LogEntry": "staff's own actions in Django admin",
    "auth.Group": "staff roles",
    "auth.Permission": "names of permissions",
    "sites.Site": "the store's domain",
    "contenttypes.ContentType": "names of models",
    "wagtailcore.GroupPagePermission": "staff roles",
    "order.OrderNote": "notes staff write on an order (its user is the staff member); internal, like a desk's notes",
    "partner.PartnerAddress": "the workshop's own address",
    **{f"cms.{page}": "a content page: its owner is the staff member who wrote it, its e-mail the store's"
       for page in ("HomePage", "ContentPage", "LocationPage", "HelpCentrePage", "HelpArticlePage", "LegalPage",
                    "TermsOfSalePage")},
}


def holds_personal_data(model):
    for field in model._meta.get_fields():
        if not field.concrete:
            continue
        if isinstance(field, models.ForeignKey | models.OneToOneField) and \
                field.related_model._meta.label == settings.AUTH_USER_MODEL and \
                field.name in ("user", "owner", "customer", "recipient"):
            return True
        if isinstance(field, models.EmailField) or field.name in PERSONAL_FIELD_NAMES:
            return True
    return False


def test_every_model_with_a_customers_data_is_registered_by_its_area():
    registered = registered_models()
    for label in registered:
        apps.get_model(label)  # every registered name is a real model
    unregistered = sorted(
        model._meta.label for model in apps.get_models()
        if holds_personal_data(model) and model._meta.label not in registered
        and model._meta.label not in NOT_A_CUSTOMERS and not model._meta.app_label.startswith(("wagtail", "taggit")))
    assert unregistered == [], "register these in their app's privacy module, or say why they hold nothing personal"


def test_the_areas_are_the_ones_a_customer_expects():
    assert [holder.name for holder in holders()] == [
        "Account", "Checkout", "Designs", "Loyalty", "Orders", "Payments", "Production", "Returns and goodwill",
        "Support requests", "Who opened your data"]
