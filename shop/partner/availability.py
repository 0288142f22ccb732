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


class OfferSuspended(Unavailable):  # noqa: F405
    """The registry made the offer's block ineligible: nothing more of it can be bought until it is eligible again."""

    code = "suspended"

    @property
    def message(self):
        return _("Suspended")

    def is_purchase_permitted(self, quantity):
        return False, _("the registry no longer allows these CERs to be sold; remove them from your basket")
