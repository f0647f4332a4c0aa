"""My account → Privacy: what we keep about the customer, "Download my data" (a ZIP of all of it), and "Erase my
account" (with their password; it happens after a grace period they can cancel in)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from shop.dates import long_date
from shop.privacy.erasure import ErasureRefused, cancel_erasure, pending_erasure, request_erasure
from shop.privacy.export import export_download
from shop.privacy.registry import Subject, holders


class EraseForm(forms.Form):
    password = forms.CharField(label="Your password", widget=forms.PasswordInput(attrs={"autocomplete":
                                                                                       "current-password"}))


def _page(request, form=None, status=200):
    return render(request, "privacy/account.html", {
        "holders": holders(), "active_tab": "privacy", "page_title": "Privacy",
        "erasure": pending_erasure(request.user), "erase_form": form or EraseForm(),
        "grace_days": settings.PRIVACY_ERASURE_GRACE_DAYS}, status=status)


@login_required
@require_GET
def account_privacy(request):
    return _page(request)


@login_required
@require_POST
def erase_my_account(request):
    form = EraseForm(request.POST)
    if form.is_valid():
        try:
            erasure = request_erasure(request.user, password=form.cleaned_data["password"])
        except ErasureRefused as refused:
            form.add_error("password", refused)
        else:
            messages.success(request, f"Your account will be erased on {long_date(erasure.due_at)}. We have e-mailed "
                                      "you; until then you can cancel here.")
            return redirect("privacy:account")
    return _page(request, form, status=400)


@login_required
@require_POST
def cancel_my_erasure(request):
    if cancel_erasure(request.user):
        messages.success(request, "Cancelled: your account stays as it is.")
    return redirect("privacy:account")


@login_required
@require_POST
def download_my_data(request):
    return export_download(Subject.of(user=request.user), name="my-data")
