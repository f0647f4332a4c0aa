from django.apps import AppConfig

from shop.pagecache import watch_content


class CmsConfig(AppConfig):
    name = "shop.cms"
    label = "cms"
    verbose_name = "Content pages"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        watch_content()  # cached pages and fragments (shop/pagecache.py) are rendered afresh after a change
