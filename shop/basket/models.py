from oscar.apps.basket.abstract_models import AbstractBasket


class Basket(AbstractBasket):
    def all_lines(self):
        """Oscar's cached lines, with what the basket page and checkout show joined in (constant queries)."""
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            self._lines = (
                self.lines.select_related(
                    "product__product_class", "product__unit_block__project", "stockrecord__partner"
                )
                .prefetch_related("attributes")
                .order_by(self._meta.pk.name)
            )
        return self._lines


from oscar.apps.basket.models import *  # noqa: E402
