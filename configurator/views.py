"""The shopper's configurator page. It works as a plain form (GET re-evaluates, POST saves or orders);
static/js/configurator.js makes it live through the JSON API without changing what the server decides.
"""

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from oscar.apps.basket.signals import basket_addition

from configurator.engine import SelectionError
from configurator.handoff import handoff_of
from configurator.presenter import configuration_state
from configurator.selectors import current_version_for_slug, saved_configuration
from configurator.services import (
    add_configuration_to_basket,
    replace_basket_configuration,
    requote_configuration,
    save_configuration,
)
from configurator.shoppers import Shopper, upcoming_options
from configurator.tracking import SESSION_FIELD, new_session, session_of, tell
from shop.apps.basket.models import BasketNotEditable, LineQuantityTooHigh

REPLACE_FIELD = "basket_line"  # "Change these choices" in the basket: the line the edited configuration replaces


def selection_from_form(data, definition):
    """Options, measurements and texts from form fields named after the steps' codes."""
    options, measurements, texts = [], {}, {}
    for group in definition["groups"]:
        code = group["code"]
        if group["kind"] == "choice":
            options += [value for value in data.getlist(code) if value]
        elif group["kind"] == "measurement":
            if data.get(code, "").strip():
                measurements[code] = data[code].strip()
        elif data.get(code, "").strip():
            texts[code] = data[code]
    return options, measurements, texts


def selection_query(definition, options=(), measurements=None, texts=None):
    """The query string of the plain form for a selection (fields named after the steps' codes)."""
    options, measurements, texts = set(options), measurements or {}, texts or {}
    fields = []
    for group in definition["groups"]:
        code = group["code"]
        if group["kind"] == "choice":
            fields += [(code, option["code"]) for option in group["options"] if option["code"] in options]
        elif group["kind"] == "measurement" and code in measurements:
            fields.append((code, str(measurements[code])))
        elif group["kind"] == "text" and code in texts:
            fields.append((code, texts[code]))
    return urlencode(fields)


def undo_url(request, product, definition):
    """Without JavaScript: a link back to the selection the page showed before this post (its "previous" field)."""
    previous = QueryDict(request.POST.get("previous", ""))
    query = selection_query(definition, *selection_from_form(previous, definition))
    return reverse("configurator:configure", kwargs={"slug": product.slug}) + (f"?{query}" if query else "")


def _version_or_404(slug):
    version = current_version_for_slug(slug)
    if version is None:
        raise Http404("This product cannot be configured.")
    return version


@require_http_methods(["GET", "POST"])
def configure(request, slug):
    version = _version_or_404(slug)
    data = request.POST if request.method == "POST" else request.GET
    options, measurements, texts = selection_from_form(data, version.definition)
    if not (options or measurements or texts) and request.method == "GET":
        options = default_options(version.definition, excluding=upcoming_options(version.definition))
    return _render_or_act(request, version, options, measurements, texts)


def reopen(request, slug, code):
    quote = saved_configuration(code)
    if quote is None or quote.version.configurable.product.slug != slug:
        raise Http404("No saved configuration has this code.")
    version = current_version_for_slug(slug)
    notice = None
    if version is None:
        raise Http404("This product cannot be configured any more.")
    if version.pk != quote.version_id:
        notice = "The product has changed since this configuration was saved: we checked your choices again."
    elif quote.is_expired:
        notice = "This quote has expired: the price below is today's."
    choices = quote.choices
    if request.GET.get(REPLACE_FIELD) and line_to_replace(request, version.configurable.product) is None:
        raise Http404("This line is not in your basket.")
    return _render_or_act(request, version, choices.get("options", []), choices.get("measurements"),
                          choices.get("texts"), quote=quote, notice=notice)


def line_to_replace(request, product):
    """The configured line (of ``product``) of this shopper's own basket that the form edits (``basket_line``), or
    None: a line of somebody else's basket, a removed one or a made-up number is never found."""
    data = request.POST if request.method == "POST" else request.GET
    number = data.get(REPLACE_FIELD, "")
    if not number.isdigit():
        return None
    if int(number) not in request.basket.configuration_quotes:
        return None
    return next((line for line in request.basket.all_lines()
                 if line.pk == int(number) and line.product_id == product.pk), None)


