"""The demo's year of demand: written through demand's fact writer, valid, seasonal, with favourites and blocked
tries, once."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from configurator.demand import behaviour, reports
from configurator.demand.filters import DemandFilters
from configurator.demand.models import DailyBlocked, DailyFunnel, OptionFact
from configurator.models import ConfigurableProduct
from shop.demo.demand import HISTORY, seed_demo_demand


def test_the_demo_demand_history_is_plausible_and_written_once(db):
    history = HISTORY.model_copy(update={"days": 70})
    written = seed_demo_demand(history=history)
    assert written > 1000
    assert seed_demo_demand(history=history) == 0  # once only
    facts = OptionFact.objects.all()
    assert set(facts.values_list("source", flat=True)) == {"demo"}
    assert facts.filter(order_id__gte=0).count() == 0  # never a real order's number
    today = timezone.localdate()
    assert facts.filter(placed_on__lt=today - timedelta(days=70)).count() == 0
    assert set(facts.values_list("channel", flat=True)) == {"member", "guest"}
    sneaker = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001")
    filters = DemandFilters(configurable=sneaker, start=today - timedelta(days=70), end=today)
    top = reports.top_configurations(filters, reports.catalogue_of(sneaker))
    # a favourite of shop/demo/data/demand.toml (EU 41 leather, EU 39 suede) is ordered most, far ahead of one-offs
    assert "EU 41" in top.rows[0][0] or "EU 39" in top.rows[0][0]
    assert top.rows[0][1] >= 5 * top.rows[-1][1]
    funnel = [row[1] for row in behaviour.funnel(filters).rows]
    assert funnel[0] > funnel[1] > funnel[4] > 0  # most sessions end without an order
    assert DailyBlocked.objects.filter(configurable=sneaker).exclude(rule="").exists()
    assert DailyFunnel.objects.aggregate(n=Sum("sessions"))["n"] > 0
