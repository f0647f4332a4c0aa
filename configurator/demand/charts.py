"""Server-rendered SVG charts for the merchandiser dashboard: pure Python, no JavaScript, no CDN.

Each function returns one ``<svg>`` as ``markupsafe.Markup`` (Django's templates print it as it is). The page runs
under a Content-Security-Policy without inline styles, so the drawing uses SVG presentation attributes
(``fill=``, ``stroke=``, ``font-size=``) and class names (``chart__bar``, ``chart__band``, ...) for the
stylesheet, never ``style=``. Every text in a chart comes from option labels, rule names or shoppers' choices
and is untrusted: it is escaped as text, whatever its type (even a string already marked safe), and characters
XML forbids are dropped. A chart is an image with a name and a description (``role="img"``,
``aria-labelledby`` its ``<title>`` and ``<desc>``, the description summarising the data); the page shows the
same numbers as a table. The size comes from the viewBox, so a chart fills the width it is given, on a laptop
or on paper.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from markupsafe import Markup

NO_DATA = "No data for these filters"

WIDTH = 720
CHAR_WIDTH = 6.8  # an average character at font-size 12, to fit labels without measuring them
FONT = "system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"
INK = "#1f2a37"
MUTED = "#5b6572"
GRID = "#d9dde3"
BAR = "#2f5d8a"
HIGHLIGHT = "#c2571a"
BAND = "#2f5d8a"
# Okabe-Ito's colour-blind-safe palette (its yellow darkened to read on white); past eight, lines get dashes.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#b08a00", "#56b4e9", "#1f2a37", "#8c564b")
DASHES = ("", "6 3", "2 3")

_FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def bar_chart(rows, *, title, value_label, format_value=str, highlight=()):
    """Horizontal bars, one per ``(label, number)`` row in the order given, the value printed at each bar's end.

    Labels too long for their column are cut with an ellipsis; the whole label is the bar's tooltip. Rows whose
    label is in ``highlight`` are drawn in the accent colour.
    """
    rows = [(label, value) for label, value in rows]
    if not rows:
        return _no_data(title)
    highlighted = set(highlight)
    shown = [format_value(value) for _, value in rows]
    value_width = min(max(len(str(text)) for text in shown) * CHAR_WIDTH + 12, 180)
    label_width, row_height, bar_height, top = 200, 26, 18, 8
    left, right = label_width, WIDTH - value_width
    bottom = top + row_height * len(rows)
    ticks = _nice_ticks(min(_number(value) for _, value in rows), max(_number(value) for _, value in rows))
    scale = _scale(ticks[0], ticks[-1], left, right)
    body = [_vertical_grid(ticks, scale, top, bottom), _caption(value_label, (left + right) / 2, bottom + 36)]
    for index, ((label, value), text) in enumerate(zip(rows, shown, strict=True)):
        y = top + index * row_height
        start, end = sorted((scale(0), scale(_number(value))))
        if value and end - start < 1:
            end = start + 1
        is_highlighted = label in highlighted
        tooltip = f"{label}: {text}" + (" (highlighted)" if is_highlighted else "")
        css = "chart__bar chart__bar--highlight" if is_highlighted else "chart__bar"
        value_x = (end if _number(value) >= 0 else scale(0)) + 6
        body.append(
            f'<g class="chart__row"><title>{_text(tooltip)}</title>'
            f'<text class="chart__label" x="{left - 8}" y="{_f(y + row_height / 2)}" dy="0.35em" '
            f'text-anchor="end" fill="{INK}">{_text(_truncate(label, (label_width - 16) / CHAR_WIDTH))}</text>'
            f'<rect class="{css}" x="{_f(start)}" y="{_f(y + (row_height - bar_height) / 2)}" '
            f'width="{_f(end - start)}" height="{bar_height}" fill="{HIGHLIGHT if is_highlighted else BAR}"/>'
            f'<text class="chart__value" x="{_f(value_x)}" y="{_f(y + row_height / 2)}" dy="0.35em" '
            f'fill="{INK}">{_text(text)}</text></g>'
        )
    body.append(_line(scale(0), top, scale(0), bottom, INK, "chart__axis"))
    ranked = sorted(zip(rows, shown, strict=True), key=lambda row: _number(row[0][1]), reverse=True)
    (top_label, _), top_text = ranked[0]
    (low_label, _), low_text = ranked[-1]
    noun = "item" if len(rows) == 1 else "items"
    summary = f"Bar chart of {value_label} for {len(rows)} {noun}: highest {top_label} ({top_text})"
    if len(rows) > 1:
        summary += f", lowest {low_label} ({low_text})"
    return _svg("bar", title=title, desc=summary + ".", height=bottom + 48, body="".join(body))


def line_chart(x_labels, series, *, title, value_label, band=None):
    """A weekly trend: one line per ``(name, values)`` series (``None`` leaves a gap), with a legend.

    ``band`` = ``(name, lows, highs)`` is drawn as a translucent area under the lines (a forecast's confidence
    band; weeks where it is ``None`` have none). The y axis starts at 0 and has 4 or 5 round ticks; week labels
    are thinned to those that fit.
    """
    x_labels = [str(label) for label in x_labels]
    series = [(name, list(values)) for name, values in series]
    for name, values in series:
        _require_length(name, values, x_labels)
    if band is not None:
        band = (band[0], list(band[1]), list(band[2]))
        _require_length(band[0], band[1], x_labels)
        _require_length(band[0], band[2], x_labels)
    columns = [values for _, values in series] + ([band[1], band[2]] if band else [])
    numbers = [_number(value) for values in columns for value in values if value is not None]
    if not x_labels or not numbers:
        return _no_data(title)
    x_texts = [_truncate(label, 14) for label in x_labels]
    label_width = max(len(label) for label in x_texts) * CHAR_WIDTH + 10
    left, right, top, plot_height = max(60.0, label_width / 2), WIDTH - max(16.0, label_width / 2), 12, 240
    bottom = top + plot_height
    ticks = _nice_ticks(min(numbers), max(numbers))
    y_of = _scale(ticks[0], ticks[-1], bottom, top)
    step = (right - left) / (len(x_labels) - 1) if len(x_labels) > 1 else 0.0

    def x_of(index):
        return left + index * step if step else (left + right) / 2

    body = [_horizontal_grid(ticks, y_of, left, right)]
    every = max(1, math.ceil(label_width / step)) if step else 1
    body += [f'<text class="chart__x-label" x="{_f(x_of(index))}" y="{bottom + 18}" text-anchor="middle" '
             f'fill="{MUTED}">{_text(text)}</text>' for index, text in enumerate(x_texts) if index % every == 0]
    body.append(f'<text class="chart__caption" x="14" y="{_f(top + plot_height / 2)}" text-anchor="middle" '
                f'transform="rotate(-90 14 {_f(top + plot_height / 2)})" fill="{MUTED}">{_text(value_label)}</text>')
    legend = []
    if band:
        body.append(_band_path(band[1], band[2], x_of, y_of, step))
        legend.append((band[0], f'<rect x="0" y="-5" width="16" height="10" fill="{BAND}" fill-opacity="0.18"/>'))
    for index, (name, values) in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index // len(PALETTE) % len(DASHES)]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<g class="chart__series chart__series--{index}"><title>{_text(name)}</title>'
                    f'{_series_path(values, x_of, y_of, colour, dashes)}</g>')
        legend.append((name, f'<line x1="0" y1="0" x2="16" y2="0" stroke="{colour}" stroke-width="2"{dashes}/>'))
    legend_markup, legend_height = _legend(legend, bottom + 38)
    body.append(legend_markup)
    summary = _line_summary(x_labels, series, band, value_label)
    return _svg("line", title=title, desc=summary, height=bottom + 38 + legend_height, body="".join(body))


def funnel_chart(stages, *, title):
    """A funnel: one centred bar per ``(label, count)`` stage, narrowing as shoppers drop out.

    Beside each bar: its count and share of the first stage, and (from the second stage on) the change from the
    stage before it.
    """
    stages = [(label, count) for label, count in stages]
    if not stages:
        return _no_data(title)
    label_width, funnel_width, row_height, bar_height, top = 180, 320, 46, 30, 8
    centre, widest = label_width + funnel_width / 2, max(max(_number(count) for _, count in stages), 0)
    lines, previous_edges, body = _funnel_lines(stages), None, []
    for index, ((label, count), (share, change)) in enumerate(zip(stages, lines, strict=True)):
        y = top + index * row_height
        width = funnel_width * _number(count) / widest if widest and _number(count) > 0 else 0
        width = max(width, 2) if _number(count) > 0 else 0
        if previous_edges:
            body.append(f'<polygon class="chart__funnel-neck" fill="{GRID}" points="{_f(centre - previous_edges)},'
                        f'{y - row_height + bar_height} {_f(centre + previous_edges)},{y - row_height + bar_height} '
                        f'{_f(centre + width / 2)},{y} {_f(centre - width / 2)},{y}"/>')
        previous_edges = width / 2
        tooltip = f"{label}: {share}" + (f", {change}" if change else "")
        body.append(
            f'<g class="chart__row"><title>{_text(tooltip)}</title>'
            f'<text class="chart__label" x="{label_width - 10}" y="{_f(y + bar_height / 2)}" dy="0.35em" '
            f'text-anchor="end" fill="{INK}">{_text(_truncate(label, (label_width - 16) / CHAR_WIDTH))}</text>'
            f'<rect class="chart__bar" x="{_f(centre - width / 2)}" y="{y}" width="{_f(width)}" '
            f'height="{bar_height}" fill="{BAR}"/>'
            f'<text class="chart__value" x="{label_width + funnel_width + 12}" y="{y + 12}" fill="{INK}" '
            f'font-weight="600">{_text(share)}</text>'
            + (f'<text class="chart__change" x="{label_width + funnel_width + 12}" y="{y + 27}" fill="{MUTED}">'
               f'{_text(change)}</text>' if change else "")
            + "</g>"
        )
    return _svg("funnel", title=title, desc=_funnel_summary(stages, lines), height=top + len(stages) * row_height,
                body="".join(body))


def compact_number(value):
    """A number short enough for an axis: 950, 12.5, 1.2k, 3.5M, 2B (negative numbers keep their sign)."""
    number = _decimal(value)
    if not number.is_finite():
        return "–"
    sign, magnitude = ("-" if number < 0 else ""), abs(number)
    units = ((Decimal(1), ""), (Decimal(10) ** 3, "k"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 9, "B"),
             (Decimal(10) ** 12, "T"))
    for position, (unit, suffix) in enumerate(units):
        scaled = magnitude / unit
        places = Decimal("0.01") if scaled < 10 and not suffix else Decimal("0.1") if scaled < 100 else Decimal(1)
        rounded = scaled.quantize(places, rounding=ROUND_HALF_UP)
        if rounded < 1000 or position == len(units) - 1:
            text = format(rounded.normalize(), "f")
            return f"{sign}{text}{suffix}" if text != "0" else "0"
    raise AssertionError("unreachable: the last unit always formats")


def _funnel_lines(stages):
    """Per stage: its count with its share of the first stage, and its change from the previous stage."""
    first = _number(stages[0][1])
    lines = []
    for index, (_, count) in enumerate(stages):
        share = f"{_plain_number(count)} ({_percent(count, first)} of first)" if first else _plain_number(count)
        previous = _number(stages[index - 1][1]) if index else 0
        change = ""
        if previous:
            difference = _decimal(count) - _decimal(stages[index - 1][1])
            sign = "−" if difference < 0 else "+"
            change = f"{sign}{_percent(abs(difference), previous)} from previous"
        lines.append((share, change))
    return lines


def _funnel_summary(stages, lines):
    parts = [f"{label} {share}" for (label, _), (share, _) in zip(stages, lines, strict=True)]
    summary = f"Funnel of {len(stages)} stages: " + "; ".join(parts) + "."
    drops = [(_number(stages[i - 1][1]) - _number(stages[i][1]), i) for i in range(1, len(stages))
             if _number(stages[i - 1][1]) > 0]
    if drops and max(drops)[0] > 0:
        index = max(drops)[1]
        summary += f" Largest drop: {stages[index - 1][0]} to {stages[index][0]} ({lines[index][1]})."
    return summary


def _line_summary(x_labels, series, band, value_label):
    parts = [f"Weekly {value_label} from {x_labels[0]} to {x_labels[-1]}."]
    for name, values in series:
        known = [(index, value) for index, value in enumerate(values) if value is not None]
        if not known:
            parts.append(f"{name}: no values.")
            continue
        last_index, last = known[-1]
        peak_index, peak = max(known, key=lambda point: _number(point[1]))
        parts.append(f"{name}: latest {_plain_number(last)} ({x_labels[last_index]}), "
                     f"highest {_plain_number(peak)} ({x_labels[peak_index]}).")
    if band:
        weeks = [index for index, (low, high) in enumerate(zip(band[1], band[2], strict=True))
                 if low is not None and high is not None]
        if weeks:
            parts.append(f"Shaded: {band[0]}, {x_labels[weeks[0]]} to {x_labels[weeks[-1]]}.")
    return " ".join(parts)


def _series_path(values, x_of, y_of, colour, dashes):
    """The line through the known values (a gap where a value is ``None``), a dot on a value standing alone."""
    commands, dots, drawing = [], [], False
    for index, value in enumerate(values):
        if value is None:
            drawing = False
            continue
        commands.append(f"{'L' if drawing else 'M'}{_f(x_of(index))} {_f(y_of(_number(value)))}")
        alone = (index == 0 or values[index - 1] is None) and (index == len(values) - 1 or values[index + 1] is None)
        if alone:
            dots.append(f'<circle cx="{_f(x_of(index))}" cy="{_f(y_of(_number(value)))}" r="2.5" fill="{colour}"/>')
        drawing = True
    path = (f'<path class="chart__line" d="{" ".join(commands)}" fill="none" stroke="{colour}" stroke-width="2" '
            f'stroke-linejoin="round" stroke-linecap="round"{dashes}/>') if commands else ""
    return path + "".join(dots)


def _band_path(lows, highs, x_of, y_of, step):
    """One path with a closed area per run of weeks that have both a low and a high."""
    runs, run = [], []
    for index, (low, high) in enumerate(zip(lows, highs, strict=True)):
        if low is None or high is None:
            runs, run = runs + ([run] if run else []), []
        else:
            run.append((index, _number(low), _number(high)))
    runs += [run] if run else []
    areas = []
    for points in runs:
        if len(points) == 1:  # a single week still shows, as a narrow column
            index, low, high = points[0]
            half = max(step / 4, 3)
            points = [(x_of(index) - half, low, high), (x_of(index) + half, low, high)]
        else:
            points = [(x_of(index), low, high) for index, low, high in points]
        upper = " ".join(f"L{_f(x)} {_f(y_of(high))}" for x, _, high in points)[1:]
        lower = " ".join(f"L{_f(x)} {_f(y_of(low))}" for x, low, _ in reversed(points))
        areas.append(f"M{upper} {lower} Z")
    return f'<path class="chart__band" d="{" ".join(areas)}" fill="{BAND}" fill-opacity="0.18" stroke="none"/>'


def _legend(entries, top):
    """Legend items (name, swatch) flowing left to right, wrapping into rows; returns (markup, height)."""
    items, x, y = [], 0.0, top
    for name, swatch in entries:
        text = _truncate(name, 28)
        width = 24 + len(text) * CHAR_WIDTH + 18
        if x and x + width > WIDTH:
            x, y = 0.0, y + 20
        items.append(f'<g class="chart__legend-item" transform="translate({_f(x + 4)} {y})"><title>{_text(name)}'
                     f'</title>{swatch}<text x="22" y="0" dy="0.35em" fill="{INK}">{_text(text)}</text></g>')
        x += width
    return f'<g class="chart__legend">{"".join(items)}</g>', (y - top) + 20


def _horizontal_grid(ticks, y_of, left, right):
    lines = [_line(left, y_of(tick), right, y_of(tick), INK if tick == 0 else GRID, "chart__grid")
             + f'<text class="chart__tick" x="{_f(left - 6)}" y="{_f(y_of(tick))}" dy="0.35em" text-anchor="end" '
               f'fill="{MUTED}">{compact_number(tick)}</text>' for tick in ticks]
    return "".join(lines)


def _vertical_grid(ticks, x_of, top, bottom):
    lines = [_line(x_of(tick), top, x_of(tick), bottom, GRID, "chart__grid")
             + f'<text class="chart__tick" x="{_f(x_of(tick))}" y="{bottom + 16}" text-anchor="middle" '
               f'fill="{MUTED}">{compact_number(tick)}</text>' for tick in ticks]
    return "".join(lines)


def _nice_ticks(low, high):
    """4 or 5 round values (steps of 1, 2, 2.5 or 5 times a power of ten) covering 0, ``low`` and ``high``."""
    low, high = min(_decimal(low), Decimal(0)), max(_decimal(high), Decimal(0))
    if high - low <= 0:
        high = low + 4
    exponent = ((high - low) / 4).adjusted()
    while True:
        for mantissa in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            step = mantissa.scaleb(exponent)
            first = (low / step).to_integral_value(rounding=ROUND_FLOOR)
            last = (high / step).to_integral_value(rounding=ROUND_CEILING)
            if last - first <= 4:
                return [(first + offset) * step for offset in range(int(last - first) + 1)]
        exponent += 1


def _scale(domain_low, domain_high, range_low, range_high):
    low, high = float(domain_low), float(domain_high)
    return lambda value: range_low + (float(value) - low) / (high - low) * (range_high - range_low)


def _svg(kind, *, title, desc, height, body):
    ident = "chart-" + hashlib.blake2b(f"{title}\0{desc}\0{body}".encode(), digest_size=6).hexdigest()
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{kind}" viewBox="0 0 {WIDTH} {_f(height)}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}" '
        f'font-size="12"><title id="{ident}-title">{_text(title)}</title><desc id="{ident}-desc">{_text(desc)}</desc>'
        f"{body}</svg>"
    )


def _no_data(title):
    body = (f'<text class="chart__empty" x="{WIDTH / 2:g}" y="30" dy="0.35em" text-anchor="middle" '
            f'fill="{MUTED}">{NO_DATA}</text>')
    return _svg("empty", title=title, desc=f"{NO_DATA}.", height=60, body=body)


def _caption(text, x, y):
    return (f'<text class="chart__caption" x="{_f(x)}" y="{_f(y)}" text-anchor="middle" fill="{MUTED}">'
            f'{_text(text)}</text>')


def _line(x1, y1, x2, y2, colour, css):
    return f'<line class="{css}" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{colour}"/>'


def _require_length(name, values, x_labels):
    if len(values) != len(x_labels):
        raise ValueError(f"{name!r} has {len(values)} values for {len(x_labels)} weeks.")


def _text(value):
    """Untrusted text escaped for an SVG text node or attribute (a string marked safe is escaped all the same)."""
    return html.escape(_plain(value), quote=True)


def _plain(value):
    """The value as an exact ``str`` (a safe-string subclass loses its mark and its own ``replace``), without the
    characters XML forbids."""
    return _FORBIDDEN_IN_XML.sub("", str.__str__(str(value)))


def _truncate(label, max_chars):
    text = _plain(label)
    limit = max(int(max_chars), 2)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _percent(part, whole):
    share = _decimal(part) * 100 / _decimal(whole)
    return f"{share.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def _plain_number(value):
    """A number as a reader writes it: 1,234 or 1,234.5."""
    number = _decimal(value)
    if not number.is_finite():
        return "–"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"


def _number(value):
    """A value as a coordinate (a non-finite value counts as 0)."""
    number = float(value)
    return number if math.isfinite(number) else 0.0


def _decimal(value):
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _f(number):
    """A coordinate with at most one decimal."""
    return f"{round(float(number), 1):g}"
