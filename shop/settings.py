"""Settings of the Atelier store, read from the environment (django-environ).

With no environment at all the store runs as the embedded default: SQLite in
``data/``, DEBUG on, e-mail printed to the console, Celery tasks run eagerly.

Environment variables (all optional in development):

- ``DEBUG``: ``off`` for production. Then ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``STRIPE_WEBHOOK_SECRET`` and
  ``SUPPORT_INBOUND_EMAIL_SECRET`` are required and the site refuses to start without them. With DEBUG on,
  missing secrets are generated once per install into ``DATA_DIR/secrets.json``.
- ``DATABASE_URL``: e.g. ``postgres://postgres@127.0.0.1:5432/atelier``.
- ``REDIS_URL``: e.g. ``redis://127.0.0.1:6379/0``; turns on the Redis cache
  and the Celery broker.
- ``AWS_STORAGE_BUCKET_NAME`` (with ``AWS_S3_ENDPOINT_URL``, ``AWS_S3_REGION_NAME``, ``AWS_ACCESS_KEY_ID``,
  ``AWS_SECRET_ACCESS_KEY``, ``AWS_S3_CUSTOM_DOMAIN``): uploaded media on S3 or an S3-compatible store.
- ``STATIC_ROOT``: where ``collectstatic`` puts the static files (default ``DATA_DIR/staticfiles``).
- ``EMAIL_URL``: e.g. ``smtp+tls://user:pass@mail.example.com:587``.
- ``ATELIER_DATA_DIR``: where SQLite, uploaded media and the search index live.
- ``STRIPE_SECRET_KEY``, ``STRIPE_PUBLISHABLE_KEY``, ``STRIPE_WEBHOOK_SECRET``: real Stripe. Without them
  the store uses localstripe on 127.0.0.1:8420 (``STRIPE_API_BASE``), which ``make run`` starts.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import environ
from celery.schedules import crontab
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  Oscar's documented way to load its defaults

from shop.install_secrets import install_secret  # imports nothing from Django

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
DEBUG = env.bool("DEBUG", default=True)

DATA_DIR = Path(env.str("ATELIER_DATA_DIR", default=str(BASE_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

# --- Secrets and hosts: refuse to start in production without them ---------
# With DEBUG on, a secret missing from the environment is this install's own, generated on first use into
# DATA_DIR/secrets.json (mode 0600); never a published constant. With DEBUG off each one must be set.

def secret_setting(name):
    value = env.str(name, default="")
    if value:
        return value
    if not DEBUG:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
    return install_secret(DATA_DIR, name)


SECRET_KEY = secret_setting("SECRET_KEY")
if DEBUG:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
else:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

# --- Applications ------------------------------------------------------------
INSTALLED_APPS = [
    "shop.admin_config.AtelierAdminConfig",  # Django admin: administrators, and each role only in its own apps
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    # Oscar
    "oscar.config.Shop",
    "shop.analytics.apps.AnalyticsConfig",  # Oscar's, with counters safe under parallel first counts
    "shop.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.apps.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.apps.partner.apps.PartnerConfig",
    "shop.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "shop.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.apps.dashboard.apps.DashboardConfig",  # Oscar's, with the store's staff areas mounted beside its own
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",  # before wagtail.search: both ship an update_index command
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Atelier
    "shop.cms",
    "shop.demo",
    "configurator",
    "configurator.production",
    "configurator.demand",
    "shop.payments",
    "shop.invoices",
    "shop.outbox",
    "shop.loyalty",
    "shop.privacy",
    "support",
    "support.returns",
    # the staff areas: Oscar dashboard apps, mounted by shop.apps.dashboard (shop/staff.py)
    "configurator.dashboard.apps.ConfiguratorDashboardConfig",
    "configurator.production.dashboard.apps.ProductionDashboardConfig",
    "configurator.demand.dashboard.apps.DemandDashboardConfig",
    "shop.payments.dashboard.apps.PaymentsDashboardConfig",
    "shop.invoices.dashboard.apps.InvoicesDashboardConfig",
    "support.dashboard.apps.SupportDashboardConfig",
    "shop.loyalty.dashboard.apps.LoyaltyDashboardConfig",
    "shop.privacy.dashboard.apps.PrivacyDashboardConfig",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shop.csp.StoreCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shop.middleware.StaffAreaMiddleware",
    "shop.middleware.DashboardModelPermissionMiddleware",
    "shop.privacy.access.StaffAccessLogMiddleware",  # staff opening a customer's data: who, whose, what, when
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "shop.request_guards.RefuseNulMiddleware",  # a %00 in the address: 400, never a database error
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.context_processors.site_chrome",
            ],
            "builtins": ["shop.dates"],  # the site's one long date: {{ day|long_date }}
        },
    },
]

# --- Database, cache, e-mail -------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite behind a web server: readers never wait for the writer (WAL), a writer waits its turn for up to
    # 20 s (`timeout`, SQLite's busy timeout) instead of failing with "database is locked", and every transaction
    # takes the write lock when it starts (IMMEDIATE), so two requests never both read, then both try to write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # The test database is a file too, so tests can serve the store to several threads at once.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # A Redis that stops answering costs one short timeout, then pages carry on with a memory cache (shop/cache.py).
    CACHES = {"default": {"BACKEND": "shop.cache.ResilientRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
else:
    # One process (runserver) in the embedded default; with DEBUG off, `check --deploy` asks for REDIS_URL so that
    # throttles count across processes (shop/checks.py).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    # Several app servers share sessions through Redis; cached_db also writes each session to the database, so
    # Redis evicting a key, restarting empty or being unreachable (the memory fallback above) signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Atelier <hello@atelier.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery: eager without Redis, Redis workers with it ----------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
# An unreachable broker is given up quickly; the task then waits in the outbox (shop/outbox) for drain_outbox.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}

# --- Authentication ----------------------------------------------------------
AUTHENTICATION_BACKENDS = (
    "shop.login_throttle.LoginThrottleBackend",  # first: refuses every sign-in while paused (shop/login_throttle.py)
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "customer:summary"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files and media ---------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "staticfiles")))  # filled by collectstatic
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded media (product and CMS images, documents, thumbnails) on S3 or an S3-compatible store (MinIO, R2, ...)
# when AWS_STORAGE_BUCKET_NAME is set, so every app server sees the same files; else in MEDIA_ROOT on this machine.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    media_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,  # empty: Amazon S3 itself
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,  # empty: boto3 finds them (IAM role, ...)
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,  # a CDN in front of the bucket
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),  # public-read media: plain URLs
        "file_overwrite": False,
    }}
else:
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": media_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Search: Whoosh index for the catalogue, Wagtail's database backend ------
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(DATA_DIR / "whoosh_index"),
        "INCLUDE_SPELLING": False,
    },
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Oscar --------------------------------------------------------------------
OSCAR_SHOP_NAME = "Atelier"
OSCAR_SHOP_TAGLINE = "Made to order, made for you"
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_HIDDEN_FEATURES = ["reviews", "wishlists"]
# the most of one item (one configuration, or one stock product) a basket line may hold; more is refused with a message
ATELIER_MAX_LINE_QUANTITY = env.int("ATELIER_MAX_LINE_QUANTITY", default=10)
HIDDEN_DASHBOARD_VIEWS = {"dashboard:page-list", "dashboard:reviews-list"}
# Whoosh facets on analysed text split "Made-to-order product" into words and cannot facet by query
# (price ranges): shoppers browse by category instead.
OSCAR_SEARCH_FACETS = {"fields": {}, "queries": {}}
# Every price includes Belgian VAT at this rate, in percent (shop/apps/partner/tax.py); offers and vouchers take off
# what they say from the price with VAT.
VAT_RATE = Decimal(env.str("VAT_RATE", default="21"))
OSCAR_OFFERS_INCL_TAX = True
# The seller named on invoices (shop/invoices): name, address lines, VAT number, and where customers write to.
INVOICE_SELLER = {
    "name": env.str("INVOICE_SELLER_NAME", default="Atelier BV"),
    "address": env.list("INVOICE_SELLER_ADDRESS", default=["Lijnwaadkaai 27", "9000 Gent", "Belgium"]),
    "vat_number": env.str("INVOICE_SELLER_VAT_NUMBER", default="BE0123.456.749"),
    "email": env.str("INVOICE_SELLER_EMAIL", default="hello@atelier.example"),
}
INVOICE_NUMBER_PREFIX = env.str("INVOICE_NUMBER_PREFIX", default="INV-")
OSCAR_INITIAL_ORDER_STATUS = "Pending"
OSCAR_INITIAL_LINE_STATUS = "Pending"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending": ("Paid", "Cancelled"),
    "Paid": ("In production", "Cancelled"),
    "In production": ("Quality check", "Cancelled"),
    "Quality check": ("In production", "Ready to ship"),
    "Ready to ship": ("Shipped",),
    "Shipped": ("Delivered",),
    "Delivered": (),
    "Cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = {
    "Paid": "Paid",
    "In production": "In production",
    "Quality check": "Quality check",
    "Ready to ship": "Ready to ship",
    "Shipped": "Shipped",
    "Delivered": "Delivered",
    "Cancelled": "Cancelled",
}
# sorl-thumbnail keeps its key-value store in the database, cached in the default cache (Redis when configured).
# Content lives in Wagtail and reviews are switched off: their dashboard entries would lead nowhere.
OSCAR_DASHBOARD_NAVIGATION = [
    {**section, "children": [c for c in section["children"] if c.get("url_name") not in HIDDEN_DASHBOARD_VIEWS]}
    if "children" in section else section
    for section in OSCAR_DASHBOARD_NAVIGATION  # noqa: F405  (from oscar.defaults)
]
# The store's staff areas carry no access_fn: Oscar's default one shows an entry to the users who pass the
# permissions_map of the dashboard app serving its URL (shop/staff.py), the same check as the page itself.
OSCAR_DASHBOARD_NAVIGATION.append({
    "label": _("Feature models"), "icon": "fas fa-sliders-h", "url_name": "dashboard:feature-model-list",
})
OSCAR_DASHBOARD_NAVIGATION.append({
    "label": _("Demand"), "icon": "fas fa-chart-line", "url_name": "dashboard:demand-overview",
})
for section in OSCAR_DASHBOARD_NAVIGATION:  # Fulfilment, the section holding Oscar's orders
    if any(child.get("url_name") == "dashboard:order-list" for child in section.get("children", ())):
        section["children"].insert(1, {"label": _("Payments"), "url_name": "dashboard:payment-list"})
        section["children"].insert(2, {"label": _("Production queue"), "url_name": "dashboard:production-queue"})
        section["children"].insert(3, {"label": _("Workshop capacity"), "url_name": "dashboard:production-workshop"})
for section in OSCAR_DASHBOARD_NAVIGATION:  # Customers, the section holding Oscar's customer list
    if any(child.get("url_name") == "dashboard:users-index" for child in section.get("children", ())):
        section["children"].append({"label": _("Loyalty tiers"), "url_name": "dashboard:loyalty-tier-list"})
        section["children"].append({"label": _("Personal data"), "url_name": "dashboard:privacy-requests"})
OSCAR_DASHBOARD_NAVIGATION.append({
    "label": _("Support"), "icon": "fas fa-life-ring", "children": [
        {"label": _("Inbox"), "url_name": "dashboard:support-inbox"},
        {"label": _("Log a call, visit or letter"), "url_name": "dashboard:support-log"},
        {"label": _("Returns"), "url_name": "dashboard:support-return-list"},
        {"label": _("Goodwill awaiting approval"), "url_name": "dashboard:support-goodwill-list"},
        {"label": _("Macros"), "url_name": "dashboard:support-macro-list"},
        {"label": _("Reports"), "url_name": "dashboard:support-reports"},
    ],
})
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# --- Stripe: real keys from the environment, or localstripe on loopback ----------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
if STRIPE_SECRET_KEY:
    if not (STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET):
        raise ImproperlyConfigured("With STRIPE_SECRET_KEY set, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET "
                                   "are required too.")
    STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # empty: Stripe's own API
    STRIPE_JS_URL = "https://js.stripe.com/v3/"
else:
    STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="http://127.0.0.1:8420")
    STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY = "sk_test_localstripe", "pk_test_localstripe"
    # localstripe sends no webhook unless one is registered with it; a test or developer who registers one
    # signs with this install's secret (`manage.py shell -c "...settings.STRIPE_WEBHOOK_SECRET"`).
    STRIPE_WEBHOOK_SECRET = secret_setting("STRIPE_WEBHOOK_SECRET")
    STRIPE_JS_URL = STRIPE_API_BASE + "/js.stripe.com/v3/"
STRIPE_TIMEOUT_SECONDS = env.float("STRIPE_TIMEOUT_SECONDS", default=10.0)  # per call to Stripe's API
STRIPE_MAX_NETWORK_RETRIES = 1  # a call that timed out or lost its connection is tried once more, then given up
STRIPE_WEBHOOK_TOLERANCE = 300  # seconds: older signatures are refused as replays
STRIPE_ABANDONED_PAYMENT_MINUTES = 60  # a payment left waiting (3-D Secure) this long is cancelled
CELERY_BEAT_SCHEDULE = {
    "release-abandoned-payments": {"task": "shop.payments.jobs.release_abandoned_payments", "schedule": 600.0},
    # tasks that could not reach the broker (Redis down) are sent once it answers again
    "drain-outbox": {"task": "shop.outbox.tasks.drain_outbox", "schedule": 60.0},
    # refunds whose answer from Stripe was lost are asked again with their own idempotency key
    "retry-pending-refunds": {"task": "shop.payments.jobs.retry_pending_refunds", "schedule": 300.0},
    # every morning the dates move on by a day: place the queue again and tell customers whose order slipped
    "reschedule-production": {"task": "configurator.production.jobs.reschedule_production",
                              "schedule": crontab(hour=5, minute=30)},
    # hourly outside the workshop's working hours: customers whose ship date moved since we last told them get one
    # e-mail (the first run after closing tells the day's moves; a move undone before then sends nothing)
    "announce-ship-dates": {"task": "configurator.production.jobs.announce_moved_ship_dates",
                            "schedule": crontab(minute=5)},
    # flag requests past their service-level due dates; close requests resolved a week ago
    "support-service-levels": {"task": "support.jobs.mark_service_level_breaches", "schedule": 300.0},
    # every night: orders leave the 12-month window and held loyalty tiers come up for renewal
    "loyalty-standings": {"task": "shop.loyalty.jobs.refresh_standings", "schedule": crontab(hour=4, minute=0)},
    # a year after a customer's first order (and every year since): thanks, with an offer
    "loyalty-anniversaries": {"task": "shop.loyalty.jobs.thank_anniversaries", "schedule": crontab(hour=9, minute=0)},
    # customers' erasures whose grace period is over
    "privacy-erasures": {"task": "shop.privacy.jobs.carry_out_erasures", "schedule": crontab(hour=3, minute=0)},
    # guests' data and closed conversations past retention (PRIVACY_RETENTION_DAYS)
    "privacy-retention": {"task": "shop.privacy.jobs.apply_retention_rules", "schedule": crontab(hour=3, minute=30)},
    # new demand facts and configurator events added to the daily rollups the Demand reports read
    "demand-rollups": {"task": "configurator.demand.jobs.refresh_demand_rollups", "schedule": 300.0},
}

# --- Configurator -----------------------------------------------------------------------
CONFIGURATOR_QUOTE_DAYS = 30  # how long a saved configuration's price holds
# demand analytics: configurator events are kept this long once counted; a session idle this long is over
DEMAND_EVENT_DAYS = env.int("DEMAND_EVENT_DAYS", default=30)
DEMAND_SESSION_IDLE_MINUTES = env.int("DEMAND_SESSION_IDLE_MINUTES", default=120)
PRODUCTION_SHIP_AFTER_DAYS = env.int("PRODUCTION_SHIP_AFTER_DAYS", default=1)  # a finished unit ships the next day
# the workshop's working hours (HH:MM, the store's TIME_ZONE): a unit paid at 16:53 has only what is left of today
PRODUCTION_WORKDAY_START = datetime.time.fromisoformat(env.str("PRODUCTION_WORKDAY_START", default="08:00"))
PRODUCTION_WORKDAY_END = datetime.time.fromisoformat(env.str("PRODUCTION_WORKDAY_END", default="17:00"))
if PRODUCTION_WORKDAY_END <= PRODUCTION_WORKDAY_START:
    raise ImproperlyConfigured("PRODUCTION_WORKDAY_END must come after PRODUCTION_WORKDAY_START.")

# --- Support desk --------------------------------------------------------------------------
SUPPORT_EMAIL_ADDRESS = env.str("SUPPORT_EMAIL_ADDRESS", default="help@atelier.example")  # replies: help+<code>@
SUPPORT_FROM_EMAIL = env.str("SUPPORT_FROM_EMAIL", default=f"Atelier support <{SUPPORT_EMAIL_ADDRESS}>")
SUPPORT_INBOUND_EMAIL_SECRET = secret_setting("SUPPORT_INBOUND_EMAIL_SECRET")  # the inbound endpoint's bearer token
# authserv-id of our mail relay's Authentication-Results header; empty: no inbound sender counts as verified
SUPPORT_INBOUND_AUTHSERV_ID = env.str("SUPPORT_INBOUND_AUTHSERV_ID", default="")
SUPPORT_ATTACHMENT_ROOT = Path(env.str("SUPPORT_ATTACHMENT_ROOT", default=str(DATA_DIR / "support-attachments")))
SUPPORT_TIME_ZONE = env.str("SUPPORT_TIME_ZONE", default="Europe/Brussels")  # the desk's business hours are local
SUPPORT_SLA_WARNING_MINUTES = 60  # the inbox warns this long (wall clock) before a due date
SUPPORT_CLOSE_RESOLVED_AFTER_DAYS = 7
SUPPORT_ANONYMOUS_RATE = "5/h"  # new requests per IP address without an account (shop/throttles.py)

# --- Returns, remakes and goodwill ------------------------------------------------------------
# The return window counts from delivery (configurator/return_policy.py); it may not be shorter than the 14-day
# legal withdrawal period. Delivery is taken as this many days after the parcel left, unless a "Delivered"
# shipping event says otherwise.
RETURN_WINDOW_DAYS = env.int("RETURN_WINDOW_DAYS", default=30)
if RETURN_WINDOW_DAYS < 14:
    raise ImproperlyConfigured(f"RETURN_WINDOW_DAYS is {RETURN_WINDOW_DAYS}: a return window may not be shorter than "
                               "the 14-day legal withdrawal period.")
RETURN_DELIVERY_DAYS = env.int("RETURN_DELIVERY_DAYS", default=3)
RETURN_ADDRESS = env.str("RETURN_ADDRESS",
                         default="Atelier returns, Loods 4, Lijnwaadkaai 27, 9000 Gent, Belgium")
# Goodwill (credit, refunds and remakes made as amends) an agent may grant on one request without a lead's
# approval, in the store's currency; support leads (permission support.approve_goodwill) have no limit.
GOODWILL_AGENT_LIMIT = Decimal(env.str("GOODWILL_AGENT_LIMIT", default="50.00"))
STORE_CREDIT_VALID_DAYS = env.int("STORE_CREDIT_VALID_DAYS", default=365)
# An exchange (a return settled as credit towards a new configuration) waits this long for the customer's choice.
EXCHANGE_VALID_DAYS = env.int("EXCHANGE_VALID_DAYS", default=60)

# --- Loyalty -----------------------------------------------------------------------------
# the thank-you a year after a customer's first order carries a single-use code of this many percent off
LOYALTY_ANNIVERSARY_PERCENT = env.int("LOYALTY_ANNIVERSARY_PERCENT", default=10)
LOYALTY_ANNIVERSARY_VALID_DAYS = env.int("LOYALTY_ANNIVERSARY_VALID_DAYS", default=60)

# --- Privacy -----------------------------------------------------------------------------
# a customer's erasure happens this long after they ask (they can cancel until then)
PRIVACY_ERASURE_GRACE_DAYS = env.int("PRIVACY_ERASURE_GRACE_DAYS", default=14)
# guests' data and closed support conversations are anonymised this long after the last order or message
PRIVACY_RETENTION_DAYS = env.int("PRIVACY_RETENTION_DAYS", default=3 * 365)

# --- Wagtail ------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Atelier"
WAGTAILADMIN_BASE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # staff avatars are never fetched from (or leak e-mail hashes to) gravatar.com
WAGTAILADMIN_LOGIN_URL = "/shop/accounts/login/"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security: secure defaults whenever DEBUG is off --------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "shop.csrf.csrf_failure"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views same-origin
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

# --- Content-Security-Policy (django-csp; Stripe's origins and the dashboard's allowances: shop/csp.py) -----
# No inline script anywhere: pages script from static files only; Oscar's dashboard scripts run under a nonce.
# Wagtail's admin (/cms/) and Django's admin run inline scripts and styles of their own that cannot be moved:
# they are left out of the policy (staff only, behind their own login; they render no preview SVG).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/cms/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# With DEBUG on (make run), an error still shows the branded page, never a traceback: shop/errors.py.
if DEBUG and not env.bool("SHOW_TRACEBACKS", default=False):
    DEFAULT_EXCEPTION_REPORTER = "shop.errors.BrandedExceptionReporter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
