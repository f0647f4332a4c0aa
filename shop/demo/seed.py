"""Seeds the demo store. Every step creates what is missing and leaves what exists alone.

So running it twice changes nothing, and content a merchandiser has since edited
in the dashboard or the CMS is never overwritten.
"""

from pathlib import Path
from typing import Annotated, Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sites.models import Site as DjangoSite
from django.core.files import File
from django.db import transaction
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from pydantic import Field
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Locale, Page, Site

from configurator.basket_lines import configuration_option
from configurator.models import ConfigurableProduct
from configurator.production.models import NonWorkingDay, RoutingStep, Workstation
from configurator.services import publish_model, replace_draft
from shop import roles
from shop.cms.models import (
    ContentPage,
    HelpArticlePage,
    HelpCentrePage,
    HomeFeaturedProduct,
    HomePage,
    LegalPage,
    LocationPage,
    OpeningHours,
    TermsOfSalePage,
)
from shop.demo.copy import demo_copy
from shop.demo.datafile import DATA_DIR, Data, DemoCopyError, describe, read
from shop.demo.feature_models import FEATURE_MODELS
from shop.demo.production import WORKSHOP
from shop.demo.support import seed_support_desk
from shop.loyalty.services import ensure_tiers

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
WagtailImage = get_image_model()

ARTWORK_DIR = Path(settings.BASE_DIR) / "static" / "img" / "demo"

Name = Annotated[str, Field(min_length=1)]


class DemoUser(Data):
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")]
    password: Name
    first_name: Name
    last_name: Name
    role: Literal[tuple(roles.ROLE_PERMISSIONS)] | None = None
    staff: bool = False
    superuser: bool = False


class DemoUsers(Data):
    users: list[DemoUser] = Field(min_length=1)


def load_demo_users(data_dir=DATA_DIR):
    return read(data_dir / "users.toml", DemoUsers).users


# Demo logins (data/users.toml), printed by `make run`. Never use these outside a demo.
DEMO_USERS = load_demo_users()


