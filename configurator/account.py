"""My account → My designs (the configurations a signed-in shopper saved), and buying past configurations again
(one line or all of a past order: Oscar's "Re-order" buttons on the order page post here).

Every view finds what it acts on through the signed-in customer: their own designs by code, their own orders by
number; anything else is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from oscar.core.loading import get_model

from configurator.designs import delete_design, designs_page
from configurator.reorders import add_design, reorder_line
from configurator.shoppers import Shopper

Order = get_model("order", "Order")
DESIGNS_PER_PAGE = 20


def _design_or_404(request, code):
    design = (request.user.saved_configurations.filter(code=code, in_my_designs=True)
              .select_related("version__configurable__product").first())
    if design is None:
        raise Http404("No design of yours has this code.")
    return design


@login_required
@require_GET
def my_designs(request):
    page = Paginator(request.user.saved_configurations.filter(in_my_designs=True).order_by("-created_at", "-pk")
                     .select_related("version__configurable__product"),
                     DESIGNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "configurator/account/designs.html", {
        "designs": designs_page(page.object_list), "page_obj": page, "active_tab": "designs",
        "page_title": "My designs"})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, code):
    """GET asks to confirm (works without JavaScript); POST deletes."""
    design = _design_or_404(request, code)
    if request.method == "GET":
        return render(request, "configurator/account/design_delete.html", {
            "design": design, "active_tab": "designs", "page_title": "Delete this design?"})
    title = design.version.configurable.product.get_title()
    if delete_design(design=design):
        messages.success(request, f"Your {title} design is deleted; its link no longer opens it.")
    else:
        messages.success(request, f"Your {title} design is no longer in My designs. It is in a basket or an order, "
                                  f"so its link still opens it there.")
    return redirect("configurator:my-designs")


@login_required
@require_POST
def add_to_basket(request, code):
    design = _design_or_404(request, code)
    outcome = add_design(basket=request.basket, quote=design, owner=request.user,
                         shopper=Shopper.of(request.user))
    return _told(request, [outcome], fallback="configurator:my-designs")


@login_required
@require_POST
def reorder(request, order_number, line_id=None):
    """Buy a past order's line (``line_id``) or all its lines again, each configuration quoted again today."""
    order = get_object_or_404(Order, user=request.user, number=order_number)
    lines = order.lines.select_related("configuration__version__configurable__product", "product", "order")
    if line_id is not None:
        lines = [get_object_or_404(lines, pk=line_id)]
    shopper = Shopper.of(request.user)
    outcomes = [reorder_line(basket=request.basket, line=line, owner=request.user, shopper=shopper)
                for line in lines]  # each line is added whole, or says why not
    return _told(request, outcomes, fallback="customer:order", order_number=order.number)


def _told(request, outcomes, fallback, **kwargs):
    for outcome in outcomes:
        (messages.info if outcome.added else messages.warning)(request, outcome.message)
    if any(outcome.added for outcome in outcomes):
        return redirect("basket:summary")
    return redirect(fallback, **kwargs)


def with_our_reorder(oscar_view):
    """Oscar's order (or order line) page, whose own re-order (POST action=reorder, the form Oscar's templates and
    any old bookmark send) goes through ``reorder``: Oscar's refuses configured lines as "not available"."""

    def view(request, order_number, line_id=None):
        if request.method == "POST" and request.POST.get("action") == "reorder":
            return reorder(request, order_number, line_id)
        return oscar_view(request, order_number=order_number, **({} if line_id is None else {"line_id": line_id}))

    return view
