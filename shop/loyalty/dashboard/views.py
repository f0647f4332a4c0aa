"""Staff pages of loyalty: the tiers (thresholds and perks) and one customer's standing, history and raise.

Mounted by the loyalty dashboard app (apps.py), whose permissions_map Oscar checks before these views run.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import ListView, UpdateView

from shop.loyalty.jobs import refresh_standings
from shop.loyalty.models import Standing, Tier, TierChange
from shop.loyalty.selectors import badge
from shop.loyalty.services import TierRefused, base_tier, raise_tier
from shop.outbox.services import dispatch_on_commit


class TierForm(forms.ModelForm):
    class Meta:
        model = Tier
        fields = ["name", "min_spend", "min_orders", "priority_handling", "express_production", "early_access"]

    def clean(self):
        data = super().clean()
        if self.instance.is_base:
            if data.get("min_spend") or data.get("min_orders"):
                self.add_error(None, f"{self.instance.name} is everybody's tier: it has no threshold.")
            return data
        if not data.get("min_spend") and not data.get("min_orders"):
            self.add_error(None, "Give a spend or a number of orders (or both) that reach this tier.")
        lower = Tier.objects.filter(rank__lt=self.instance.rank, rank__gt=0).order_by("-rank").first()
        higher = Tier.objects.filter(rank__gt=self.instance.rank).order_by("rank").first()
        for other, needs_more in ((lower, True), (higher, False)):
            if other is None:
                continue
            for field, label in (("min_spend", "spend"), ("min_orders", "number of orders")):
                mine, theirs = data.get(field) or 0, getattr(other, field) or 0
                if mine and theirs and (mine <= theirs if needs_more else mine >= theirs):
                    self.add_error(field, f"{other.name} needs a {label} of {theirs}: {self.instance.name} must "
                                          f"need {'more' if needs_more else 'less'}.")
        return data


class TierListView(ListView):
    model = Tier
    template_name = "loyalty/dashboard/tier_list.html"
    context_object_name = "tiers"


class TierUpdateView(UpdateView):
    model = Tier
    form_class = TierForm
    template_name = "loyalty/dashboard/tier_form.html"
    context_object_name = "tier"

    def form_valid(self, form):
        response = super().form_valid(form)
        dispatch_on_commit(refresh_standings)  # every customer's standing, with the new thresholds
        messages.success(self.request, f"{self.object.name} saved. Customers' tiers are worked out again now.")
        return response

    def get_success_url(self):
        return reverse("dashboard:loyalty-tier-list")


class RaiseForm(forms.Form):
    tier = forms.ModelChoiceField(queryset=Tier.objects.none(), label="Raise to")
    reason = forms.CharField(max_length=500, label="Why (kept in the customer's loyalty history)",
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, above, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = Tier.objects.filter(rank__gt=above.rank).order_by("rank")


def _standing(customer):
    """The customer's standing as last worked out (everybody's tier before their first paid order)."""
    return (Standing.objects.select_related("tier").filter(user=customer).first()
            or Standing(user=customer, tier=base_tier()))


def _customer_page(request, customer, form=None, status=200):
    standing = _standing(customer)
    may_raise = request.user.has_perm("loyalty.raise_tier")
    if may_raise and form is None:
        form = RaiseForm(above=standing.tier)
    return render(request, "loyalty/dashboard/customer.html", {
        "customer": customer, "standing": standing, "badge": badge(customer.pk),
        "history": TierChange.objects.filter(user=customer).select_related("from_tier", "to_tier", "by"),
        "raise_form": form if may_raise and form.fields["tier"].queryset.exists() else None,
    }, status=status)


def customer_loyalty(request, user_id):
    return _customer_page(request, get_object_or_404(get_user_model(), pk=user_id))


@require_POST
def raise_customer_tier(request, user_id):
    customer = get_object_or_404(get_user_model(), pk=user_id)
    form = RaiseForm(request.POST, above=_standing(customer).tier)
    if form.is_valid():
        try:
            raise_tier(customer, tier=form.cleaned_data["tier"], by=request.user, reason=form.cleaned_data["reason"])
        except TierRefused as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"{customer.get_full_name() or customer.email} is now "
                                      f"{form.cleaned_data['tier'].name}.")
            return redirect("dashboard:loyalty-customer", user_id=customer.pk)
    return _customer_page(request, customer, form=form, status=400)
