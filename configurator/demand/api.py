"""What the configurator page's script reports: options chosen, and options tried while unavailable.

POST /shop/api/configurator/events/
    {"session": token, "product": slug,
     "events": [{"kind": "chosen", "option": code},
                {"kind": "blocked", "option": code, "selection": [codes chosen when it was tried]}, ...]}
-> 202 {"recorded": n}

Every event is checked against the product's current version (kinds, option codes, at most ``MAX_EVENTS``); one bad
event refuses the batch with 400 in the store's JSON error shape and records nothing. The rule that blocked an
option is worked out here from the model, never taken from the browser.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from configurator.compiled import compiled_model
from configurator.demand.events import record_browser_events
from configurator.demand.models import EventKind
from configurator.forms import ProductSessionForm
from configurator.shoppers import withheld_options
from shop.json_errors import form_error

MAX_EVENTS = 50
BROWSER_KINDS = (EventKind.CHOSEN, EventKind.BLOCKED)


class EventListField(forms.Field):
    """A JSON array of 1 to ``MAX_EVENTS`` objects."""

    default_error_messages = {"invalid": f"must be a list of 1 to {MAX_EVENTS} events (objects)",
                              "required": f"must be a list of 1 to {MAX_EVENTS} events (objects)"}

    def to_python(self, value):
        if not isinstance(value, list) or not 0 < len(value) <= MAX_EVENTS or not all(
                isinstance(item, dict) for item in value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class EventsForm(ProductSessionForm):
    max_body_bytes = 32 * 1024
    session_required = True

    events = EventListField()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        model = compiled_model(self.version).model
        for index, event in enumerate(data["events"]):
            place = f"events[{index}]"
            if event.get("kind") not in BROWSER_KINDS:
                self.add_error(place, ValidationError(f"kind must be one of {', '.join(BROWSER_KINDS)}"))
            elif event.get("option") not in model.option_codes:
                self.add_error(place, ValidationError("option must be an option code of this product"))
            elif event["kind"] == EventKind.BLOCKED and not (
                    isinstance(event.get("selection"), list)
                    and all(code in model.option_codes for code in event["selection"])):
                self.add_error(place, ValidationError("selection must list the option codes chosen"))
            elif set(event) - {"kind", "option", "selection"}:
                self.add_error(place, ValidationError("has keys that are not kind, option or selection"))
        return data


@require_POST
def record_events(request):
    form = EventsForm(request)
    if not form.is_valid():
        return form_error(form)
    version = form.cleaned_data["product"]
    events = [{"kind": e["kind"], "option": e["option"], "selection": e.get("selection") or []}
              for e in form.cleaned_data["events"]]
    rows = record_browser_events(session=form.cleaned_data["session"], version=version, events=events,
                                 withheld=withheld_options(version.definition, form.shopper))
    return JsonResponse({"recorded": len(rows)}, status=202)
