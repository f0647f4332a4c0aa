"""The filters every Demand report is cut by: a date range, one product, and optionally a model version, a
channel and a customer tier. Read from the page's query string by ``DemandFilterForm``; bad values get the form's
errors and the reports fall back to the defaults (the last 12 weeks of the first product)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone

from configurator.demand.models import Channel
from configurator.models import ConfigurableProduct
from shop.loyalty.models import Tier

DEFAULT_WEEKS = 12
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class DemandFilters:
    configurable: object  # ConfigurableProduct
    start: date
    end: date  # inclusive
    version: int | None = None
    channel: str = ""
    tier: str = ""

    def cut(self, *, dated="day", versioned=True, segmented=True):
        """ORM filter keywords for a rollup or fact table (``dated``: the name of its day field)."""
        where = {"configurable_id": self.configurable.pk, f"{dated}__gte": self.start, f"{dated}__lte": self.end}
        if versioned and self.version:
            where["version"] = self.version
        if segmented and self.channel:
            where["channel"] = self.channel
        if segmented and self.tier:
            where["tier"] = self.tier
        return where

    @property
    def segmented(self):
        """Whether a channel or tier is chosen (the anonymous session reports cannot be cut by them)."""
        return bool(self.channel or self.tier)

    def query(self, **changes):
        """The query string of these filters (with ``changes``), for links and CSV downloads."""
        values = {"product": self.configurable.pk, "start": self.start.isoformat(), "end": self.end.isoformat(),
                  "version": self.version or "", "channel": self.channel, "tier": self.tier, **changes}
        return "&".join(f"{key}={value}" for key, value in values.items() if value not in ("", None))


class DemandFilterForm(forms.Form):
    product = forms.ModelChoiceField(queryset=ConfigurableProduct.objects.select_related("product"), required=False,
                                     empty_label=None)
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.IntegerField(required=False, min_value=1, label="Model version")
    channel = forms.ChoiceField(required=False, choices=[("", "All channels"), *Channel.choices])
    tier = forms.ChoiceField(required=False, label="Customer tier")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        tiers = Tier.objects.order_by("rank").values_list("name", flat=True)
        self.fields["tier"].choices = [("", "All tiers"), *((name, name) for name in tiers)]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end of the range is before its start.")
        elif start and end and (end - start).days > MAX_DAYS:
            self.add_error("start", "Choose at most three years at a time.")
        return data

    def filters(self):
        """The filters asked for, with defaults for what is missing or wrong; None when no product is configurable."""
        data = self.cleaned_data if self.is_valid() else {}
        configurable = data.get("product") or self.fields["product"].queryset.order_by("product__title").first()
        if configurable is None:
            return None
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
        return DemandFilters(configurable=configurable, start=start, end=end, version=data.get("version"),
                             channel=data.get("channel") or "", tier=data.get("tier") or "")
