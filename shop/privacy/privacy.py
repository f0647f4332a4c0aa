"""The personal data Oscar's own apps hold for the store: the account and its address book, e-mails and
notifications, stock alerts, browsing records, and orders (with their addresses and order e-mails)."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from oscar.core.loading import get_model

from shop.privacy.models import ErasureRequest, PersonalDataAccess
from shop.privacy.records import ERASED, owned, records
from shop.privacy.registry import Export, Subject, register, register_access_point

UserAddress = get_model("address", "UserAddress")
Email = get_model("communication", "Email")
Notification = get_model("communication", "Notification")
CommunicationEvent = get_model("order", "CommunicationEvent")
ProductAlert = get_model("customer", "ProductAlert")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")
UserSearch = get_model("analytics", "UserSearch")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Bankcard = get_model("payment", "Bankcard")
ProductReview = get_model("reviews", "ProductReview")
Vote = get_model("reviews", "Vote")
WishList = get_model("wishlists", "WishList")
VoucherApplication = get_model("voucher", "VoucherApplication")

ADDRESS_FIELDS_ERASED = {"title": "", "first_name": "", "last_name": ERASED, "line1": ERASED, "line2": "",
                         "line3": "", "line4": "", "state": "", "postcode": "", "phone_number": "",
                         "search_text": ""}  # the country stays: VAT was charged by it
ADDRESS = ["title", "first_name", "last_name", "line1", "line2", "line3", "line4", "state", "postcode",
           ("country", "country.printable_name"), "phone_number"]


def export_account(subject):
    user = subject.user
    if user is None:
        return Export(records={"emails": records(Email.objects.filter(email__in=subject.emails),
                                                 ["subject", "body_text", "email", "date_sent"])})
    return Export(records={
        "profile": records(get_user_model().objects.filter(pk=user.pk),
                           ["email", "first_name", "last_name", "date_joined", "last_login"]),
        "address_book": records(UserAddress.objects.filter(user=user).select_related("country"),
                                [*ADDRESS, "is_default_for_shipping", "is_default_for_billing", "date_created"]),
        "emails": records(Email.objects.filter(owned(subject, email_field="email")).order_by("date_sent"),
                          ["subject", "body_text", "email", "date_sent"]),
        "notifications": records(Notification.objects.filter(recipient=user),
                                 ["subject", "body", "date_sent", "date_read"]),
        "stock_alerts": records(ProductAlert.objects.filter(owned(subject, email_field="email")),
                                [("product", "product.get_title"), "email", "status", "date_created"]),
        "browsing": {
            "summary": records(UserRecord.objects.filter(user=user),
                               ["num_product_views", "num_basket_additions", "num_orders", "total_spent"]),
            "products_viewed": records(UserProductView.objects.filter(user=user).select_related("product"),
                                       [("product", "product.get_title"), "date_created"]),
            "searches": records(UserSearch.objects.filter(user=user), ["query", "date_created"]),
        },
        "baskets": records(Basket.objects.filter(owner=user).prefetch_related("lines__product"),
                           ["status", "date_created", "date_submitted", ("lines", "lines")]),
        # switched off in this store (reviews, wish lists, saved bank cards), exported should they ever hold any
        "reviews": records(ProductReview.objects.filter(owned(subject, email_field="email")),
                           [("product", "product.get_title"), "title", "body", "score", "date_created"]),
        "review_votes": records(Vote.objects.filter(user=user), [("review", "review.title"), "delta"]),
        "wish_lists": records(WishList.objects.filter(owner=user).prefetch_related("lines"),
                              ["name", "visibility", ("lines", "lines"), "date_created"]),
        "saved_cards": records(Bankcard.objects.filter(user=user), ["card_type", "number", "expiry_date"]),
        "erasure_requests": records(ErasureRequest.objects.filter(user=user),
                                    ["requested_at", "due_at", "cancelled_at", "carried_out_at"]),
    })


def export_orders(subject):
    orders = (Order.objects.filter(owned(subject, email_field="guest_email"))
              .select_related("shipping_address__country", "billing_address__country")
              .prefetch_related("lines", "communication_events__event_type").order_by("date_placed"))
    rows = []
    for order in orders:
        rows.append({
            "number": order.number, "placed": order.date_placed, "status": order.status, "currency": order.currency,
            "total_incl_tax": order.total_incl_tax, "shipping_incl_tax": order.shipping_incl_tax,
            "guest_email": order.guest_email, "shipping_method": order.shipping_method,
            "shipping_address": records([order.shipping_address], ADDRESS)[0] if order.shipping_address else None,
            "billing_address": records([order.billing_address], ADDRESS)[0] if order.billing_address else None,
            "lines": records(order.lines.all(), ["title", "upc", "quantity", "line_price_incl_tax", "status"]),
            "emails_sent": records(order.communication_events.all(),
                                   [("event", "event_type.name"), "date_created"]),
        })
    vouchers = VoucherApplication.objects.filter(order__in=orders).select_related("voucher", "order")
    return Export(records={"orders": rows, "vouchers_used": records(vouchers, [
        ("code", "voucher.code"), ("order", "order.number"), "date_created"])})


def erase_account(subject):
    """The account anonymised (it can no longer sign in) and everything kept only for it deleted: the address book,
    e-mails and notifications, alerts, browsing records, baskets not ordered, reviews, wish lists, sessions."""
    erased = Email.objects.filter(owned(subject, email_field="email")).delete()[0]
    erased += ProductAlert.objects.filter(owned(subject, email_field="email")).delete()[0]
    erased += ProductReview.objects.filter(owned(subject, email_field="email")).delete()[0]
    user = subject.user
    if user is None:
        return erased
    for model, field in ((UserAddress, "user"), (Notification, "recipient"), (UserRecord, "user"),
                         (UserProductView, "user"), (UserSearch, "user"), (Vote, "user"), (WishList, "owner"),
                         (Bankcard, "user")):
        erased += model.objects.filter(**{field: user}).delete()[0]
    erased += Basket.objects.filter(owner=user, order__isnull=True).delete()[0]
    Basket.objects.filter(owner=user).update(owner=None)
    erased += sum(session.delete()[0] for session in Session.objects.all()
                  if str(session.get_decoded().get("_auth_user_id")) == str(user.pk))
    user.email, user.username = subject.placeholder, subject.placeholder
    user.first_name, user.last_name, user.is_active = "", "", False
    user.set_unusable_password()
    user.save()
    return erased + 1


def erase_orders(subject):
    """Orders stay (numbers, amounts, VAT, what was ordered); the guest's e-mail and the names, streets and phone
    numbers of their addresses go."""
    orders = Order.objects.filter(owned(subject, email_field="guest_email"))
    for model in (ShippingAddress, BillingAddress):
        fields = {f.name for f in model._meta.concrete_fields}
        model.objects.filter(order__in=orders).update(
            **{name: value for name, value in ADDRESS_FIELDS_ERASED.items() if name in fields})
    return orders.exclude(guest_email="").update(guest_email=subject.placeholder) + orders.count()


register("Account", models=[
    "auth.User", "address.UserAddress", "communication.Email", "communication.Notification",
    "customer.ProductAlert", "analytics.UserRecord", "analytics.UserProductView", "analytics.UserSearch",
    "basket.Basket", "basket.Line", "reviews.ProductReview", "reviews.Vote", "wishlists.WishList",
    "wishlists.WishListSharedEmail", "payment.Bankcard", "privacy.ErasureRequest",
], export=export_account, erase=erase_account)
register("Orders", models=[
    "order.Order", "order.ShippingAddress", "order.BillingAddress", "order.Line", "order.CommunicationEvent",
    "voucher.VoucherApplication",
], export=export_orders, erase=erase_orders)


def export_accesses(subject):
    """Who on our staff opened the customer's data, and what, when."""
    return Export(records={"accesses": records(
        PersonalDataAccess.objects.filter(owned(subject, user_field="customer", email_field="email")),
        [("staff", "staff_name"), "what", "at"])})


def erase_accesses(subject):
    """The log of who opened the customer's data stays (it is the staff's record), no longer naming them."""
    return PersonalDataAccess.objects.filter(owned(subject, user_field="customer", email_field="email")).update(
        email="")


register("Who opened your data", models=["privacy.PersonalDataAccess"], export=export_accesses,
         erase=erase_accesses)


def _order_opened(kwargs):
    order = Order.objects.filter(number=kwargs.get("number")).select_related("user").only(
        "number", "guest_email", "user__email").first()
    if order is None:
        return None
    return Subject.of(user=order.user, email=order.guest_email), f"Order {order.number}"


def _customer_opened(kwargs):
    user = get_user_model().objects.filter(pk=kwargs.get("pk") or kwargs.get("user_id")).first()
    return (Subject.of(user=user), "Customer record") if user is not None else None


register_access_point("dashboard:order-detail", subject_of=_order_opened)
register_access_point("dashboard:user-detail", subject_of=_customer_opened)
