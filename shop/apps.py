from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = _("Offset shop")

    def ready(self):
        try:
            from registry.signals import block_holding_reduced
        except ImportError:  # the registry app does not send it (yet)
            return
        from shop.receivers import block_holding_reduced_receiver

        block_holding_reduced.connect(block_holding_reduced_receiver, dispatch_uid="shop_offer_holding_reduced")
