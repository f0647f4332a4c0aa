"""Staff roles as Django groups, each with exactly the model permissions its work needs.

Oscar 4's dashboard opens a view to staff only when they hold the view's model
permissions, and Wagtail's admin needs ``wagtailadmin.access_admin``; so a role
is a group of permissions plus ``is_staff`` on its members.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SUPPORT = "Support agents"
SUPPORT_LEADS = "Support leads"
MERCHANDISERS = "Merchandisers"
PRODUCTION = "Production planners"

ROLE_PERMISSIONS = {
    # Answer customers: see their orders and accounts, add order notes, maintain the help centre.
    SUPPORT: [
        "order.view_order", "order.change_order", "order.view_line", "order.add_ordernote",
        "order.change_ordernote", "order.view_ordernote",
        "auth.view_user",
        "catalogue.view_product", "configurator.view_configurableproduct", "configurator.view_savedconfiguration",
        "wagtailadmin.access_admin", "wagtailimages.choose_image",
        # give money back on an order's Stripe payment (shop.payments.services.refund_order_payment)
        "payments.view_stripepayment", "payments.view_paymentrefund", "payments.add_paymentrefund",
        # the help desk: requests, macros, reports (the request screen shows a linked order's production status)
        "support.view_supportrequest", "support.add_supportrequest", "support.change_supportrequest",
        "support.view_support_reports",
        "support.view_macro", "support.add_macro", "support.change_macro", "support.delete_macro",
        # returns and goodwill: approve, receive, inspect and settle returns; grant goodwill up to the agent limit
        "returns.view_return", "returns.change_return", "returns.view_gesture", "returns.add_gesture",
        "returns.view_storecredit",
        # who a customer is: their loyalty standing and tier history
        "loyalty.view_standing", "loyalty.view_tierchange", "loyalty.view_tier",
    ],

    # Shape the catalogue, prices, offers and the storefront's content.
    MERCHANDISERS: [
        "catalogue.view_product", "catalogue.add_product", "catalogue.change_product", "catalogue.delete_product",
        "catalogue.view_category", "catalogue.add_category", "catalogue.change_category",
        "catalogue.view_productclass", "catalogue.view_option", "catalogue.add_option", "catalogue.change_option",
        "catalogue.view_productimage", "catalogue.add_productimage", "catalogue.change_productimage",
        "catalogue.delete_productimage",
        "partner.view_partner", "partner.view_stockrecord", "partner.add_stockrecord", "partner.change_stockrecord",
        "partner.view_stockalert",
        "offer.view_conditionaloffer", "offer.add_conditionaloffer", "offer.change_conditionaloffer",
        "offer.view_range", "offer.add_range", "offer.change_range",
        "voucher.view_voucher", "voucher.add_voucher", "voucher.change_voucher", "voucher.view_voucherset",
        "analytics.view_userrecord", "analytics.view_productrecord",
        "order.view_order",
        "wagtailadmin.access_admin", "wagtailimages.add_image", "wagtailimages.change_image",
        "wagtailimages.choose_image",
        # feature models: edit the draft, publish (add a version) and retire versions (change one)
        *[f"configurator.{action}_{model}" for model in (
            "configurableproduct", "featuregroup", "featureoption", "billofmaterialsline", "featurerule", "pricerule",
        ) for action in ("view", "add", "change", "delete")],
        "configurator.view_modelversion", "configurator.add_modelversion", "configurator.change_modelversion",
        # loyalty tiers: their thresholds and perks (tier offers are Oscar offers, above)
        "loyalty.view_tier", "loyalty.change_tier", "loyalty.add_tier",
        # Dashboard → Demand: what shoppers choose, combine, abandon and will need
        "demand.view_demand_reports",
    ],
    # Plan and move orders through production.
    PRODUCTION: [
        "order.view_order", "order.change_order", "order.view_line", "order.change_line",
        "order.view_ordernote", "order.add_ordernote",
        "catalogue.view_product", "partner.view_stockrecord",
        # the production queue, work orders and their specs; the workshop's capacity, closures and routings
        "production.view_workorder", "production.change_workorder", "production.view_workorderevent",
        *[f"production.{action}_{model}" for model in ("workstation", "nonworkingday", "routingstep")
          for action in ("view", "add", "change", "delete")],
        "configurator.view_configurableproduct",
    ],
}

# Support leads do all an agent does, grant goodwill above an agent's limit or approve what agents asked for,
# raise a customer's loyalty tier by hand, and export a customer's personal data at their request.
ROLE_PERMISSIONS[SUPPORT_LEADS] = [*ROLE_PERMISSIONS[SUPPORT], "returns.approve_goodwill", "returns.change_gesture",
                                   "loyalty.raise_tier", "privacy.export_personal_data"]

# Django admin is for administrators (superusers). A role may open only these admin apps there; everything
# else it does in the Oscar dashboard. Support agents' requests and macros are in the dashboard; the desk's
# targets, hours, queues and routing rules are set by administrators.
ADMIN_APPS_OF_ROLE = {
    PRODUCTION: {"production"},  # the workshop set-up: workstations, closures, routings
}


def django_admin_apps(user):
    """The Django admin app labels ``user``'s roles may open (superusers: see shop.admin_site)."""
    names = user.groups.filter(name__in=ADMIN_APPS_OF_ROLE).values_list("name", flat=True)
    return set().union(*(ADMIN_APPS_OF_ROLE[name] for name in names))


# Wagtail page permissions per role: (group, page model's URL slug path, codenames) are applied by the seed.
PAGE_PERMISSIONS = {
    SUPPORT: ("help", ["add_page", "change_page", "publish_page"]),
    MERCHANDISERS: ("", ["add_page", "change_page", "publish_page"]),
}


def permissions_for(names):
    query = Q()
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type"))
    missing = set(names) - {f"{p.content_type.app_label}.{p.codename}" for p in found}
    if missing:
        raise LookupError(f"Unknown permissions: {', '.join(sorted(missing))}")
    return found


def ensure_role_groups():
    """Create or update the role groups so they hold exactly the permissions listed above."""
    groups = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions_for(perms))
        groups[name] = group
    return groups
