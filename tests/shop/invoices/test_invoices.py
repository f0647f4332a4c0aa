"""The PDF invoice of a paid order: its owner downloads it from the order page (a guest from the order's private
page, staff from the dashboard), numbered once from one sequence; before payment the page says why there is none."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from shop.apps.checkout.models import OrderCheckoutDetails
from shop.invoices.documents import buyer_lines
from shop.invoices.models import Invoice
from shop.invoices.services import issue_invoice, paid_statuses
from tests.served import in_parallel
from tests.shop.invoices.conftest import order_page
from tests.shop.invoices.pdf_text import pdf_text


def invoice_url(order):
    return reverse("invoices:member-invoice", kwargs={"order_number": order.number})


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    return pdf_text(response.content)


def test_the_owner_downloads_the_invoice_from_the_order_page(client, member, sneaker_order):
    order = sneaker_order(user=member, quantity=2)
    client.force_login(member)
    page = client.get(order_page(order)).content.decode()
    assert f'href="{invoice_url(order)}" data-download-invoice>Download your invoice (PDF)</a>' in page
    text = download(client, invoice_url(order))
    invoice = Invoice.objects.get(order=order)
    assert f"Invoice {invoice.reference}" in text and invoice.reference.startswith("INV-")
    assert "From: Atelier BV" in text and "VAT number BE0123.456.749" in text and "Lijnwaadkaai 27" in text
    assert "Invoiced to:" in text and "Ada Lovelace" in text and "Veldstraat 1" in text  # the billing address
    assert "milo@example.com" in text and f"Order {order.number}" in text
    # the line, its configuration, quantity, unit price and amount with VAT
    assert "The Atelier Sneaker Size: EU 40 · Upper material: Full-grain leather" in text
    assert "Extras: Spare pair of laces 2 €167.00 €334.00" in text
    assert "Delivery: Delivery to your door (Benelux) €0.00" in text  # sneakers ship free in the Benelux
    # 167.00 contains 138.02 without VAT (138.0165…), twice: 276.04, and 57.96 VAT
    assert "Total excl. VAT €276.04 VAT 21 % €57.96 Total incl. VAT €334.00" in text
    assert order.total_incl_tax == Decimal("334.00") and order.total_tax == Decimal("57.96")


def test_the_number_is_given_once_and_numbers_follow_each_other(client, member, sneaker_order):
    first, second = sneaker_order(user=member), sneaker_order(user=member)
    client.force_login(member)
    download(client, invoice_url(second))
    download(client, invoice_url(first))
    download(client, invoice_url(second))
    numbers = dict(Invoice.objects.values_list("order_id", "number"))
    assert numbers[first.pk] == numbers[second.pk] + 1 and len(numbers) == 2


def test_no_invoice_before_the_order_is_paid(client, member, sneaker_order):
    order = sneaker_order(user=member, status="Pending")
    client.force_login(member)
    page = client.get(order_page(order)).content.decode()
    assert "data-download-invoice" not in page
    assert "The invoice can be downloaded here once the payment has been received." in page
    response = client.get(invoice_url(order), follow=True)
    assert response.redirect_chain[-1][0] == order_page(order)
    assert "The invoice can be downloaded here once the payment has been received." in response.content.decode()
    assert not Invoice.objects.exists()


def test_a_cancelled_order_keeps_the_invoice_it_had_and_gets_none_otherwise(client, member, sneaker_order):
    unpaid, invoiced = sneaker_order(user=member, status="Pending"), sneaker_order(user=member)
    client.force_login(member)
    download(client, invoice_url(invoiced))
    unpaid.set_status("Cancelled")
    invoiced.set_status("Cancelled")
    page = client.get(order_page(unpaid)).content.decode()
    assert "This order was cancelled before it was invoiced, so it has no invoice." in page
    assert client.get(invoice_url(unpaid)).status_code == 302
    assert "data-download-invoice" in client.get(order_page(invoiced)).content.decode()
    assert Invoice.objects.get(order=invoiced).reference in download(client, invoice_url(invoiced))
    assert Invoice.objects.count() == 1


def test_nobody_else_gets_a_customers_invoice(client, member, sneaker_order, demo_user):
    order = sneaker_order(user=member)
    assert client.get(invoice_url(order))["Location"].startswith("/shop/accounts/login/")
    client.force_login(demo_user("shopper"))
    assert client.get(invoice_url(order)).status_code == 404
    guest_url = reverse("invoices:guest-invoice", kwargs={"order_number": order.number,
                                                          "hash": order.verification_hash()})
    assert client.get(guest_url).status_code == 404  # a member's order is never a guest's
    assert not Invoice.objects.exists()


def test_a_guest_downloads_it_from_the_private_order_page(client, sneaker_order):
    order = sneaker_order()
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    url = reverse("invoices:guest-invoice", kwargs=kwargs)
    assert client.get(url).status_code == 404  # the e-mail address is not confirmed yet
    page = client.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": "ada@example.com"},
                       follow=True).content.decode()
    assert f'href="{url}" data-download-invoice>' in page
    assert "ada@example.com" in download(client, url)
    wrong = reverse("invoices:guest-invoice", kwargs={**kwargs, "hash": "0" * 40})
    assert client.get(wrong).status_code == 404


def test_staff_who_may_see_orders_download_it_from_the_dashboard(client, client_as, sneaker_order, django_user_model):
    order = sneaker_order()
    url = reverse("dashboard:order-invoice", kwargs={"number": order.number})
    page = client_as("support").get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert f'href="{url}" data-download-invoice>Invoice (PDF)</a>' in page.content.decode()
    assert "Invoice INV-" in download(client, url)
    client.force_login(django_user_model.objects.create_user(username="temp", email="temp@atelier.example",
                                                             password="pw", is_staff=True))
    assert client.get(url).status_code in (302, 403)


def test_the_invoice_names_the_company_and_vat_number_given_at_checkout(client, member, sneaker_order):
    order = sneaker_order(user=member)
    OrderCheckoutDetails.objects.create(order=order, company_name="Lovelace Engines BV", vat_number="BE0999999902",
                                        terms_version="2026-11", terms_accepted_at=timezone.now())
    client.force_login(member)
    text = download(client, invoice_url(order))
    assert "Invoiced to: Lovelace Engines BV VAT number BE0999999902 Ada Lovelace" in text


def test_without_a_company_the_invoice_is_to_the_person():
    order = SimpleNamespace(checkout_details=SimpleNamespace(company_name="", vat_number=""),
                            billing_address=None, shipping_address=None, email="ada@example.com")
    assert buyer_lines(order) == ["ada@example.com"]


def test_the_invoice_page_stays_within_its_query_budget(client, member, sneaker_order,
                                                        django_assert_max_num_queries):
    order = sneaker_order(user=member)
    client.force_login(member)
    download(client, invoice_url(order))
    with django_assert_max_num_queries(14):
        download(client, invoice_url(order))


@pytest.mark.django_db(transaction=True)
def test_invoices_asked_for_at_once_get_one_number_each_without_gaps(sneaker_order, seeded_store):
    orders = [sneaker_order() for _ in range(3)]

    def ask(order):
        def call():
            try:
                return issue_invoice(order=order).number
            finally:
                connection.close()
        return call

    results = in_parallel(*[ask(order) for order in orders for _ in range(2)])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = dict(Invoice.objects.values_list("order_id", "number"))
    assert len(numbers) == 3 and sorted(numbers.values()) == list(range(min(numbers.values()),
                                                                         min(numbers.values()) + 3))
    assert results == [numbers[order.pk] for order in orders for _ in range(2)]


def test_paid_statuses_follow_oscars_order_pipeline(settings):
    assert paid_statuses() == {"Paid", "In production", "Quality check", "Ready to ship", "Shipped", "Delivered"}

    settings.OSCAR_ORDER_STATUS_PIPELINE = {**settings.OSCAR_ORDER_STATUS_PIPELINE,
                                            "Ready to ship": ("Gift-wrapped", "Shipped"), "Gift-wrapped": ("Shipped",)}

    assert "Gift-wrapped" in paid_statuses() and "Pending" not in paid_statuses()


def test_an_order_in_a_step_added_after_paid_gets_its_invoice(client, member, sneaker_order, settings):
    settings.OSCAR_ORDER_STATUS_PIPELINE = {**settings.OSCAR_ORDER_STATUS_PIPELINE,
                                            "Ready to ship": ("Gift-wrapped", "Shipped"), "Gift-wrapped": ("Shipped",)}
    order = sneaker_order(user=member)
    order.status = "Gift-wrapped"
    order.save()
    client.force_login(member)

    assert "data-download-invoice" in client.get(order_page(order)).content.decode()
    text = download(client, invoice_url(order))
    assert Invoice.objects.get(order=order).reference in text
