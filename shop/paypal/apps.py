from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayPalConfig(AppConfig):
    name = "shop.paypal"
    label = "paypal"
    verbose_name = _("PayPal payments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
