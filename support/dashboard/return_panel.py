"""What the request screen shows of returns and goodwill: the return panel (its fields and timeline, the item's
configuration and preview, the production record of its units, the customer's photos, the steps it may take now),
the goodwill panel (the request's gestures and the form to give one) and the customer's goodwill and store credit
in the customer panel."""

from decimal import Decimal

from django.conf import settings
from django.db.models import prefetch_related_objects

from configurator.models import OrderLineConfiguration
from configurator.production.selectors import line_production_record
from support.dashboard.permissions import APPROVE_GOODWILL, CHANGE_RETURNS, GRANT_GOODWILL
from support.dashboard.return_forms import (
    ApproveReturnForm,
    DeclineReturnForm,
    GoodwillForm,
    InspectReturnForm,
    ReceiveReturnForm,
    ResolveReturnForm,
)
from support.dashboard.return_selectors import (
    customer_goodwill,
    customer_photos,
    gestures_of,
    next_steps,
    ordered_measurements,
    return_of,
    return_timeline,
)
from support.returns.models import GoodwillStatus
from support.returns.services import line_value

# what the return panel shows of a request's return, read with the request itself (support.dashboard.views)
RETURN_DETAILS = ("return_details", "return_details__line", "return_details__line__product",
                  "return_details__order", "return_details__refund", "return_details__remake",
                  "return_details__voucher", "return_details__exchange__order")
STEP_FORMS = {"approve": ApproveReturnForm, "decline": DeclineReturnForm, "receive": ReceiveReturnForm,
              "inspect": InspectReturnForm, "resolve": ResolveReturnForm}


def form_errors(form):
    """Every error of a submitted form as sentences: its own, then each field's with the field's label."""
    if form is None or not form.is_bound:
        return []
    return [*form.non_field_errors(), *(f"{form.fields[name].label}: {error}" for name, errors in form.errors.items()
                                        if name in form.fields for error in errors)]


def add_return_and_goodwill(context, support_request, user):
    """Fill in the request screen's return and goodwill panels; forms already in ``context`` (submitted with
    errors) are kept."""
    ret = return_of(support_request)
    context["ret"] = ret
    if support_request.order is not None:
        # the goodwill form's items and the linked order's lines on the screen: one read of the lines and products
        prefetch_related_objects([support_request.order], "lines__product")
    if ret is not None:
        steps = next_steps(ret) if user.has_perm(CHANGE_RETURNS) else set()
        records = line_production_record(ret.line)
        context.update(
            return_steps=steps, return_timeline=return_timeline(ret),
            return_units_value=line_value(ret.line, ret.quantity),
            return_configurations=dict(OrderLineConfiguration.objects.filter(line=ret.line)
                                       .values_list("line_id", "snapshot")),
            production_record=records, customer_photos=customer_photos(support_request))
        # a step refused because the return has moved on has no form on the screen any more: its error shows above
        context["return_errors"] = [error for step in STEP_FORMS if step not in steps
                                    for error in form_errors(context.get(f"{step}_form"))]
        for step in steps:
            form_class = STEP_FORMS[step]
            name = f"{step}_form"
            if name not in context:
                context[name] = form_class(ret=ret, measurements=ordered_measurements(ret.line, records)) \
                    if form_class is ResolveReturnForm else form_class()
    gestures = gestures_of(support_request)
    counted = sum((g.amount for g in gestures if g.status != GoodwillStatus.REFUSED), Decimal("0.00"))
    may_grant = user.has_perm(GRANT_GOODWILL)
    context.update(
        gestures=gestures, may_grant_goodwill=may_grant, may_approve_goodwill=user.has_perm(APPROVE_GOODWILL),
        goodwill_limit=settings.GOODWILL_AGENT_LIMIT, goodwill_granted_here=counted,
        customer_goodwill=customer_goodwill(support_request))
    if may_grant and "goodwill_form" not in context:
        context["goodwill_form"] = GoodwillForm(support_request=support_request)
    return context
