"""The invoice of a paid order as a PDF (ReportLab, in the style of the workshop's spec sheets).

It names the seller (settings.INVOICE_SELLER) and the buyer (billing address, else the delivery address; the company
and VAT number given at checkout, when there are any), and lists each item with its configuration, quantity and
price with VAT, the discounts, the delivery, and the totals without VAT, the VAT and with VAT, as Oscar recorded
them when the order was placed (shop/apps/partner/tax.py explains how the VAT is worked out).
"""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from oscar.templatetags.currency_filters import currency
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from configurator.models import OrderLineConfiguration
from shop.apps.partner.templatetags.vat_tags import rate_label
from shop.dates import long_date


def checkout_company(order):
    """(company name, VAT number) given at checkout, or None: read only if the checkout records them."""
    try:
        details = order.checkout_details
    except (AttributeError, ObjectDoesNotExist):
        return None
    company, vat_number = getattr(details, "company_name", ""), getattr(details, "vat_number", "")
    return (company, vat_number) if company or vat_number else None


def buyer_lines(order):
    """The buyer as printed: company and VAT number (if given), then the billing address, else the delivery one."""
    lines = []
    company = checkout_company(order)
    if company is not None:
        lines += [company[0], f"VAT number {company[1]}" if company[1] else ""]
    address = order.billing_address or order.shipping_address
    if address is not None:
        lines += list(address.active_address_fields())
    lines.append(order.email)
    return [line for line in lines if line]


def line_summary(snapshot):
    """"Frame: Aluminium · Brakes: Disc" for a configured line; empty for a stock item."""
    return " · ".join(f"{step}: {choice}" for step, choice in (snapshot or {}).get("features", []))


def invoice_rows(order):
    """The item, discount and delivery rows: (description, configuration, quantity, unit price, amount)."""
    snapshots = dict(OrderLineConfiguration.objects.filter(line__order=order).values_list("line_id", "snapshot"))
    rows = [(line.title, line_summary(snapshots.get(line.pk)), line.quantity, line.unit_price_incl_tax,
             line.line_price_before_discounts_incl_tax) for line in order.lines.all()]
    for discount in order.basket_discounts:
        rows.append((f"Discount: {discount.offer_name or discount.voucher_code}", "", None, None, -discount.amount))
    rows.append((f"Delivery: {order.shipping_method}", "", None, None, order.shipping_incl_tax))
    return rows


def _money(amount, order):
    return currency(amount, order.currency) if amount is not None else ""


def _grid(rows, widths, header_rows=1):
    table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("FONT", (0, 0), (-1, header_rows - 1), "Helvetica-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.whitesmoke),
    ]))
    return table


def invoice_story(invoice):
    order = invoice.order
    styles = getSampleStyleSheet()
    text, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    seller = settings.INVOICE_SELLER
    rate = rate_label()

    def block(lines):
        return Paragraph("<br/>".join(escape(str(line)) for line in lines), text)

    parties = Table([[block([f"From: {seller['name']}", *seller["address"], f"VAT number {seller['vat_number']}",
                             seller["email"]]),
                      block(["Invoiced to:", *buyer_lines(order)])]], colWidths=[90 * mm, 90 * mm], hAlign="LEFT")
    parties.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    facts = _grid([["Invoice number", invoice.reference],
                   ["Invoice date", long_date(timezone.localdate(invoice.issued_at))],
                   ["Order", order.number],
                   ["Order date", long_date(timezone.localdate(order.date_placed))]], [45 * mm, 60 * mm], 0)
    facts.setStyle(TableStyle([("ALIGN", (1, 0), (-1, -1), "LEFT")]))
    items = [["Item", "Quantity", "Unit price incl. VAT", "Amount incl. VAT"]]
    for title, summary, quantity, unit_price, amount in invoice_rows(order):
        description = escape(title) + (f"<br/><font size=8>{escape(summary)}</font>" if summary else "")
        items.append([Paragraph(description, text), "" if quantity is None else str(quantity),
                      _money(unit_price, order), _money(amount, order)])
    totals = _grid([["Total excl. VAT", _money(order.total_excl_tax, order)],
                    [f"VAT {rate} %", _money(order.total_tax, order)],
                    ["Total incl. VAT", _money(order.total_incl_tax, order)]], [45 * mm, 35 * mm], 0)
    totals.setStyle(TableStyle([("FONT", (0, 2), (-1, 2), "Helvetica-Bold", 9)]))
    totals.hAlign = "RIGHT"
    return [
        Paragraph(f"<b>Invoice {escape(invoice.reference)}</b>", styles["Title"]),
        parties, Spacer(1, 5 * mm), facts, Spacer(1, 6 * mm),
        _grid(items, [95 * mm, 20 * mm, 32 * mm, 33 * mm]), Spacer(1, 4 * mm), totals, Spacer(1, 6 * mm),
        Paragraph(escape(f"Paid in full. Prices include Belgian VAT at {rate} %."), small),
    ]


def invoice_pdf(invoice):
    """The invoice as PDF bytes (A4)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                 bottomMargin=15 * mm, title=f"Invoice {invoice.reference}",
                                 author=settings.INVOICE_SELLER["name"])
    document.build(invoice_story(invoice))
    return buffer.getvalue()
