from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue import abstract_models

# The product class every offer belongs to.
OFFER_PRODUCT_CLASS_SLUG = "cer-offer"


class SuspensionReason(models.TextChoices):
    """Why the registry no longer lets an offer's CERs be sold (seed 001: issued, share of proceeds paid, pending or
    permanent holding account)."""

    NOT_ISSUED = "not_issued", _("The registry reports these CERs as not issued.")
    SHARE_OF_PROCEEDS_UNPAID = "share_of_proceeds_unpaid", _("The registry reports their share of proceeds as unpaid.")
    ACCOUNT_KIND = "account_kind", _("The registry moved them out of the pending or permanent holding account.")


class Product(abstract_models.AbstractProduct):
    """An offer is a product linked to the registry block it sells, with one stock record."""

    unit_block = models.ForeignKey(
        "registry.UnitBlock",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offer_products",
        verbose_name=_("unit block"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, db_index=True)
    # Set by a registry sync that makes the block ineligible, cleared when it is eligible again; a suspended offer
    # stays the block's live offer (its orders and its price) but cannot be bought or seen in the catalogue.
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True, db_index=True)
    suspension_reason = models.CharField(
        _("reason for the suspension"), max_length=32, choices=SuspensionReason.choices, blank=True
    )

    class Meta(abstract_models.AbstractProduct.Meta):
        constraints = [
            # One live offer per block (seed 001); withdrawn offers stay for the order history.
            models.UniqueConstraint(
                fields=["unit_block"],
                condition=models.Q(withdrawn_at__isnull=True, unit_block__isnull=False),
                name="one_live_offer_per_block",
            ),
        ]

    @property
    def is_live_offer(self) -> bool:
        return self.unit_block_id is not None and self.withdrawn_at is None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None


from oscar.apps.catalogue.models import *  # noqa: E402