def _render_or_act(request, version, options, measurements, texts, quote=None, notice=None):
    product = version.configurable.product
    shopper = Shopper.of(request.user)
    error = None
    try:
        state = configuration_state(version, options, measurements, texts, shopper=shopper)
    except SelectionError as bad:
        error = bad  # show the form again without the offending field, with its message
        try:
            state = configuration_state(version, *without_field(bad.field, options, measurements, texts),
                                        shopper=shopper)
        except SelectionError:
            state = configuration_state(version, shopper=shopper)
    session = configurator_session(request, version)
    if state["complete"]:
        tell("completed", session=session, version=version)
    handoff = handoff_of(request.POST.get("choose") or request.GET.get("choose"))
    action = request.POST.get("action")
    replacing = line_to_replace(request, product)
    if action == "basket" and request.method == "POST" and request.POST.get(REPLACE_FIELD) and replacing is None:
        messages.error(request, "The basket line you were changing is no longer in your basket: nothing was changed.")
        return redirect("basket:summary")
    if action == "choose" and handoff is None:
        error = SelectionError("choose", "this link to choose a configuration has expired: start again from the "
                                         "page that sent you here")
    if request.method == "POST" and error is None and action in ("save", "basket", "choose"):
        owner = request.user if request.user.is_authenticated else None
        saved = save_configuration(version=version, options=options, measurements=measurements, texts=texts,
                                   owner=owner, shopper=shopper, keep=action == "save")
        for removal in saved.removed:
            messages.warning(request, f"{removal}.")
        if action in ("save", "basket"):
            tell("saved" if action == "save" else "basket", session=session, version=version,
                 configuration=saved.code)
        if action == "save":
            messages.success(request, f"Saved. Reopen or share it with this link (code {saved.code}).")
            return _reopen(product, saved, handoff, replacing)
        if not saved.is_complete:
            messages.error(request, "Finish every step before adding this to your basket." if action == "basket"
                           else "Finish every step before you choose this configuration.")
            return _reopen(product, saved, handoff, replacing)
        if action == "choose":
            return redirect(handoff.destination(saved))
        try:
            if replacing is not None:
                replace_basket_configuration(basket=request.basket, line=replacing, configuration=saved)
            else:
                add_configuration_to_basket(basket=request.basket, configuration=saved)
        except (BasketNotEditable, LineQuantityTooHigh) as refused:  # paying meanwhile, or too many of one item
            messages.error(request, str(refused))
            return redirect("basket:summary")
        # as Oscar's own BasketAddView does: its analytics count the addition (ProductRecord, UserRecord). Once the
        # request has committed: two first additions of a product racing to create its record would otherwise
        # abort this request's transaction on PostgreSQL (Oscar's receiver catches the IntegrityError and retries).
        transaction.on_commit(partial(basket_addition.send, sender=configure, product=product, user=request.user,
                                      request=request), robust=True)
        messages.success(request, f"{product.get_title()} in your basket now has these choices." if replacing
                         else f"{product.get_title()} is in your basket, as you configured it.")
        return redirect("basket:summary")
    selection = state["selection"]
    error_in_step = error is not None and show_error_in_step(state, error, request.POST or request.GET)
    return render(request, "configurator/configure.html", {
        "product": product, "version": version, "state": state, "quote": quote, "notice": notice,
        "error": error, "error_in_step": error_in_step, "handoff": handoff, "demand_session": session,
        "replacing": replacing,
        "share_url": request.build_absolute_uri(reverse("configurator:reopen", kwargs={
            "slug": product.slug, "code": quote.code})) if quote else None,
        "previous": selection_query(version.definition, selection["options"], selection["measurements"],
                                    selection["texts"]),
        "undo_url": undo_url(request, product, version.definition)
        if request.method == "POST" and state["removed"] else None,
    }, status=400 if error else 200)


def show_error_in_step(state, error, data):
    """Put a refused text or measurement next to its field, as typed and in plain words ("Width must be at least
    60 cm"), so the shopper can correct it. False when the error is about no step (an option code, the form)."""
    for group in state["groups"]:
        if group["code"] == error.field and group["kind"] in ("text", "measurement"):
            group.update(error=f"{group['label']} {error.message}", value=data.get(error.field, ""))
            return True
    return False


def configurator_session(request, version):
    """The page's configurator session (``configurator.tracking``): the one the form or this browser carries for
    this product, or a new one, reported as started. Kept in the browser's session so a redirect (saving, a
    reopened link) goes on with it; a shared link carries none."""
    product = version.configurable.product.slug
    known = request.session.get(SESSION_FIELD) or {}
    session = session_of(request.POST.get(SESSION_FIELD) or request.GET.get(SESSION_FIELD)) or session_of(
        known.get(product))
    if session is None:
        session = new_session()
        tell("started", session=session, version=version)
    if known.get(product) != session:
        request.session[SESSION_FIELD] = {**known, product: session}
    return session


def _reopen(product, saved, handoff, replacing=None):
    """The saved configuration's page, still choosing for whoever asked (``handoff``), if anyone did, and still
    changing the basket line it came from, if it did."""
    path = reverse("configurator:reopen", kwargs={"slug": product.slug, "code": saved.code})
    query = {**({"choose": handoff.token} if handoff else {}), **({REPLACE_FIELD: replacing.pk} if replacing else {})}
    return redirect(f"{path}?{urlencode(query)}" if query else path)


def without_field(field, options, measurements, texts):
    options = [] if field == "options" else [o for o in options if o != field]
    measurements = {k: v for k, v in (measurements or {}).items() if k != field}
    texts = {k: v for k, v in (texts or {}).items() if k != field}
    return options, measurements, texts


def default_options(definition, excluding=()):
    """The options chosen when the configurator opens (never one in early access: not everybody may have it)."""
    return [option["code"] for group in definition["groups"] if group["kind"] == "choice"
            for option in group["options"]
            if option.get("default") and option.get("active", True) and option["code"] not in excluding]


@require_http_methods(["POST"])
def requote(request, code):
    """Re-price a basket line whose quote expired or whose product changed, and say what changed."""
    lines = {line.pk: line for line in request.basket.all_lines()}
    found = [(pk, quote) for pk, (line_code, quote) in request.basket.configuration_quotes.items()
             if line_code == code]
    if not found or found[0][1] is None:
        raise Http404("This configuration is not in your basket.")
    line_pk, quote = found[0]
    owner = request.user if request.user.is_authenticated else None
    new, changes = requote_configuration(quote=quote, owner=owner, shopper=request.basket.shopper)
    product = quote.version.configurable.product
    if new is None:
        messages.error(request, "We could not price your configuration again: " + " ".join(changes))
        return redirect("configurator:reopen", slug=product.slug, code=quote.code)
    replace_basket_configuration(basket=request.basket, line=lines[line_pk], configuration=new)
    summary = " ".join(changes) if changes else "Nothing changed."
    messages.warning(request, f"We checked your {product.get_title()} again. {summary} Please review before paying.")
    return redirect("basket:summary")
