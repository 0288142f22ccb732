from oscar.apps.basket.views import *  # noqa: F403
from oscar.apps.basket.views import BasketView as CoreBasketView

from shop.selectors import basket_summary


class BasketView(CoreBasketView):
    """Oscar's basket with total tonnes and the amount due to each provider."""

    def get_upsell_messages(self, basket):
        return []  # no Oscar discount offers in this shop; skips their queries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(basket_summary(basket=self.request.basket))
        return context

    def remove_deleted_forms(self, formset):
        # Oscar copies MIN_NUM_FORMS and MAX_NUM_FORMS from the request, where Django treats them as optional:
        # a post without them answered 500 (KeyError). Missing ones count as empty.
        data = formset.data.copy()
        for name in ("MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data.setdefault(formset.management_form.add_prefix(name), "")
        formset.data = data
        return super().remove_deleted_forms(formset)
