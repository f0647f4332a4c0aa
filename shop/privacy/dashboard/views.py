"""Staff: find a customer (or a guest) by e-mail, see which areas hold their data, and export it as the customer's
own "Download my data" gives it. Every export is in the staff access log the customer's export shows."""

from django import forms
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from shop.privacy.access import log_access
from shop.privacy.export import export_download
from shop.privacy.registry import holders
from shop.privacy.subjects import subject_for_email


class CustomerForm(forms.Form):
    email = forms.EmailField(label="The customer's e-mail address")


@require_GET
def privacy_requests(request):
    form = CustomerForm(request.GET or None)
    subject = subject_for_email(form.cleaned_data["email"]) if form.is_valid() else None
    return render(request, "privacy/dashboard/requests.html", {
        "form": form, "subject": subject, "holders": holders()})


@require_POST
def export_customer_data(request):
    form = CustomerForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/dashboard/requests.html", {"form": form, "subject": None,
                                                                   "holders": holders()}, status=400)
    subject = subject_for_email(form.cleaned_data["email"])
    response = export_download(subject, name=f"data-{slugify(subject.emails[0].replace('@', '-at-'))}")
    log_access(staff=request.user, subject=subject, what="Export of all personal data")
    return response
