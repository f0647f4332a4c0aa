"""Fork of Oscar's checkout views: the payment page takes the card with Stripe.js and pays a PaymentIntent.

- `PaymentDetailsView` is the last page: order contents, address and method, and the card form. Oscar's
  preview step and its "place order" POST are gone, since they would place an order without payment.
- `CardPaymentView` (POST JSON `{token, expected_total, cardholder, accept_terms, terms_version}`, checked by
  `CheckoutPaymentForm`) refuses to pay unless the terms of sale in force were accepted, re-validates the basket,
  refuses a changed total, and pays the server's total, storing the acceptance with the payment (the order records
  it, whichever path places it); `CardPaymentCompleteView` finishes after 3-D Secure.
- `ShippingAddressView` keeps the optional company name and VAT number given with the address.
"""

import logging

from django import http
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views import generic
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class
from oscar.templatetags.currency_filters import currency

from shop.apps.checkout.acceptance import acceptance_record, withdrawal_of
from shop.apps.checkout.forms import BusinessDetailsForm, CheckoutPaymentForm
from shop.cms.models import TermsOfSalePage
from shop.json_errors import form_error
from shop.json_errors import json_error as error
from shop.payments import gateway, services
from shop.payments.models import StripePayment

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
logger = logging.getLogger("shop.payments")
SESSION_PAYMENT = "stripe_payment"
TERMS_UNAVAILABLE = ("Our terms of sale are not published at the moment, so we can't take orders. Nothing has been "
                     "charged; please try again later.")


def finish(request, order):
    """What the browser gets once the order exists: the thank-you page, and a clean checkout session."""
    CheckoutSessionData(request).flush()
    request.session.pop(SESSION_PAYMENT, None)
    request.session["checkout_order_id"] = order.id
    return http.JsonResponse({"status": "succeeded", "order": order.number, "redirect": reverse("checkout:thank-you")})


def total_changed(request, total, expected):
    message = (f"Your total is now {currency(total.incl_tax, total.currency)} (the page showed "
               f"{currency(expected, total.currency)}). Please check your order, then pay again.")
    messages.warning(request, message)
    return error(409, "total_changed", message, total=str(total.incl_tax), redirect=reverse("checkout:payment-details"))


def pending(complete_url=None):
    """The payment may have gone through and its order is not placed yet: the page asks /pay/complete/ again."""
    complete_url = complete_url or reverse("checkout:card-payment-complete")
    return http.JsonResponse({"status": "pending", "complete": complete_url, "detail": {
        "message": "Your payment is being confirmed. Please keep this page open: it takes a few seconds. If you "
                   "were charged, your order is placed and we e-mail you; if not, nothing is charged."}},
        status=202)


def refused(payment):
    return error(402, "payment_failed", payment.failure_message or "The payment did not go through. "
                 "Nothing has been charged.")


def terms_changed(request, terms):
    message = (f"Our terms of sale have changed since this page was opened (they are now version {terms.version}). "
               "Please read them and tick the box again. Nothing has been charged.")
    messages.warning(request, message)
    return error(409, "terms_changed", message, field="terms_version", redirect=reverse("checkout:payment-details"))


