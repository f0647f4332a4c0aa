"""Spec documents of a work order: printable PDF (ReportLab), JSON, CSV; the pick list as CSV; QR codes.

ReportLab rather than WeasyPrint: it is a pure-Python wheel (WeasyPrint needs Pango and its fonts from the
system), it draws QR codes itself, and svglib turns the layered preview SVG into ReportLab drawings, so the
PDF shows the same picture the shopper saw.
"""

import csv
import io
import itertools
import json
import logging
from xml.sax.saxutils import escape

from django.conf import settings
from django.urls import reverse
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from svglib.svglib import svg2rlg

from configurator.svg import clean_svg
from shop.dates import long_date
from shop.spreadsheets import spreadsheet_safe

logger = logging.getLogger("configurator.production")


def work_order_url(work_order):
    """The absolute link a QR code on the spec opens: the work order's page in the staff dashboard."""
    path = reverse("dashboard:production-work-order", kwargs={"number": work_order.number})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _qr_modules(value):
    widget = QrCodeWidget(value)
    widget.qr.make()
    return widget, widget.qr.modules


def qr_svg(value, size=160):
    """A compact inline SVG of the QR code (one path, four modules of quiet zone)."""
    _, modules = _qr_modules(value)
    count, border = len(modules), 4
    parts = []
    for row, cells in enumerate(modules):
        column = 0
        for dark, run in itertools.groupby(bool(cell) for cell in cells):
            length = len(list(run))
            if dark:
                parts.append(f"M{column + border} {row + border}h{length}v1h-{length}z")
            column += length
    extent = count + 2 * border
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {extent} {extent}" width="{size}" height="{size}"'
            f' role="img" aria-label="QR code opening this work order" shape-rendering="crispEdges">'
            f'<rect width="{extent}" height="{extent}" fill="#fff"/><path fill="#000" d="{"".join(parts)}"/></svg>')


def _qr_drawing(value, size=32 * mm):
    widget, _ = _qr_modules(value)
    widget.barWidth = widget.barHeight = size
    drawing = Drawing(size, size)
    drawing.add(widget)
    return drawing


def _preview_drawing(svg, width=70 * mm):
    """The layered preview as a ReportLab drawing scaled to ``width``; None when it can't be drawn."""
    try:
        svg = clean_svg(svg)  # svglib reads the rebuilt drawing, never staff markup as it was typed
    except ValueError:
        logger.warning("The preview of a work order was refused by the SVG check.", exc_info=True)
        return None
    if not svg:
        return None
    try:
        drawing = svg2rlg(io.StringIO(svg))
    except Exception:  # a drawing the PDF can't show must not stop the spec from printing
        logger.warning("The preview of a work order could not be drawn in its PDF.", exc_info=True)
        return None
    if drawing is None or not drawing.width:
        return None
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing


def _table(rows, widths, header=True):
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("FONT", (0, 0), (-1, -1), "Helvetica", 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]
    if header:
        style += [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9), ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]
    table.setStyle(TableStyle(style))
    return table


def _section(title, table, heading):
    """A heading kept on the page of its table: never stranded at the foot of the page before it."""
    return KeepTogether([Paragraph(escape(title), heading), table])


def spec_story(work_order):
    """The flowables of the printable spec: header with QR code, preview, then one section per table."""
    spec = work_order.spec
    styles = getSampleStyleSheet()
    text = styles["BodyText"]
    heading = styles["Heading2"]
    ship_by = work_order.estimated_ship_date
    header_cells = [
        [Paragraph(f"<b>Work order {escape(work_order.number)}</b>", styles["Title"])],
        [Paragraph(escape(f"{spec['product']} · unit {spec['unit']} of {spec['units']} · order {spec['order']}"),
                   text)],
        [Paragraph(escape(f"Model version {spec['model_version']} · configuration {spec['configuration']}"
                          f" · {spec['total_minutes']} minutes of work"), text)],
        [Paragraph(escape(f"Ship by {long_date(ship_by)}") if ship_by else "", text)],
    ]
    header = Table([[Table(header_cells, hAlign="LEFT"), _qr_drawing(work_order_url(work_order))]],
                   colWidths=[140 * mm, 40 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [header, Spacer(1, 4 * mm)]
    preview = _preview_drawing(spec.get("preview_svg", ""))
    if preview is not None:
        story += [preview, Spacer(1, 4 * mm)]
    story.append(_section("Options", _table(
        [["Feature", "Option", "Code"]] + [[o["group_label"], Paragraph(escape(o["label"]), text), o["code"]]
                                           for o in spec["options"]],
        [50 * mm, 80 * mm, 50 * mm]), heading))
    inputs = [[t["label"], Paragraph(escape(t["value"]), text), "text"] for t in spec["texts"]]
    inputs += [[m["label"], f"{m['value']} {m['unit']}".strip(), "measurement"] for m in spec["measurements"]]
    if inputs:
        story.append(_section("Texts and measurements",
                              _table([["Input", "Value", "Kind"]] + inputs, [50 * mm, 80 * mm, 50 * mm]), heading))
    story.append(_section("Bill of materials (per unit)", _table(
        [["Component", "Quantity", "Unit"]] + [[b["component"], b["quantity"], b["unit"]] for b in spec["bom"]],
        [100 * mm, 40 * mm, 40 * mm]), heading))
    story.append(_section("Operations", _table(
        [["#", "Operation", "Workstation", "Minutes", "Done (initials)"]] + [
            [str(i), Paragraph(escape(o["name"]), text), o["workstation_name"], str(o["minutes"]), ""]
            for i, o in enumerate(spec["operations"], 1)],
        [10 * mm, 70 * mm, 50 * mm, 20 * mm, 30 * mm]), heading))
    return story


def spec_pdf(work_order):
    """The printable spec as PDF bytes (A4)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                 bottomMargin=15 * mm, title=f"Work order {work_order.number}",
                                 author=settings.OSCAR_SHOP_NAME)
    document.build(spec_story(work_order))
    return buffer.getvalue()


def spec_json(work_order):
    return json.dumps({**work_order.spec, "status": work_order.status,
                       "estimated_ship_date": work_order.estimated_ship_date and
                       work_order.estimated_ship_date.isoformat()}, indent=2, ensure_ascii=False)


def spec_csv(work_order):
    """One row per item of the spec: section, code, label, value, quantity, unit, workstation, minutes."""
    spec = work_order.spec
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["work_order", "section", "code", "label", "value", "quantity", "unit", "workstation", "minutes"])
    number = work_order.number
    writer.writerow([number, "product", spec.get("product_code", ""), spec["product"],
                     f"unit {spec['unit']} of {spec['units']}", "", "", "", spec["total_minutes"]])
    for option in spec["options"]:
        writer.writerow([number, "option", option["code"], option["group_label"], option["label"], "", "", "", ""])
    for item in spec["texts"]:
        writer.writerow([number, "text", item["code"], item["label"], spreadsheet_safe(item["value"]),
                         "", "", "", ""])
    for item in spec["measurements"]:
        writer.writerow([number, "measurement", item["code"], item["label"], item["value"], "", item["unit"], "", ""])
    for line in spec["bom"]:
        writer.writerow([number, "component", line["component"], "", "", line["quantity"], line["unit"], "", ""])
    for operation in spec["operations"]:
        writer.writerow([number, "operation", operation["code"], operation["name"], "", "", "",
                         operation["workstation"], operation["minutes"]])
    return out.getvalue()


def pick_list_csv(lines):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["component", "quantity", "unit"])
    writer.writerows([line["component"], line["quantity"], line["unit"]] for line in lines)
    return out.getvalue()
