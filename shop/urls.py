from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import include, path, re_path
from oscar.core.loading import get_class
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from configurator.account import with_our_reorder
from shop.accounts import QuietRegistrationView, ThrottledAccountAuthView, activate_account, password_reset
from shop.health import healthz


def hidden_wishlists(request, *args, **kwargs):
    raise Http404("Wishlists are not part of this store.")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/", include("configurator.urls")),
    path("shop/", include("configurator.demand.urls", namespace="demand")),
    path("shop/", include("support.urls", namespace="support")),
    path("shop/payments/", include("shop.payments.urls")),
    path("shop/", include("shop.invoices.urls", namespace="invoices")),
    path("shop/", include("shop.loyalty.urls", namespace="loyalty")),
    path("shop/", include("shop.privacy.urls", namespace="privacy")),
    # Oscar hides its wishlists (OSCAR_HIDDEN_FEATURES) from pages, not from its URLs: switch those off too
    *([re_path(r"^shop/accounts/wishlists/", hidden_wishlists)] if "wishlists" in settings.OSCAR_HIDDEN_FEATURES
      else []),
    # Oscar's sign-in, registration and password reset, throttled and silent about who has an account
    path("shop/accounts/login/", ThrottledAccountAuthView.as_view()),
    path("shop/accounts/register/", QuietRegistrationView.as_view()),
    path("shop/accounts/activate/<uidb64>/<token>/", activate_account, name="account-activate"),
    path("shop/password-reset/", password_reset),
    # Oscar's order pages, with its "Re-order" posts answered by the configurator (configured lines quoted again)
    path("shop/accounts/orders/<str:order_number>/",
         with_our_reorder(login_required(get_class("customer.views", "OrderDetailView").as_view()))),
    path("shop/accounts/orders/<str:order_number>/<int:line_id>/",
         with_our_reorder(login_required(get_class("customer.views", "OrderLineView").as_view()))),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves everything else: home, content pages and the help centre.
urlpatterns += [path("", include(wagtail_urls))]
