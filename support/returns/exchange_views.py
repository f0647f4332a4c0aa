"""The customer's exchange page: choose the replacement on the configurator, see the difference, pay it by card
(the checkout's card flow) or confirm and get it back on the card.

Ownership as for the return slip: members reach their return's exchange through its request's code (signed in as
its customer), guests through their request's signed link; anything else is a 404.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from configurator.handoff import choose_url
from configurator.presenter import describe_choices
from shop.apps.checkout.forms import CardPaymentForm
from shop.apps.checkout.views import CardPaymentCompleteView, answer_card_payment
from shop.json_errors import form_error
from shop.json_errors import json_error as error
from shop.jsonbody import TextField
from shop.order_emails import order_path
from support import links
from support.returns.credit import ReturnRefused
from support.returns.exchanges import exchange_terms, pay_exchange_difference, place_exchange, replacement
from support.returns.models import Exchange, ExchangeStatus
from support.views import guest_request_or_404

SESSION_EXCHANGE_PAYMENT = "exchange_payment"


class ExchangePaymentForm(CardPaymentForm):
    """The body of an exchange's pay/: the card form's fields and the configuration chosen."""

    configuration = TextField(max_length=32, error_messages={
        "required": "Choose your replacement on the configurator first.",
        "max_length": "Choose your replacement on the configurator first."})


def _exchanges():
    return Exchange.objects.select_related("ret__request", "ret__order__shipping_address", "ret__line__product",
                                           "ret__line__configuration", "order", "refund", "voucher")


def _member_exchange(request, code):
    return get_object_or_404(_exchanges(), ret__request__code=code, ret__request__customer=request.user)


def _guest_exchange(token):
    support_request = guest_request_or_404(token)
    if support_request.customer_id:
        raise Http404("This link is not valid.")
    return get_object_or_404(_exchanges(), ret__request=support_request)


def _base(request, exchange):
    """The exchange page's path for this visitor: the member's account path, or the guest's signed link."""
    ret_request = exchange.ret.request
    if ret_request.customer_id:
        return reverse("support:account-exchange", kwargs={"code": ret_request.code})
    return reverse("support:guest-exchange", kwargs={"token": links.guest_token(ret_request)})


def choose_link(exchange, *, base, code=None):
    """The configurator of the returned product (starting from ``code``, or the configuration sent back), whose
    final button brings the choice back here."""
    ret = exchange.ret
    original = getattr(ret.line, "configuration", None)
    return choose_url(slug=ret.line.product.slug, code=code or (original.code if original else None),
                      next_path=base, label="Use this for my exchange",
                      note=f"You are choosing the replacement for return {ret.number}: what you sent back counts "
                           f"for {exchange.credit} {exchange.currency}.")


def _exchange_page(request, exchange):
    base = _base(request, exchange)
    template = ("support/returns/account_exchange.html" if exchange.ret.request.customer_id else
                "support/returns/guest_exchange.html")
    context = {"exchange": exchange, "ret": exchange.ret, "base_path": base, "terms": None, "problem": None,
               "request_path": links.request_path(exchange.ret.request),
               "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY, "stripe_js_url": settings.STRIPE_JS_URL}
    if exchange.status == ExchangeStatus.PLACED:
        context["order_link"] = order_path(exchange.order)
        return render(request, template, context)
    context["choose_link"] = choose_link(exchange, base=base)
    code = (request.POST.get("configuration") or request.GET.get("configuration") or "").strip()[:32]
    if code:
        try:
            terms = exchange_terms(exchange, replacement(code))
        except ReturnRefused as refused:
            context["problem"] = refused.message
        else:
            context.update(terms=terms, features=describe_choices(terms.configuration.version.definition,
                                                                   terms.configuration.choices),
                           change_link=choose_link(exchange, base=base, code=code))
    if request.method == "POST" and context["terms"] is not None:
        try:
            expected = Decimal(request.POST.get("expected_refund", ""))
        except InvalidOperation:
            expected = None
        if expected is None:
            context["problem"] = "Confirm on this page."
        else:
            try:
                place_exchange(exchange, configuration=context["terms"].configuration, expected_refund=expected)
            except ReturnRefused as refused:
                context["problem"] = refused.message
            else:
                messages.success(request, "Your replacement is ordered. We make it to order: follow it on its order "
                                          "page.")
                return redirect(base)
    return render(request, template, context, status=400 if context["problem"] and
                  request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def account_exchange(request, code):
    return _exchange_page(request, _member_exchange(request, code))


@require_http_methods(["GET", "POST"])
def guest_exchange(request, token):
    return _exchange_page(request, _guest_exchange(token))


def _pay(request, exchange):
    form = ExchangePaymentForm(request)
    if not form.is_valid():
        return form_error(form)
    data = form.cleaned_data
    base = _base(request, exchange)
    try:
        configuration = replacement(data["configuration"])
    except ReturnRefused as refused:
        return error(409, "exchange_refused", refused.message)

    def done(request, order):
        request.session.pop(SESSION_EXCHANGE_PAYMENT, None)
        return JsonResponse({"status": "succeeded", "order": order.number, "redirect": base})

    def changed(request, total, expected):
        message = (f"The difference is now {total.incl_tax} {total.currency} (the page showed {expected}). "
                   "Nothing has been charged: please check it and pay again.")
        messages.warning(request, message)
        return error(409, "total_changed", message, total=str(total.incl_tax),
                     redirect=f"{base}?configuration={configuration.code}")

    def start():
        return pay_exchange_difference(exchange, configuration=configuration, expected=data["expected_total"],
                                       token=data["token"], cardholder=data["cardholder"])

    try:
        return answer_card_payment(request, start, expected=data["expected_total"],
                                   session_key=SESSION_EXCHANGE_PAYMENT, done=done, changed=changed,
                                   complete_url=f"{base}pay/complete/")
    except ReturnRefused as refused:
        return error(409, "exchange_refused", refused.message)


@login_required
@require_POST
def account_exchange_pay(request, code):
    return _pay(request, _member_exchange(request, code))


@require_POST
def guest_exchange_pay(request, token):
    return _pay(request, _guest_exchange(token))


class ExchangePaymentComplete(CardPaymentCompleteView):
    """After 3-D Secure on the exchange page: the replacement is ordered, or nothing was charged."""

    session_key = SESSION_EXCHANGE_PAYMENT

    def dispatch(self, request, *args, **kwargs):
        if "token" in kwargs:
            self.exchange = _guest_exchange(kwargs["token"])
        elif not request.user.is_authenticated:
            return error(403, "sign_in", "Please sign in again.")
        else:
            self.exchange = _member_exchange(request, kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def complete_url(self):
        return f"{_base(self.request, self.exchange)}pay/complete/"

    def finish(self, request, order):
        request.session.pop(self.session_key, None)
        return JsonResponse({"status": "succeeded", "order": order.number,
                             "redirect": _base(request, self.exchange)})

