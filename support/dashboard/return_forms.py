"""Staff forms of returns and goodwill: each step of a return, a gesture of goodwill, a lead's decision.

The forms that move money (a refund or store credit, any gesture, a lead's approval) carry ``confirmed``: the
first POST shows a confirmation page with the exact amount, only the second (confirmed) one acts.
"""

from decimal import Decimal

from django import forms

from support.returns.models import GoodwillKind, GoodwillReason, Inspection, Outcome
from support.returns.services import line_value

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.01")}


class PanelForm(forms.Form):
    """A form of the request screen's panels: its own id prefix, so two forms on the screen never share an id."""

    id_prefix = "panel"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


def note_field(label, *, required=False, max_length=2000, rows=2):
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ApproveReturnForm(PanelForm):
    id_prefix = "approve"

    SHIP_BACK, KEEP = "ship_back", "keep"

    handling = forms.ChoiceField(label="Approve", widget=forms.RadioSelect, initial=SHIP_BACK, choices=[
        (SHIP_BACK, "The customer sends it back (with the return slip)"),
        (KEEP, "The customer keeps the item (nothing to send back)")])
    note = note_field("Note to the customer (optional)")


class DeclineReturnForm(PanelForm):
    id_prefix = "decline"

    reason = note_field("Why we decline it (the customer reads this)", required=True)
    internal_note = note_field("Internal note for colleagues (optional; the customer never sees it)")


class ReceiveReturnForm(PanelForm):
    id_prefix = "receive"

    note = forms.CharField(label="Note for the log (optional)", required=False, max_length=150)


class InspectReturnForm(PanelForm):
    id_prefix = "inspect"

    outcome = forms.ChoiceField(label="What the inspection found", choices=Inspection.choices,
                                widget=forms.RadioSelect)
    note = note_field("Note (the customer reads this; optional)")


class ResolveReturnForm(PanelForm):
    """Settle as a refund (the units' price by default, shipping optional), a remake, an exchange (the units count
    towards a configuration the customer chooses; the difference is paid or refunded then), or store credit."""

    id_prefix = "resolve"
    resolution = forms.ChoiceField(label="Settle as", widget=forms.RadioSelect, choices=[
        (Outcome.REFUND, "Refund to the card"), (Outcome.REMAKE, "Remake at no charge, ahead of the queue"),
        (Outcome.EXCHANGE, "Exchange: the customer chooses a new configuration (the difference is paid or "
                           "refunded then)"),
        (Outcome.CREDIT, "Store credit")])
    amount = forms.DecimalField(label="Amount (refund, credit, or what an exchange counts for)", required=False,
                                **MONEY)
    include_shipping = forms.BooleanField(label="Refund the shipping too", required=False)
    note = note_field("Note to the customer (optional)")
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, ret, measurements=(), **kwargs):
        """``measurements``: the item's measurements as ordered ([{code, label, value, unit}], from its work
        order's spec); a remake may change them (for a better fit)."""
        super().__init__(*args, **kwargs)
        self.ret = ret
        self.units_value = line_value(ret.line, ret.quantity)
        self.shipping = ret.order.shipping_incl_tax
        if ret.wanted in dict(self.fields["resolution"].choices):
            self.fields["resolution"].initial = ret.wanted
        self.fields["amount"].help_text = (f"Empty: what the {ret.quantity} unit{'s' if ret.quantity > 1 else ''} "
                                           f"cost the customer ({self.units_value} {ret.order.currency}), plus "
                                           "the shipping when it is refunded too.")
        self.ordered = {}
        for measurement in measurements:
            code, ordered = measurement["code"], Decimal(str(measurement["value"]))
            self.ordered[code] = ordered
            unit = f" ({measurement['unit']})" if measurement.get("unit") else ""
            self.fields[f"measure_{code}"] = forms.DecimalField(
                label=f"Remake to: {measurement['label']}{unit}", required=False, initial=ordered,
                help_text=f"Ordered: {ordered}{unit}. Change it to remake the item to a new measurement.")
        if self.ordered:
            order = list(self.fields)
            order.remove("note")
            self.order_fields([*order, "note"])

    def clean(self):
        data = super().clean()
        resolution = data.get("resolution")
        if data.get("include_shipping") and resolution and resolution != Outcome.REFUND:
            self.add_error("include_shipping", "Only a refund to the card can include the shipping.")
        if resolution == Outcome.REMAKE and data.get("amount"):
            self.add_error("amount", "A remake is made at no charge: leave the amount empty.")
        if resolution == Outcome.EXCHANGE and data.get("amount") and data["amount"] > self.units_value:
            self.add_error("amount", f"An exchange counts at most what the units cost the customer "
                                     f"({self.units_value} {self.ret.order.currency}); give more as goodwill.")
        if self.changed_measurements and resolution != Outcome.REMAKE:
            self.add_error(None, "Changed measurements are for a remake: put them back as ordered, or choose the "
                                 "remake.")
        return data

    @property
    def changed_measurements(self):
        """{code: new value} of the measurements changed for the remake (none: the same spec)."""
        data = getattr(self, "cleaned_data", {})
        return {code: data[f"measure_{code}"] for code, ordered in self.ordered.items()
                if data.get(f"measure_{code}") is not None and data[f"measure_{code}"] != ordered}

    @property
    def moves_money(self):
        return self.cleaned_data["resolution"] in (Outcome.REFUND, Outcome.CREDIT)

    @property
    def exact_amount(self):
        """What the refund or credit will be: the amount entered, else the units' price (+ shipping if ticked)."""
        data = self.cleaned_data
        if data.get("amount"):
            return data["amount"]
        return self.units_value + (self.shipping if data.get("include_shipping") else Decimal("0.00"))


