from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = _("Offset shop")

    def ready(self):
        try:
            from registry.signals import block_eligibility_changed, block_holding_reduced
        except ImportError:  # the registry app does not send them (yet)
            return
        from shop.receivers import block_eligibility_changed_receiver, block_holding_reduced_receiver

        block_holding_reduced.connect(block_holding_reduced_receiver, dispatch_uid="shop_offer_holding_reduced")
        block_eligibility_changed.connect(
            block_eligibility_changed_receiver, dispatch_uid="shop_offer_eligibility_changed"
        )
