from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "shop.cms"
    label = "cms"
    verbose_name = "Content pages"
    default_auto_field = "django.db.models.AutoField"
