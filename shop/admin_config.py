"""Django admin with Atelier's site (``shop.admin_site``): administrators everywhere, roles only in their apps."""

from django.contrib.admin.apps import AdminConfig


class AtelierAdminConfig(AdminConfig):
    default_site = "shop.admin_site.AtelierAdminSite"
