import oscar.apps.checkout.apps as apps
from django.db import transaction
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout, with the payment page paying through Stripe (two JSON endpoints beside it)."""

    name = "shop.apps.checkout"

    def ready(self):
        super().ready()
        self.card_payment_view = get_class("checkout.views", "CardPaymentView")
        self.card_payment_complete_view = get_class("checkout.views", "CardPaymentCompleteView")

    def get_urls(self):
        # Paying talks to Stripe between database writes: each step commits on its own (no ATOMIC_REQUESTS).
        return super().get_urls() + self.post_process_urls([
            path("pay/", transaction.non_atomic_requests(self.card_payment_view.as_view()), name="card-payment"),
            path("pay/complete/", transaction.non_atomic_requests(self.card_payment_complete_view.as_view()),
                 name="card-payment-complete"),
        ])
