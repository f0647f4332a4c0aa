import oscar.apps.basket.apps as apps
from django.db.models.signals import m2m_changed


class BasketConfig(apps.BasketConfig):
    name = "shop.apps.basket"

    def ready(self):
        super().ready()
        # the models module can only be imported once the app registry is ready
        from shop.apps.basket import models  # noqa: PLC0415

        m2m_changed.connect(models.refuse_vouchers_while_paying, sender=models.Basket.vouchers.through,
                            dispatch_uid="basket-vouchers-while-paying")