class ShippingAddressView(oscar_views.ShippingAddressView):
    def get_initial(self):
        return {**(super().get_initial() or {}), **self.checkout_session.business_details()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("business_form", BusinessDetailsForm(initial=self.checkout_session.business_details()))
        return context

    def post(self, request, *args, **kwargs):
        # "Ship to this address" (the address book) carries the company name and VAT number too: checked first,
        # and a bad one changes nothing
        if request.user.is_authenticated and request.POST.get("action") == "ship_to":
            business = BusinessDetailsForm(request.POST)
            if not business.is_valid():
                return self.render_to_response(self.get_context_data(business_form=business))
            self.keep_business_details(business.cleaned_data)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.keep_business_details(form.cleaned_data)
        return super().form_valid(form)

    def keep_business_details(self, data):
        self.checkout_session.set_business_details(company_name=data["company_name"].strip(),
                                                   vat_number=data["vat_number"])


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    template_name = "oscar/checkout/payment_details.html"

    def get(self, request, *args, **kwargs):
        if self.preview:
            return redirect("checkout:payment-details")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return http.HttpResponseNotAllowed(["GET"], "Orders are placed by paying on the payment page.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        basket = context["basket"]
        context.update(stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY, stripe_js_url=settings.STRIPE_JS_URL,
                       terms=TermsOfSalePage.current(), terms_unavailable=TERMS_UNAVAILABLE,
                       withdrawal=withdrawal_of(basket), business=self.checkout_session.business_details(),
                       summary_ship_date=basket.estimated_ship_date())
        return context


class CardPaymentView(oscar_views.PaymentDetailsView):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        """Oscar's checks of the basket and the earlier steps, answered in JSON rather than by a redirect."""
        self.checkout_session = CheckoutSessionData(request)
        try:
            self.check_pre_conditions(request)
        except exceptions.FailedPreCondition as failed:
            for message in failed.messages:  # shown on the page the browser is sent to
                messages.warning(request, message)
            return error(409, "checkout_incomplete", " ".join(str(m) for m in failed.messages)
                         or "Please complete the earlier checkout steps.", redirect=failed.url)
        return generic.TemplateView.dispatch(self, request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        terms = TermsOfSalePage.current()
        if terms is None:
            return error(503, "terms_unavailable", TERMS_UNAVAILABLE)
        form = CheckoutPaymentForm(request)
        if not form.is_valid():
            return form_error(form)
        token, expected = form.cleaned_data["token"], form.cleaned_data["expected_total"]
        cardholder = form.cleaned_data["cardholder"]
        if form.cleaned_data["terms_version"] != terms.version:
            return terms_changed(request, terms)

        submission = self.build_submission()
        basket, total = submission["basket"], submission["order_total"]
        if total.incl_tax != expected:
            return total_changed(request, total, expected)
        accepted = acceptance_record(terms=terms, basket=basket, business=self.checkout_session.business_details())

        order_number = self.generate_order_number(basket)
        self.checkout_session.set_order_number(order_number)
        self.checkout_session.set_submitted_basket(basket)
        return answer_card_payment(request, lambda: services.start_card_payment(
            basket=basket, user=request.user, guest_email=submission["order_kwargs"].get("guest_email"),
            shipping_address=submission["shipping_address"], shipping_method=submission["shipping_method"],
            order_total=total, order_number=order_number, token=token, cardholder=cardholder,
            checkout_details=accepted), expected=expected)


def answer_card_payment(request, start_payment, *, expected, session_key=SESSION_PAYMENT, done=finish,
                        changed=total_changed, complete_url=None):
    """Run ``start_payment`` (returning (payment, intent) as ``services.start_card_payment`` does) and answer the
    card form's script: the order placed (``done``), 3-D Secure to complete, pending, or why nothing was charged.
    The payment's reference is kept in the session under ``session_key`` for the completion view."""
    try:
        payment, intent = start_payment()
    except services.PaymentInProgress as busy:
        return error(409, "payment_in_progress", str(busy))
    except services.TotalChanged as total_now:
        return changed(request, total_now.total, expected)
    except gateway.PaymentDeclined as declined:
        return error(402, "card_declined", str(declined))
    except services.PaymentUncertain as uncertain:
        if uncertain.payment is not None:
            request.session[session_key] = uncertain.payment.reference
        return pending(complete_url)
    except gateway.GatewayError:
        return error(502, "payment_unavailable", "We could not reach our payment provider. Nothing has been "
                     "charged; please try again in a minute.")
    request.session[session_key] = payment.reference
    if payment.order_id:
        return done(request, payment.order)
    if payment.status == StripePayment.Status.REQUIRES_ACTION:
        return http.JsonResponse({"status": "requires_action", "client_secret": intent.client_secret})
    if payment.is_open:  # processing: the webhook places the order
        return http.JsonResponse({"status": "processing", "redirect": reverse("customer:order-list")})
    return refused(payment)


class CardPaymentCompleteView(generic.View):
    """After 3-D Secure in the browser: read the intent's status and place the order, or give the basket back."""

    http_method_names = ["post"]
    session_key = SESSION_PAYMENT

    def finish(self, request, order):
        return finish(request, order)

    def complete_url(self):
        return None

    def post(self, request, *args, **kwargs):
        reference = request.session.get(self.session_key)
        payment = StripePayment.objects.filter(reference=reference).first() if reference else None
        if payment is None:
            return error(404, "no_payment", "There is no payment waiting in this browser.")
        if payment.order_id:
            return self.finish(request, payment.order)
        try:
            payment = services.settle_payment(payment=payment)
            if payment.status == StripePayment.Status.REQUIRES_ACTION:  # the shopper closed the 3-D Secure window
                services.abandon_payment(payment=payment)
                payment.refresh_from_db()
        except Exception:  # Stripe or the store failed while settling: the page asks again, nobody sees a 500
            logger.exception("Payment %s: settling after the browser's return failed; asking again", reference)
            return pending(self.complete_url())
        if payment.is_open:  # Stripe is still processing: the page asks again
            return pending(self.complete_url())
        if payment.order_id:
            return self.finish(request, payment.order)
        request.session.pop(self.session_key, None)
        return refused(payment)
