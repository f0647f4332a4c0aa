"""The store's tiers until a merchandiser changes them in the dashboard: Member (everybody), Silver (€500 or 2
orders in 12 months), Gold (€1,500 or 4 orders; priority handling, a free express slot, early access)."""

from decimal import Decimal

from django.db import migrations

TIERS = [
    {"name": "Member", "rank": 0},
    {"name": "Silver", "rank": 1, "min_spend": Decimal("500.00"), "min_orders": 2},
    {"name": "Gold", "rank": 2, "min_spend": Decimal("1500.00"), "min_orders": 4, "priority_handling": True,
     "express_production": True, "early_access": True},
]


def create_tiers(apps, schema_editor):
    Tier = apps.get_model("loyalty", "Tier")
    for tier in TIERS:
        Tier.objects.get_or_create(rank=tier["rank"], defaults=tier)


class Migration(migrations.Migration):
    dependencies = [("loyalty", "0001_initial")]

    operations = [migrations.RunPython(create_tiers, migrations.RunPython.noop)]
