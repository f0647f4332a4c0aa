"""Customer pages of the help desk: get help (with article suggestions), My account → Support, the guest's
signed link, attachments of one's own requests, and the satisfaction survey.

Every page finds a request by its unguessable code *and* its owner (the signed-in customer) or by a signed
guest link; anything else is a 404, so guessed ids and codes show nothing.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from oscar.core.loading import get_model

from shop.params import id_param
from shop.throttles import client_address, throttle_from_rate
from support import links, services
from support.attachments import attachment_response
from support.forms import NewRequestForm, ReplyForm, SurveyForm
from support.models import Attachment, Channel, Kind, SatisfactionSurvey, SupportRequest
from support.selectors import public_messages, requests_of_customer, suggest_articles

Order = get_model("order", "Order")


def linked_order(request):
    """The order (and line) "Get help" came from, only if this visitor owns it: (order, line) or 404."""
    def param(name):
        value = (request.POST.get(name) or request.GET.get(name) or "").strip()
        if "\x00" in value:  # PostgreSQL refuses to compare text holding a NUL; no order number has one
            raise Http404("No such order.")
        return value

    number = param("order")
    if not number:
        return None, None
    order = Order.objects.filter(number=number).select_related("user").first()
    is_members = order is not None and request.user.is_authenticated and order.user_id == request.user.pk
    is_guests = order is not None and order.user_id is None and param("key") and \
        order.check_verification_hash(param("key"))
    if not (is_members or is_guests):
        raise Http404("No such order.")
    line_id = param("line")
    if not line_id:
        return order, None
    if id_param(line_id) is None:
        raise Http404("No such item.")
    return order, get_object_or_404(order.lines.select_related("product"), pk=id_param(line_id))


@require_http_methods(["GET", "POST"])
def new_request(request):
    """Get help: the form, suggested articles as you type, and the request opened and routed on submit."""
    order, line = linked_order(request)
    user = request.user if request.user.is_authenticated else None
    initial = {"kind": request.GET.get("kind") or (Kind.ORDER_QUESTION if order else
                                                   Kind.PRODUCT_QUESTION)}
    if initial["kind"] not in dict(Kind.choices):
        initial["kind"] = Kind.OTHER
    if order is not None:
        initial["subject"] = f"Order {order.number}" + (f": {line.title}" if line else "")
        if user is None:
            initial["email"] = order.guest_email
            if order.shipping_address_id:
                initial["name"] = order.shipping_address.name
    if request.method == "POST" and user is None:
        anonymous_requests = throttle_from_rate("support-new-request", settings.SUPPORT_ANONYMOUS_RATE)
        if anonymous_requests.blocked_until(client_address(request)):
            return render(request, "support/rate_limited.html", status=429)
        anonymous_requests.hit(client_address(request))
    form = NewRequestForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            support_request = services.open_request(
                kind=data["kind"], subject=data["subject"], body=data["message"], attachments=data["attachments"],
                customer=user, email=user.email if user else data["email"],
                name=user.get_full_name() if user else data["name"], order=order, line=line,
                team=data.get("team") or "", channel=Channel.WEB)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Thank you: we have your request {support_request.reference} and will "
                                      f"reply by e-mail.")
            return redirect(links.request_path(support_request))
    return render(request, "support/new_request.html", {
        "form": form, "order": order, "line": line, "order_key": request.GET.get("key", ""),
    })


@require_GET
def article_suggestions(request):
    """JSON: up to three help-centre articles matching what the customer is typing."""
    return JsonResponse({"articles": suggest_articles(request.GET.get("q", ""))})


@login_required
def account_requests(request):
    return render(request, "support/account_requests.html", {
        "support_requests": requests_of_customer(request.user), "active_tab": "support",
        "page_title": "Support",
    })


def _conversation_page(request, support_request, *, template, base_path, extra=None):
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            support_request, _ = services.add_customer_reply(
                support_request, body=form.cleaned_data["message"], attachments=form.cleaned_data["attachments"],
                author=request.user if request.user.is_authenticated else None, channel=Channel.WEB)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your reply is on its way to us.")
            return redirect(links.request_path(support_request))
    context = {"support_request": support_request, "conversation": public_messages(support_request),
               "form": form, "base_path": base_path, **(extra or {})}
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def account_request(request, code):
    support_request = get_object_or_404(SupportRequest.objects.select_related("order", "line"), code=code,
                                        customer=request.user)
    return _conversation_page(request, support_request, template="support/account_request.html",
                              base_path=reverse("support:account-request", kwargs={"code": code}),
                              extra={"active_tab": "support", "page_title": support_request.subject})


def guest_request_or_404(token):
    code = links.code_from_guest_token(token)
    if code is None:
        raise Http404("This link is not valid.")
    return get_object_or_404(SupportRequest.objects.select_related("order", "line"), code=code)


@require_http_methods(["GET", "POST"])
def guest_request(request, token):
    support_request = guest_request_or_404(token)
    if support_request.customer_id and not (request.user.is_authenticated
                                            and request.user.pk == support_request.customer_id):
        # links for members' requests are never issued; a member signs in to see theirs
        raise Http404("This link is not valid.")
    return _conversation_page(request, support_request, template="support/guest_request.html",
                              base_path=reverse("support:guest-request", kwargs={"token": token}))


@login_required
@require_GET
def account_attachment(request, code, attachment_code):
    attachment = get_object_or_404(Attachment, code=attachment_code, message__is_internal=False,
                                   message__request__code=code, message__request__customer=request.user)
    return attachment_response(attachment)


@require_GET
def guest_attachment(request, token, attachment_code):
    support_request = guest_request_or_404(token)
    if support_request.customer_id:
        raise Http404("This link is not valid.")
    attachment = get_object_or_404(Attachment, code=attachment_code, message__is_internal=False,
                                   message__request=support_request)
    return attachment_response(attachment)


@require_http_methods(["GET", "POST"])
def survey(request, token):
    """How did we do? One answer per survey; a cancelled survey (the request reopened) says so."""
    survey = get_object_or_404(SatisfactionSurvey.objects.select_related("request"), token=token)
    form = SurveyForm(request.POST or None, initial={"rating": request.GET.get("rating")})
    if request.method == "POST" and survey.is_open and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_survey(survey, rating=data["rating"], solved=data["solved"],
                          agent_helpful=data["agent_helpful"], comment=data["comment"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("support:survey", token=token)
        survey.refresh_from_db()
    return render(request, "support/survey.html", {"survey": survey, "form": form,
                                                   "support_request": survey.request})
