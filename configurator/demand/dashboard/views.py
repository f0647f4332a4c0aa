"""Dashboard → Demand: one page per question (what sells, what goes together, where shoppers give up, how versions
compare, what comes back, what the workshop will need), each report a chart, its table and a CSV download of
exactly that table. Thin: the reports are in configurator.demand (reports, behaviour, components)."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from configurator.demand import behaviour, reports
from configurator.demand.charts import bar_chart, funnel_chart, line_chart
from configurator.demand.components import component_demand
from configurator.demand.filters import DemandFilterForm
from configurator.demand.tables import Table

PAGES = [
    ("demand-overview", "What sells"),
    ("demand-combinations", "Combinations"),
    ("demand-behaviour", "Funnel and blocked demand"),
    ("demand-versions", "Versions"),
    ("demand-returns", "Returns"),
    ("demand-components", "Component demand"),
]


def _rows_chart(table, label_columns, value_column, title, value_label, highlight_column=None):
    rows = [(": ".join(str(row[c]) for c in label_columns), row[value_column] or 0) for row in table.rows]
    highlight = [": ".join(str(row[c]) for c in label_columns) for row in table.rows
                 if highlight_column is not None and row[highlight_column]]
    return bar_chart(rows, title=title, value_label=value_label, highlight=highlight)


def _trend_chart(table):
    series = [(name, table.column(index)) for index, name in enumerate(table.header) if index >= 1]
    return line_chart(table.column(0), series, title="Units ordered per week", value_label="Units")


# slug -> (page, build(filters, catalogue) -> Table, chart(table) -> Markup or None)
REPORTS = {
    "popularity": ("demand-overview", reports.option_popularity,
                   lambda t: _rows_chart(t, (0, 1), 4, "Attach rate per option", "Attach rate %")),
    "trend": ("demand-overview", reports.weekly_trend, _trend_chart),
    "price-rules": ("demand-overview", lambda f, c: reports.revenue_by_price_rule(f),
                    lambda t: _rows_chart(t, (0,), 2, "Revenue by price rule", "Revenue")),
    "configurations": ("demand-combinations", reports.top_configurations,
                       lambda t: _rows_chart(t, (0,), 1, "Most ordered configurations", "Units")),
    "pairs": ("demand-combinations", reports.option_pairs,
              lambda t: _rows_chart(t, (0, 1), 5, "Lift of option pairs", "Lift")),
    "never-together": ("demand-combinations", reports.never_ordered_together, None),
    "funnel": ("demand-behaviour", lambda f, c: behaviour.funnel(f),
               lambda t: funnel_chart([(row[0], row[1]) for row in t.rows], title="Configurator funnel")),
    "abandonment": ("demand-behaviour", behaviour.abandonment,
                    lambda t: _rows_chart(t, (0,), 1, "Chosen last before abandoning", "Sessions")),
    "blocked": ("demand-behaviour", behaviour.blocked_demand,
                lambda t: _rows_chart(t, (0,), 4, "Sessions without an order after a blocked try",
                                      "Sessions")),
    "versions": ("demand-versions", reports.version_comparison, None),
    "returns": ("demand-returns", reports.returns_by_option,
                lambda t: _rows_chart(t, (0,), 4, "Return rate per option", "Return rate %", highlight_column=5)),
}
CHARTED_COMPONENTS = 6  # the components most needed get a chart each; the table lists all
SEGMENT_FREE = {"funnel", "abandonment", "blocked"}  # anonymous sessions: no channel or tier


class DemandPageMixin:
    page = None

    def filters(self):
        form = DemandFilterForm(self.request.GET or None)
        return form, form.filters()


class ReportPageView(DemandPageMixin, TemplateView):
    template_name = "configurator/demand/report_page.html"

    def get_context_data(self, **kwargs):
        form, filters = self.filters()
        sections = []
        if filters is not None:
            catalogue = reports.catalogue_of(filters.configurable)
            for slug, (page, build, chart) in REPORTS.items():
                if page != self.page:
                    continue
                table = build(filters, catalogue)
                sections.append({"table": table, "chart": mark_safe(chart(table)) if chart and table.rows else None,  # noqa: S308 (escaped)
                                 "csv": f"{reverse('dashboard:demand-csv', kwargs={'report': slug})}?"
                                        f"{filters.query()}",
                                 "segment_free": slug in SEGMENT_FREE and filters.segmented})
        return super().get_context_data(form=form, filters=filters, sections=sections, pages=PAGES, page=self.page,
                                        title=dict(PAGES)[self.page], **kwargs)


class OverviewView(ReportPageView):
    page = "demand-overview"


class CombinationsView(ReportPageView):
    page = "demand-combinations"


class BehaviourView(ReportPageView):
    page = "demand-behaviour"


class VersionsView(ReportPageView):
    page = "demand-versions"


class ReturnsView(ReportPageView):
    page = "demand-returns"


class ComponentsView(DemandPageMixin, TemplateView):
    """Components per week for purchasing: not cut by the filters (the workshop buys for every product)."""

    template_name = "configurator/demand/components.html"
    page = "demand-components"

    def get_context_data(self, **kwargs):
        table, needs, forecasts = component_demand()
        weeks = [header.removeprefix("Week of ") for header in table.header if header.startswith("Week of ")]
        biggest = sorted(needs, key=lambda need: (-sum(need.total), need.component))[:CHARTED_COMPONENTS]
        charts = [(f"{need.component} ({need.unit})", mark_safe(line_chart(  # noqa: S308 (escaped by the chart)
            weeks, [("Scheduled", need.scheduled), ("Total", need.total)], title=f"{need.component} per week",
            value_label=need.unit, band=("Confidence band", need.low, need.high)))) for need in biggest]
        return super().get_context_data(table=table, charts=charts, forecast_table=forecast_table_of(forecasts),
                                        pages=PAGES, page=self.page, title=dict(PAGES)[self.page],
                                        csv=reverse("dashboard:demand-csv", kwargs={"report": "components"}),
                                        forecast_csv=reverse("dashboard:demand-csv", kwargs={"report": "forecast"}),
                                        **kwargs)


def forecast_table_of(forecasts):
    horizon = max((len(item.forecast.points) for item in forecasts), default=0)
    header = ["Product", "Option", "Method"] + [f"Week {n + 1}" for n in range(horizon)] + ["Low (sum)",
                                                                                           "High (sum)"]
    rows = [[item.product, item.label, item.forecast.method] + [point.mean for point in item.forecast.points]
            + [sum(point.low for point in item.forecast.points), sum(point.high for point in item.forecast.points)]
            for item in forecasts if any(point.high for point in item.forecast.points)]
    return Table("forecast", "Forecast of orders per option", header, rows)


class CsvView(DemandPageMixin, View):
    def get(self, request, report):
        scope = timezone.localdate().isoformat()
        if report == "components":
            table, _, _ = component_demand()
        elif report == "forecast":
            _, _, forecasts = component_demand()
            table = forecast_table_of(forecasts)
        elif report in REPORTS:
            _, filters = self.filters()
            if filters is None:
                raise Http404("No product can be configured yet.")
            table = REPORTS[report][1](filters, reports.catalogue_of(filters.configurable))
            scope = f"{filters.configurable.product.slug}-{filters.start.isoformat()}-{filters.end.isoformat()}"
        else:
            raise Http404("No such report.")
        response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="demand-{slugify(table.title)}-{scope}.csv"'
        return response
