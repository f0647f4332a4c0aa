"""My account → Loyalty: the customer's tier, what it gives, and what the next one (or keeping this one) takes."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shop.loyalty.selectors import loyalty_page


@login_required
@require_GET
def account_loyalty(request):
    return render(request, "loyalty/account.html", {"loyalty": loyalty_page(request.user), "active_tab": "loyalty",
                                                    "page_title": "Loyalty"})
