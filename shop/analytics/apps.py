"""Oscar's analytics app (its models, migrations and receivers), with counters that survive a race on PostgreSQL."""

from oscar.apps.analytics import apps


class AnalyticsConfig(apps.AnalyticsConfig):
    def ready(self):
        super().ready()  # Oscar's receivers: product views, basket additions, orders
        # Django's way to wire an app: the counters import Oscar's receivers, which load models.
        from shop.analytics import counters  # noqa: PLC0415

        counters.install()