@transaction.atomic
def seed_demo(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    # every data file is read and checked before anything is written (the others when their modules were imported)
    check_feature_models(demo_copy())
    DjangoSite.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": "127.0.0.1:8000", "name": "Atelier"})
    groups = roles.ensure_role_groups()
    seed_users(groups)
    say("Users and staff roles ready.")
    seed_shipping_countries()
    products = seed_catalogue()
    say(f"Catalogue ready: {Product.objects.count()} products.")
    versions = seed_feature_models(products)
    say(f"Feature models ready: {versions} products can be configured.")
    seed_workshop()
    say(f"Workshop ready: {Workstation.objects.count()} workstations, {RoutingStep.objects.count()} routing steps.")
    seed_support_desk()
    say("Support desk ready: queues, routing rules, service levels and macros.")
    ensure_tiers()
    say("Loyalty tiers ready.")
    home = seed_pages(products)
    grant_page_permissions(groups, home)
    say(f"Content ready: {Page.objects.live().count()} live pages.")


def check_feature_models(copy):
    """Every made-to-order product of the catalogue has its feature model file."""
    for index, product in enumerate(copy.catalogue.products):
        if product.upc not in FEATURE_MODELS:
            raise DemoCopyError(f"{describe(DATA_DIR / 'catalogue.toml')}: products[{index}]: no feature model "
                                f"{describe(DATA_DIR / 'feature_models' / (product.upc + '.json'))}")


def seed_users(groups):
    User = get_user_model()
    for spec in DEMO_USERS:
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            user = User(
                username=spec.email.split("@")[0], email=spec.email, first_name=spec.first_name,
                last_name=spec.last_name, is_staff=spec.staff, is_superuser=spec.superuser,
            )
            user.set_password(spec.password)
            user.save()
        if spec.role:
            user.groups.add(groups[spec.role])


def seed_shipping_countries():
    """The countries we ship to (help centre: every EU country, the UK, Switzerland and Norway)."""
    Country = get_model("address", "Country")
    countries = demo_copy().shipping.countries
    for position, country in enumerate(countries):
        Country.objects.get_or_create(iso_3166_1_a2=country.alpha2, defaults={
            "iso_3166_1_a3": country.alpha3, "iso_3166_1_numeric": country.numeric, "printable_name": country.name,
            "name": country.name, "display_order": len(countries) - position, "is_shipping_country": True})


def seed_catalogue():
    partner, _ = Partner.objects.get_or_create(code="atelier-workshop", defaults={"name": "Atelier Workshop"})
    made_to_order, _ = ProductClass.objects.get_or_create(
        slug="made-to-order",
        defaults={"name": "Made-to-order product", "requires_shipping": True, "track_stock": False},
    )
    accessory, _ = ProductClass.objects.get_or_create(
        slug="accessory", defaults={"name": "Accessory", "requires_shipping": True, "track_stock": True}
    )
    catalogue = demo_copy().catalogue
    categories = {name: create_from_breadcrumbs(name) for name in catalogue.categories}
    products = {}
    for spec in catalogue.products:
        products[spec.key] = ensure_product(spec, made_to_order, categories, partner, stock=None)
    for spec in catalogue.accessories:
        products[spec.key] = ensure_product(spec, accessory, categories, partner, stock=spec.stock)
    return products


def ensure_product(spec, product_class, categories, partner, stock):
    product = Product.objects.filter(upc=spec.upc).first()
    if product is None:
        product = Product.objects.create(
            upc=spec.upc, title=spec.title, description=spec.description,
            product_class=product_class, structure=Product.STANDALONE, is_public=True,
        )
    ProductCategory.objects.get_or_create(product=product, category=categories[spec.category])
    if not product.images.exists():
        with open(ARTWORK_DIR / spec.image, "rb") as handle:
            image = ProductImage(product=product, caption=spec.title, display_order=0)
            image.original.save(spec.image, File(handle), save=False)
            image.save()
    StockRecord.objects.get_or_create(
        product=product, partner=partner,
        defaults={
            "partner_sku": spec.upc, "price": spec.price,
            "price_currency": settings.OSCAR_DEFAULT_CURRENCY, "num_in_stock": stock,
        },
    )
    return product


def seed_feature_models(products):
    """Publish each made-to-order product's demo feature model, once: later edits belong to merchandisers."""
    configuration_option()
    for spec in demo_copy().catalogue.products:
        configurable, _ = ConfigurableProduct.objects.get_or_create(product=products[spec.key])
        if not configurable.versions.exists():
            replace_draft(configurable=configurable, definition=FEATURE_MODELS[spec.upc])
            publish_model(configurable=configurable)
    return ConfigurableProduct.objects.filter(versions__is_current=True).distinct().count()


def seed_workshop():
    """Workstations, closures and routings; a product's routing only when it has none (planners own it)."""
    CommunicationEventType = get_model("communication", "CommunicationEventType")
    for email in WORKSHOP.order_emails:  # listed in Communications, and recorded on each order
        CommunicationEventType.objects.get_or_create(code=email.code, defaults={
            "name": email.name, "category": CommunicationEventType.ORDER_RELATED})
    stations = {}
    for position, station in enumerate(WORKSHOP.workstations):
        stations[station.code], _ = Workstation.objects.get_or_create(code=station.code, defaults={
            "name": station.name, "daily_capacity_minutes": station.minutes_per_day,
            "working_weekdays": station.working_weekdays, "position": position})
    for closure in WORKSHOP.closures:
        NonWorkingDay.objects.get_or_create(date=closure.date, workstation=stations.get(closure.workstation),
                                            defaults={"reason": closure.reason})
    for spec in demo_copy().catalogue.products:
        steps = WORKSHOP.routings.get(spec.upc)
        configurable = ConfigurableProduct.objects.filter(product__upc=spec.upc).first()
        if not steps or configurable is None or configurable.routing_steps.exists():
            continue
        RoutingStep.objects.bulk_create(
            RoutingStep(configurable=configurable, position=position, operation=step.operation, name=step.name,
                        workstation=stations[step.workstation], minutes=step.minutes, when_option=step.when,
                        is_quality_check=step.quality_check)
            for position, step in enumerate(steps)
        )


def demo_image(title, filename):
    image = WagtailImage.objects.filter(title=title).first()
    if image is None:
        with open(ARTWORK_DIR / filename, "rb") as handle:
            image = WagtailImage(title=title, collection=Collection.get_first_root_node())
            image.file.save(filename, File(handle), save=False)
            image.save()
    return image


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def wagtail_roots():
    """Wagtail's root page and root collection (its migrations make them; a flushed database has none)."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code=get_supported_content_language_variant(
            settings.LANGUAGE_CODE))
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def seed_pages(products):
    copy = demo_copy()
    root = wagtail_roots()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migration creates a "Welcome" page with the slug we need: the home page replaces it.
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        spec = copy.home
        home = publish(root, HomePage(
            title=spec.title, slug="home", hero_title=spec.hero_title, hero_text=spec.hero_text,
            hero_cta_label=spec.hero_cta_label, hero_image=demo_image("Atelier hero", "hero.png"),
            featured_title=spec.featured_title, how_it_works_title=spec.how_it_works_title,
            how_it_works=[("step", step.model_dump()) for step in spec.steps],
            featured_products=[HomeFeaturedProduct(product=products[key], sort_order=i)
                               for i, key in enumerate(p.key for p in copy.catalogue.products)],
        ))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Atelier")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Atelier"
        site.save()

    children = home.get_children()
    if not children.filter(slug=copy.about.slug).exists():
        spec = copy.about
        publish(home, ContentPage(title=spec.title, slug=spec.slug, intro=spec.intro, body=spec.stream(),
                                  show_in_menus=True))
    if not children.filter(slug=copy.workshop.slug).exists():
        spec = copy.workshop
        publish(home, LocationPage(
            title=spec.title, slug=spec.slug, intro=spec.intro, street_address="\n".join(spec.street_address),
            phone=spec.phone, email=spec.email, directions=spec.directions, show_in_menus=True,
            image=demo_image("Atelier workshop", "workshop.png"),
            opening_hours=[
                OpeningHours(weekday=day.weekday, opens=day.opens, closes=day.closes, closed=day.closed, sort_order=i)
                for i, day in enumerate(spec.opening_hours)
            ],
        ))
    help_centre = HelpCentrePage.objects.first()
    if help_centre is None:
        spec = copy.help_centre
        help_centre = publish(home, HelpCentrePage(title=spec.title, slug=spec.slug, intro=spec.intro,
                                                   show_in_menus=True))
    existing = set(HelpArticlePage.objects.child_of(help_centre).values_list("slug", flat=True))
    for spec in copy.help_articles:
        if spec.slug not in existing:
            publish(help_centre, HelpArticlePage(title=spec.title, slug=spec.slug, topic=spec.topic,
                                                 summary=spec.summary, body=spec.stream()))
    seed_legal_pages(home, copy.legal_pages)
    return home


def seed_legal_pages(home, legal_pages):
    """The terms of sale, privacy, cookie and legal notices, under the home page (the footer links them)."""
    existing = set(home.get_children().values_list("slug", flat=True))
    for spec in legal_pages:
        if spec.slug in existing:
            continue
        fields = {"title": spec.title, "slug": spec.slug, "intro": spec.intro, "last_updated": spec.last_updated,
                  "body": spec.stream()}
        publish(home, TermsOfSalePage(version=spec.version, **fields) if spec.version else LegalPage(**fields))


def grant_page_permissions(groups, home):
    pages = {"": home, "help": HelpCentrePage.objects.first()}
    for group_name, (slug, codenames) in roles.PAGE_PERMISSIONS.items():
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            GroupPagePermission.objects.get_or_create(
                group=groups[group_name], page=pages[slug], permission=permission
            )
