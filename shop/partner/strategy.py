from oscar.apps.partner import availability
from oscar.apps.partner import strategy as oscar_strategy

from shop.partner.availability import OfferStockRequired, OfferSuspended


class OfferStrategy(oscar_strategy.Default):
    """Oscar's default (first stock record, stock required, no tax) that also refuses withdrawn and suspended offers."""

    def availability_policy(self, product, stockrecord):
        if getattr(product, "withdrawn_at", None) is not None or not stockrecord:
            return availability.Unavailable()
        if getattr(product, "suspended_at", None) is not None:
            return OfferSuspended()
        if not product.get_product_class().track_stock:
            return availability.Available()
        return OfferStockRequired(stockrecord.net_stock_level)

    def fetch_for_line(self, line, stockrecord=None):
        # The line already carries its stock record: no extra query per line.
        return self.fetch_for_product(line.product, stockrecord=stockrecord or line.stockrecord)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OfferStrategy(request)
