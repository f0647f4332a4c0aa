"""My account → Privacy: what we keep about the customer and "Download my data" (a ZIP of all of it)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from shop.privacy.export import export_zip
from shop.privacy.registry import Subject, holders


@login_required
@require_GET
def account_privacy(request):
    return render(request, "privacy/account.html", {"holders": holders(), "active_tab": "privacy",
                                                    "page_title": "Privacy"})


@login_required
@require_POST
def download_my_data(request):
    data = export_zip(Subject.of(user=request.user))
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="atelier-my-data-{timezone.localdate():%Y-%m-%d}.zip"'
    response["Cache-Control"] = "no-store"
    return response
