"""The dashboard's SVG charts (configurator.demand.charts, pure Python): well-formed SVG that a screen reader
can name and describe, hostile labels shown as text and never as markup, no inline style (the page's CSP), and
the numbers a merchandiser reads off each chart."""

import re
import xml.etree.ElementTree as ElementTree
from decimal import Decimal

import pytest
from django.utils.safestring import mark_safe
from markupsafe import Markup, escape

from configurator.demand.charts import (
    BAND,
    BAR,
    HIGHLIGHT,
    NO_DATA,
    bar_chart,
    compact_number,
    funnel_chart,
    line_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"
QUOTES = "\"&'"
WEEKS = [f"2026-W{week:02d}" for week in range(1, 9)]


def parse(chart):
    """The chart as an XML tree (ParseError if it is not well-formed)."""
    return ElementTree.fromstring(str(chart))


def by_class(root, css):
    return [element for element in root.iter() if css in element.get("class", "").split()]


def texts(root, css):
    return ["".join(element.itertext()) for element in by_class(root, css)]


def legend(root):
    return [item.find(f"{SVG}text").text for item in by_class(root, "chart__legend-item")]


def name_and_description(root):
    """What a screen reader announces: the elements that aria-labelledby points at."""
    ids = root.get("aria-labelledby").split()
    found = {element.get("id"): "".join(element.itertext()) for element in root.iter() if element.get("id")}
    return [found[ident] for ident in ids]


def assert_accessible_scalable_image(chart, title):
    root = parse(chart)
    assert isinstance(chart, Markup) and escape(chart) == chart  # a template prints it as it is
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("width") == "100%" and re.fullmatch(r"0 0 720 \d+(\.\d)?", root.get("viewBox"))
    assert [child.tag for child in root[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert name_and_description(root)[0] == title
    assert not any("style" in element.attrib or element.tag in {f"{SVG}style", f"{SVG}script"}
                   for element in root.iter()), "the dashboard's CSP forbids inline style and script"
    return root


ROWS = [("Aluminium", 1900), ("Carbon", 950), ("Titanium", Decimal("95.5"))]


def test_bar_chart_draws_one_bar_per_row_in_proportion_with_its_value_at_the_end():
    chart = bar_chart(ROWS, title="Frames ordered", value_label="Units")
    root = assert_accessible_scalable_image(chart, "Frames ordered")
    bars = by_class(root, "chart__bar")
    assert len(bars) == 3
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[1] == pytest.approx(widths[0] / 2, abs=0.1)
    assert widths[2] == pytest.approx(widths[0] / 19.9, abs=0.1)
    assert texts(root, "chart__label") == ["Aluminium", "Carbon", "Titanium"]
    assert texts(root, "chart__value") == ["1900", "950", "95.5"]
    for bar, value in zip(bars, by_class(root, "chart__value"), strict=True):
        assert float(value.get("x")) > float(bar.get("x")) + float(bar.get("width"))
    assert name_and_description(root)[1] == (
        "Bar chart of Units for 3 items: highest Aluminium (1900), lowest Titanium (95.5).")


def test_bar_chart_formats_values_and_axis_numbers():
    chart = bar_chart([("Rack", Decimal("1234.50")), ("Basket", 3_400_000)], title="Revenue",
                      value_label="Revenue (EUR)", format_value=lambda value: f"€{value:,.2f}")
    root = parse(chart)
    assert texts(root, "chart__value") == ["€1,234.50", "€3,400,000.00"]
    assert texts(root, "chart__tick") == ["0", "1M", "2M", "3M", "4M"]
    assert texts(root, "chart__caption") == ["Revenue (EUR)"]


@pytest.mark.parametrize("label", [
    HOSTILE, QUOTES, Markup("<b>marked safe upstream</b>"), mark_safe("<i>safe by Django</i>"),
    "bell\x07 & tab\tok",
])
def test_bar_chart_shows_hostile_labels_as_text(label):
    chart = bar_chart([(label, 3)], title=label, value_label=label, format_value=lambda value: f"{label} {value}")
    assert "<script" not in chart and "<b>" not in chart and "<i>" not in chart
    root = assert_accessible_scalable_image(chart, str(label).replace("\x07", ""))
    shown = str(label).replace("\x07", "")  # a character XML forbids is dropped, the rest shown as written
    assert texts(root, "chart__label") == [shown]
    assert texts(root, "chart__value") == [f"{shown} 3"]
    assert name_and_description(root)[1].startswith(f"Bar chart of {shown} for 1 item: highest {shown}")


def test_bar_chart_cuts_long_labels_with_an_ellipsis_and_keeps_the_whole_label_as_tooltip():
    long_label = "Hand-stitched full-grain leather saddle with brass rivets"
    root = parse(bar_chart([(long_label, 5), ("Short", 4)], title="Saddles", value_label="Units"))
    shown = texts(root, "chart__label")
    assert shown[0].endswith("…") and long_label.startswith(shown[0][:-1]) and len(shown[0]) < len(long_label)
    assert shown[1] == "Short"
    assert [row.find(f"{SVG}title").text for row in by_class(root, "chart__row")] == [f"{long_label}: 5", "Short: 4"]


def test_bar_chart_highlights_the_rows_asked_for():
    root = parse(bar_chart(ROWS, title="Frames", value_label="Units", highlight=("Carbon",)))
    assert [bar.get("fill") for bar in by_class(root, "chart__bar")] == [BAR, HIGHLIGHT, BAR]
    assert len(by_class(root, "chart__bar--highlight")) == 1
    assert by_class(root, "chart__row")[1].find(f"{SVG}title").text == "Carbon: 950 (highlighted)"


def test_a_chart_without_rows_says_there_is_no_data():
    for chart in (bar_chart([], title="Frames", value_label="Units"), funnel_chart([], title="Frames"),
                  line_chart([], [], title="Frames", value_label="Units"),
                  line_chart(WEEKS, [("Carbon", [None] * 8)], title="Frames", value_label="Units")):
        root = assert_accessible_scalable_image(chart, "Frames")
        assert texts(root, "chart__empty") == [NO_DATA]
        assert name_and_description(root)[1] == f"{NO_DATA}."
        assert not by_class(root, "chart__bar") and not by_class(root, "chart__line")


def test_two_different_charts_on_one_page_do_not_share_ids():
    first = parse(bar_chart(ROWS, title="Frames", value_label="Units"))
    second = parse(bar_chart(ROWS[:2], title="Frames", value_label="Units"))
    assert set(first.get("aria-labelledby").split()).isdisjoint(second.get("aria-labelledby").split())


def test_line_chart_has_a_line_per_series_in_distinct_colours_and_a_legend():
    series = [(f"Option {number}", [number * week for week in range(8)]) for number in range(1, 9)]
    root = assert_accessible_scalable_image(
        line_chart(WEEKS, series, title="Weekly units", value_label="Units"), "Weekly units")
    lines = by_class(root, "chart__line")
    assert len(lines) == 8 and len({line.get("stroke") for line in lines}) == 8
    assert legend(root) == [f"Option {number}" for number in range(1, 9)]
    assert not by_class(root, "chart__band")
    description = name_and_description(root)[1]
    assert description.startswith("Weekly Units from 2026-W01 to 2026-W08. Option 1: latest 7 (2026-W08), highest 7")


def test_line_chart_y_axis_starts_at_zero_with_four_or_five_round_ticks():
    root = parse(line_chart(WEEKS, [("Carbon", [3, 87, 40, 12, 0, 5, 9, 60])], title="t", value_label="Units"))
    assert texts(root, "chart__tick") == ["0", "25", "50", "75", "100"]
    root = parse(line_chart(WEEKS[:3], [("Revenue", [Decimal("1200.50"), 2_900.0, 610])], title="t",
                            value_label="EUR"))
    assert texts(root, "chart__tick") == ["0", "1k", "2k", "3k"]
    root = parse(line_chart(WEEKS[:2], [("Nothing sold", [0, 0])], title="t", value_label="Units"))
    assert texts(root, "chart__tick") == ["0", "1", "2", "3", "4"]


def test_line_chart_leaves_a_gap_for_missing_weeks_and_marks_a_lone_value():
    values = [4, 5, None, 7, 8, None, 2, None]
    root = parse(line_chart(WEEKS, [("Carbon", values)], title="t", value_label="Units"))
    path = by_class(root, "chart__line")[0].get("d")
    assert path.count("M") == 3 and path.count("L") == 2  # 4-5, 7-8, and the lone 2
    assert len(root.findall(f".//{SVG}circle")) == 1


def test_line_chart_draws_the_band_only_where_it_has_values():
    lows = [None] * 5 + [Decimal("8.0"), Decimal("7.5"), Decimal("6.0")]
    highs = [None] * 5 + [Decimal("12.0"), Decimal("14.5"), Decimal("16.0")]
    series = [("Ordered", [10, 11, 9, 12, 10, None, None, None]), ("Forecast", [None] * 4 + [10, 10, 11, 11])]
    root = parse(line_chart(WEEKS, series, title="Carbon forecast", value_label="Units",
                            band=("80% band", lows, highs)))
    bands = by_class(root, "chart__band")
    assert len(bands) == 1 and bands[0].get("fill") == BAND and float(bands[0].get("fill-opacity")) < 1
    path = bands[0].get("d")
    assert path.count("M") == 1 and path.endswith("Z")
    xs = {float(x) for x in re.findall(r"[ML](-?[\d.]+) ", path)}
    week_x = [float(label.get("x")) for label in by_class(root, "chart__x-label")]
    assert min(xs) == pytest.approx(week_x[5], abs=0.1) and max(xs) == pytest.approx(week_x[7], abs=0.1)
    assert legend(root) == ["80% band", "Ordered", "Forecast"]
    assert name_and_description(root)[1].endswith("Shaded: 80% band, 2026-W06 to 2026-W08.")


def test_line_chart_thins_week_labels_to_those_that_fit():
    weeks = [f"2026-W{week % 52 + 1:02d}" for week in range(104)]
    root = parse(line_chart(weeks, [("Carbon", list(range(104)))], title="t", value_label="Units"))
    shown = by_class(root, "chart__x-label")
    assert 5 <= len(shown) < 20
    positions = [float(label.get("x")) for label in shown]
    gaps = [after - before for before, after in zip(positions, positions[1:], strict=False)]
    assert min(gaps) >= len("2026-W01") * 6.8  # the labels do not overlap
    assert shown[0].text == "2026-W01"
    root = parse(line_chart(WEEKS, [("Carbon", list(range(8)))], title="t", value_label="Units"))
    assert texts(root, "chart__x-label") == WEEKS


def test_line_chart_escapes_hostile_series_names_and_refuses_ragged_series():
    chart = line_chart(WEEKS[:2], [(HOSTILE, [1, 2]), (QUOTES, [2, 1])], title=QUOTES, value_label=HOSTILE,
                       band=(HOSTILE, [0, 1], [2, 3]))
    assert "<script" not in chart
    root = assert_accessible_scalable_image(chart, QUOTES)
    assert legend(root) == [HOSTILE, HOSTILE, QUOTES]
    assert texts(root, "chart__caption") == [HOSTILE]
    with pytest.raises(ValueError, match="3 values for 2 weeks"):
        line_chart(WEEKS[:2], [("Carbon", [1, 2, 3])], title="t", value_label="Units")


def test_funnel_shows_counts_share_of_the_first_stage_and_the_drop_from_the_previous():
    stages = [("Started", 1000), ("Configured", 600), ("Saved", 600), ("Ordered", 150)]
    root = assert_accessible_scalable_image(funnel_chart(stages, title="City bike funnel"), "City bike funnel")
    assert texts(root, "chart__label") == ["Started", "Configured", "Saved", "Ordered"]
    assert texts(root, "chart__value") == ["1,000 (100.0% of first)", "600 (60.0% of first)", "600 (60.0% of first)",
                                           "150 (15.0% of first)"]
    assert texts(root, "chart__change") == ["−40.0% from previous", "+0.0% from previous", "−75.0% from previous"]
    widths = [float(bar.get("width")) for bar in by_class(root, "chart__bar")]
    assert widths == [320, 192, 192, 48]
    centres = {float(bar.get("x")) + float(bar.get("width")) / 2 for bar in by_class(root, "chart__bar")}
    assert len(centres) == 1
    assert name_and_description(root)[1] == (
        "Funnel of 4 stages: Started 1,000 (100.0% of first); Configured 600 (60.0% of first); Saved 600 (60.0% "
        "of first); Ordered 150 (15.0% of first). Largest drop: Saved to Ordered (−75.0% from previous).")


def test_funnel_copes_with_an_empty_first_stage_and_hostile_labels():
    root = parse(funnel_chart([(HOSTILE, 0), (QUOTES, Decimal("2"))], title=HOSTILE))
    assert texts(root, "chart__value") == ["0", "2"]
    assert texts(root, "chart__change") == []
    assert [float(bar.get("width")) for bar in by_class(root, "chart__bar")] == [0, 320]
    assert texts(root, "chart__label")[1] == QUOTES


@pytest.mark.parametrize(("value", "shown"), [
    (0, "0"), (7, "7"), (950, "950"), (Decimal("12.5"), "12.5"), (0.25, "0.25"), (1000, "1k"), (1200, "1.2k"),
    (12_500, "12.5k"), (250_000, "250k"), (999_960, "1M"), (3_500_000, "3.5M"), (Decimal("2.5E9"), "2.5B"),
    (-2500, "-2.5k"), (float("nan"), "–"),
])
def test_axis_numbers_are_compact(value, shown):
    assert compact_number(value) == shown
