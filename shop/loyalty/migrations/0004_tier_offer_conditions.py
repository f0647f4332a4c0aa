"""Oscar's custom offer condition "Customer is … or better" (a proxy of Oscar's Condition), and its rows for the
tiers above everybody's (Silver, Gold), which the offer wizard lists under "Custom condition"."""

from decimal import Decimal

from django.db import migrations

PROXY_CLASS = "shop.loyalty.offers.TierCondition"


def create_tier_conditions(apps, schema_editor):
    Tier = apps.get_model("loyalty", "Tier")
    Condition = apps.get_model("offer", "Condition")
    for rank in Tier.objects.filter(rank__gt=0).values_list("rank", flat=True):
        Condition.objects.get_or_create(proxy_class=PROXY_CLASS, value=Decimal(rank))


def delete_unused_tier_conditions(apps, schema_editor):
    Condition = apps.get_model("offer", "Condition")
    Condition.objects.filter(proxy_class=PROXY_CLASS, offers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("loyalty", "0003_anniversaries"),
        ("offer", "0013_range_excluded_categories"),
    ]

    operations = [
        migrations.CreateModel(
            name="TierCondition",
            fields=[],
            options={
                "verbose_name": "Loyalty tier condition",
                "verbose_name_plural": "Loyalty tier conditions",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("offer.condition",),
        ),
        migrations.RunPython(create_tier_conditions, delete_unused_tier_conditions),
    ]
