"""The printable return slip (PDF, ReportLab, A4): the customer packs it with the item they send back.

It carries the return number as text and as a QR code (ReportLab draws it; the workshop scans it when the parcel
arrives), the order, the item and how many, the customer's name and the address to send it to
(settings.RETURN_ADDRESS). Like the production spec (configurator/production/documents.py), it is built from
ReportLab's platypus flowables with its sample styles; every text is escaped, since names are typed by people.
"""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shop.dates import long_date
from support.returns.models import Reason

QR_SIZE = 40 * mm


def return_qr_code(number, size=QR_SIZE):
    """A QR code of the return number, as a ReportLab drawing ``size`` wide."""
    widget = QrCodeWidget(number)
    widget.barWidth = widget.barHeight = size
    drawing = Drawing(size, size)
    drawing.add(widget)
    return drawing


def customer_name(ret):
    """The name the customer gave (or their account's), else the order's delivery name."""
    request = ret.request
    name = request.name or (request.customer.get_full_name() if request.customer_id else "")
    if not name and ret.order.shipping_address_id:
        name = ret.order.shipping_address.name
    return name or request.email


def address_lines(address=None):
    """settings.RETURN_ADDRESS as the lines of a label ("Atelier returns, Loods 4, …": one line per part)."""
    return [part.strip() for part in (address or settings.RETURN_ADDRESS).replace("\n", ",").split(",")
            if part.strip()]


def slip_story(ret):
    styles = getSampleStyleSheet()
    text, heading = styles["BodyText"], styles["Heading2"]
    title = Paragraph(f"<b>Return {escape(ret.number)}</b>", styles["Title"])
    intro = Paragraph("Put this slip inside the parcel, with the item.", text)
    top = Table([[[title, intro], return_qr_code(ret.number)]], colWidths=[135 * mm, 45 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    facts = Table([
        ["Return number", ret.number],
        ["Order", ret.order.number],
        ["Item", Paragraph(escape(ret.line.title), text)],
        ["Quantity", str(ret.quantity)],
        ["Reason", Reason(ret.reason).label],
        ["Customer", Paragraph(escape(customer_name(ret)), text)],
        ["Approved on", long_date(ret.approved_at and timezone.localdate(ret.approved_at))],
    ], colWidths=[45 * mm, 135 * mm], hAlign="LEFT")
    facts.setStyle(TableStyle([
        ("FONT", (0, 0), (0, -1), "Helvetica-Bold", 10), ("FONT", (1, 0), (1, -1), "Helvetica", 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
    ]))
    address = Paragraph("<br/>".join(escape(line) for line in address_lines()), styles["Heading3"])
    label = Table([[address]], colWidths=[110 * mm], hAlign="LEFT")
    label.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm),
                               ("TOPPADDING", (0, 0), (-1, -1), 4 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
    return [
        top, Spacer(1, 6 * mm), facts, Spacer(1, 8 * mm),
        Paragraph("Send the parcel to", heading), label, Spacer(1, 6 * mm),
        Paragraph("Pack the item well: we inspect it as it arrives. Keep the proof of postage the carrier gives "
                  "you until we write that the return has reached us.", text),
    ]


def return_slip_pdf(ret):
    """The return slip of an approved return as PDF bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                 bottomMargin=15 * mm, title=f"Return {ret.number}", author=settings.OSCAR_SHOP_NAME)
    document.build(slip_story(ret))
    return buffer.getvalue()
