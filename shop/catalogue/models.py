from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue import abstract_models

# The product class every offer belongs to.
OFFER_PRODUCT_CLASS_SLUG = "cer-offer"


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


from oscar.apps.catalogue.models import *  # noqa: E402