class GoodwillForm(PanelForm):
    """A gesture on any request: store credit, a refund, the shipping refunded or a free remake of an item."""

    id_prefix = "goodwill"
    kind = forms.ChoiceField(label="Give", choices=GoodwillKind.choices)
    reason = forms.ChoiceField(label="Because of", choices=GoodwillReason.choices)
    amount = forms.DecimalField(label="Amount (credit or refund)", required=False, **MONEY,
                                help_text="The shipping refunded is the order's shipping charge; a free remake is "
                                          "valued at the price paid for one unit.")
    line = forms.TypedChoiceField(label="Which item (a remake needs one)", required=False, coerce=int,
                                  empty_value=None)
    note = forms.CharField(label="Why, in a sentence (internal: the goodwill ledger keeps it)", max_length=500)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, support_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.support_request = support_request
        order = support_request.order
        if order is None:
            self.fields["kind"].choices = [(GoodwillKind.CREDIT, GoodwillKind.CREDIT.label)]
            del self.fields["line"]
        else:
            self.lines = {line.pk: line for line in order.lines.all()}  # prefetched on the request screen
            self.fields["line"].choices = [("", "The request's item" if support_request.line_id else "—")] + [
                (pk, f"{line.quantity} × {line.title}") for pk, line in self.lines.items()]

    def clean_line(self):
        pk = self.cleaned_data.get("line")
        return self.lines[pk] if pk is not None else None

    def clean(self):
        data = super().clean()
        kind, order = data.get("kind"), self.support_request.order
        if kind in (GoodwillKind.CREDIT, GoodwillKind.REFUND) and not data.get("amount"):
            self.add_error("amount", "Enter the amount.")
        if kind in (GoodwillKind.SHIPPING, GoodwillKind.REMAKE) and data.get("amount"):
            self.add_error("amount", "Leave the amount empty: the shop values the shipping and a remake itself.")
        if kind == GoodwillKind.REMAKE and order is not None and not (data.get("line") or self.support_request.line):
            self.add_error("line", "Choose the item to remake.")
        if kind == GoodwillKind.SHIPPING and order is not None and order.shipping_incl_tax <= 0:
            self.add_error("kind", f"Order {order.number} had no shipping charge to refund.")
        return data

    @property
    def item(self):
        return self.cleaned_data.get("line") or self.support_request.line

    @property
    def exact_amount(self):
        """What the gesture is worth, as grant_goodwill will record it."""
        kind = self.cleaned_data["kind"]
        if kind == GoodwillKind.REMAKE:
            return line_value(self.item, 1)
        if kind == GoodwillKind.SHIPPING:
            return self.support_request.order.shipping_incl_tax
        return self.cleaned_data["amount"]


class DecideGoodwillForm(PanelForm):
    id_prefix = "decide"

    APPROVE, REFUSE = "approve", "refuse"

    decision = forms.ChoiceField(choices=[(APPROVE, "Approve"), (REFUSE, "Refuse")])
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
