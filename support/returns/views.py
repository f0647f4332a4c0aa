"""The customer's side of returns: "Start a return" from an order's page, and the printable return slip.

Ownership as everywhere in support (support.views): the form finds the order through ``linked_order`` (the
signed-in owner, or a guest with the order's verification hash), the slip through its request's code and owner or
the guest's signed link; anything else is a 404. The return's own page is its request's page.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from shop.throttles import client_address, throttle_from_rate
from support import links
from support.returns.forms import StartReturnForm
from support.returns.models import Return
from support.returns.policy import delivered_on
from support.returns.selectors import line_policy, may_print_slip
from support.returns.services import ReturnRefused, start_return
from support.returns.slip import return_slip_pdf
from support.views import guest_request_or_404, linked_order


def get_help_url(order, line, key):
    """Get help about this item (with the guest's order key): where a customer goes when a return can't start."""
    query = {"order": order.number, "line": line.pk, **({"key": key} if key else {})}
    return f"{reverse('support:new-request')}?{urlencode(query)}"


@require_http_methods(["GET", "POST"])
def start_return_page(request):
    """Start a return of a delivered item: how many, why (the policy answers for each reason at once), what the
    customer would like (only what the policy offers for that reason), a message and photos."""
    order, line = linked_order(request)
    if line is None:
        raise Http404("No such item.")
    guest = order.user_id is None  # the order's owner owns the return: a guest order's return is the guest's
    key = (request.POST.get("key") or request.GET.get("key") or "").strip() if guest else ""
    policy = line_policy(line, delivered=delivered_on(line))
    context = {"order": order, "line": line, "policy": policy, "order_key": key,
               "get_help_url": get_help_url(order, line, key), "form": None}
    if policy.delivered is None or policy.returnable < 1 or not policy.any_eligible:
        return render(request, "support/returns/start_return.html", context)
    if request.method == "POST" and guest:
        anonymous_requests = throttle_from_rate("support-new-request", settings.SUPPORT_ANONYMOUS_RATE)
        if anonymous_requests.blocked_until(client_address(request)):
            return render(request, "support/rate_limited.html", status=429)
        anonymous_requests.hit(client_address(request))
    initial = {"name": order.shipping_address.name} if guest and order.shipping_address_id else {}
    form = StartReturnForm(request.POST or None, request.FILES or None, policy=policy, guest=guest, initial=initial)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        customer = None if guest else request.user
        try:
            ret = start_return(
                order=order, line=line, quantity=data["quantity"], reason=data["reason"], wanted=data["wanted"],
                message=data["message"], attachments=data["attachments"], customer=customer,
                email=order.guest_email if guest else customer.email,
                name=data["name"] if guest else customer.get_full_name())
        except ReturnRefused as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"Thank you: we have your return {ret.number} and will write to you by "
                                      "e-mail once we have looked at it.")
            return redirect(links.request_path(ret.request))
    return render(request, "support/returns/start_return.html", context)


def _slip_response(ret):
    if not may_print_slip(ret):
        raise Http404("This return has no return slip.")
    response = HttpResponse(return_slip_pdf(ret), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="return-{ret.number}.pdf"'
    return response


def _returns():
    return Return.objects.select_related("request__customer", "order__shipping_address", "line")


@login_required
@require_GET
def account_return_slip(request, code):
    return _slip_response(get_object_or_404(_returns(), request__code=code, request__customer=request.user))


@require_GET
def guest_return_slip(request, token):
    support_request = guest_request_or_404(token)
    if support_request.customer_id:
        raise Http404("This link is not valid.")
    return _slip_response(get_object_or_404(_returns(), request=support_request))
