"""Oscar's basket forms, plus the cap per line (``ATELIER_MAX_LINE_QUANTITY``) when a product is added.

Oscar's get_class finds every other basket form in Oscar's module. A line's update form checks the cap through
``Basket.is_quantity_allowed`` (Oscar asks it about the line); an empty quantity is an error there, not a removal
(0 or "Remove" still remove the line).
"""

from django import forms
from django.conf import settings
from oscar.apps.basket import forms as oscar_forms

from shop.apps.basket.models import too_many_message


class BasketLineForm(oscar_forms.BasketLineForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].required = True


class AddToBasketForm(oscar_forms.AddToBasketForm):
    def clean(self):
        cleaned = super().clean()
        quantity = cleaned.get("quantity")
        if quantity:
            held = self.basket.product_quantity(self.product) if self.basket.pk else 0
            if held + quantity > settings.ATELIER_MAX_LINE_QUANTITY:
                raise forms.ValidationError(too_many_message(held + quantity))
        return cleaned


class SimpleAddToBasketForm(oscar_forms.SimpleAddToBasketMixin, AddToBasketForm):
    pass
