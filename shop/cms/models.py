"""Wagtail pages: home, plain content, the workshop location and the help centre."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock, StepBlock


class HomePage(Page):
    hero_title = models.CharField(max_length=120)
    hero_text = models.TextField()
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_cta_label = models.CharField(max_length=40, default="Start configuring")
    featured_title = models.CharField(max_length=80, default="Made for you, one at a time")
    how_it_works_title = models.CharField(max_length=80, default="How made-to-order works")
    how_it_works = StreamField([("step", StepBlock())], blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"), FieldPanel("hero_cta_label")],
            heading="Hero",
        ),
        MultiFieldPanel([FieldPanel("featured_title"), InlinePanel("featured_products", label="Product")],
                        heading="Featured products"),
        MultiFieldPanel([FieldPanel("how_it_works_title"), FieldPanel("how_it_works")], heading="How it works"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def featured(self):
        """Featured products that are on sale, with what their cards need in a fixed number of queries."""
        return [
            link.product
            for link in self.featured_products.filter(product__is_public=True)
            .select_related("product", "product__product_class")
            .prefetch_related("product__images", "product__stockrecords")
        ]


class HomeFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("product")]


class ContentPage(Page):
    intro = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]


class LocationPage(Page):
    """A physical place where customers meet us (the workshop and its showroom)."""

    intro = models.TextField(blank=True)
    street_address = models.TextField(help_text="One line per line of the address.")
    phone = models.CharField(max_length=40)
    email = models.EmailField()
    directions = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        MultiFieldPanel([FieldPanel("street_address"), FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        InlinePanel("opening_hours", label="Opening hours"),
        FieldPanel("directions"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("street_address")]

    def address_lines(self):
        return [line.strip() for line in self.street_address.splitlines() if line.strip()]

    def phone_href(self):
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class OpeningHours(Orderable):
    WEEKDAYS = [
        ("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"),
        ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday"),
    ]
    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.CharField(max_length=3, choices=WEEKDAYS)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    closed = models.BooleanField(default=False)

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes"), FieldPanel("closed")]


class HelpCentrePage(Page):
    """The help centre: articles by topic, searchable with Wagtail search."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.HelpArticlePage"]
    max_count = 1
    results_per_page = 10

    def articles(self):
        return HelpArticlePage.objects.live().public().child_of(self)

    def search_articles(self, query):
        return self.articles().search(query)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        context["query"] = query
        # read only when the page is rendered, not when it is served from the cache (shop/pagecache.py)
        if query:
            paginator = Paginator(self.search_articles(query), self.results_per_page)
            context["results"] = SimpleLazyObject(lambda: paginator.get_page(request.GET.get("page")))
        else:
            context["topics"] = SimpleLazyObject(self.articles_by_topic)
        return context

    def articles_by_topic(self):
        topics = {}
        for article in self.articles().order_by("path"):
            topics.setdefault(article.get_topic_display(), []).append(article)
        return topics


class HelpArticlePage(Page):
    TOPICS = [
        ("ordering", "Ordering"),
        ("customising", "Customising your product"),
        ("production", "Production and delivery times"),
        ("shipping", "Shipping"),
        ("returns", "Returns and remakes"),
        ("payment", "Payment"),
        ("care", "Care"),
        ("contact", "Contacting us"),
    ]
    topic = models.CharField(max_length=20, choices=TOPICS)
    summary = models.CharField(max_length=250, help_text="One sentence shown in lists and search results.")
    body = StreamField(BodyBlock())

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("topic"),
    ]
    content_panels = Page.content_panels + [FieldPanel("topic"), FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["cms.HelpCentrePage"]
    subpage_types = []

    def related_articles(self):
        return (
            HelpArticlePage.objects.live().public().sibling_of(self, inclusive=False)
            .filter(topic=self.topic)[:3]
        )


class LegalText(Page):
    """What every legal page has: a short summary, the text, and the day it last changed."""

    intro = models.TextField(blank=True)
    last_updated = models.DateField(help_text="The day this text last changed in substance; shown on the page.")
    body = StreamField(BodyBlock())

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("last_updated"), FieldPanel("body")]
    subpage_types = []

    class Meta:
        abstract = True


class LegalPage(LegalText):
    """A legal notice the footer links to: the privacy notice, the legal notice, the cookie notice."""

    template = "cms/legal_page.html"


class TermsOfSalePage(LegalText):
    """The terms of sale. A shopper accepts them before paying; the order records which ``version`` they accepted,
    so publish a new version number whenever the terms change in substance."""

    version = models.CharField(max_length=64, help_text=(
        "Shown on the page and recorded with every order whose buyer accepts these terms, e.g. 2026-12. Give a new "
        "one whenever the terms change in substance."))

    content_panels = LegalText.content_panels[:1] + [FieldPanel("version")] + LegalText.content_panels[1:]
    template = "cms/legal_page.html"
    max_count = 1

    @classmethod
    def current(cls):
        """The terms of sale in force (the live page), or None when none is published."""
        return cls.objects.live().only("title", "version", "url_path", "path", "depth", "last_updated").first()
