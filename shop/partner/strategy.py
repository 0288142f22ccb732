from oscar.apps.partner import availability
from oscar.apps.partner import strategy as oscar_strategy


class OfferStrategy(oscar_strategy.Default):
    """Oscar's default (first stock record, stock required, no tax) that also refuses withdrawn offers."""

    def availability_policy(self, product, stockrecord):
        if getattr(product, "withdrawn_at", None) is not None:
            return availability.Unavailable()
        return super().availability_policy(product, stockrecord)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OfferStrategy(request)
