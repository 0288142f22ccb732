from django.utils.translation import gettext as _
from oscar.apps.partner.availability import *  # noqa: F403
from oscar.apps.partner.availability import StockRequired


class OfferStockRequired(StockRequired):
    """Oscar's stock policy with messages in CERs."""

    def is_purchase_permitted(self, quantity):
        if self.num_available <= 0:
            return False, _("This offer has no CERs left.")
        if quantity > self.num_available:
            return False, _("Only %(available)s CERs of this offer are available; choose %(available)s or fewer.") % {
                "available": self.num_available
            }
        return True, ""
