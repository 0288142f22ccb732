from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms_pages.models import CoBenefitType, EmissionFactor, PurchaseReason


class CoBenefitTypeViewSet(SnippetViewSet):
    model = CoBenefitType
    icon = "pick"
    menu_label = _("Co-benefit types")
    list_display = ["name", "category", "code"]
    list_filter = ["category", "locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "code"]


class PurchaseReasonViewSet(SnippetViewSet):
    model = PurchaseReason
    icon = "list-ul"
    menu_label = _("Purchase reasons")
    list_display = ["text", "code", "sort_order"]
    list_filter = ["locale"]
    ordering = ["sort_order", "code"]


class EmissionFactorViewSet(SnippetViewSet):
    model = EmissionFactor
    icon = "calculator"
    menu_label = _("Emission factors")
    list_display = ["label", "code", "kg_co2e_per_unit", "unit", "source_year"]
    list_filter = ["category", "locale"]
    search_fields = ["label"]
    ordering = ["sort_order", "code"]


class CampaignSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Campaign data")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (CoBenefitTypeViewSet, PurchaseReasonViewSet, EmissionFactorViewSet)


register_snippet(CampaignSnippetsGroup)


def user_can_edit_locale(user, locale) -> bool:
    """Whether the user may edit content in this language: the same scope as their page permissions."""
    if user.is_superuser:
        return True
    from wagtail.models import Page

    home = Page.objects.filter(depth=2, locale=locale).first()
    return home is not None and home.permissions_for_user(user).can_edit()


@hooks.register("before_edit_snippet")
def refuse_snippet_edit_outside_users_languages(request, instance):
    # Translators translate snippets into French and Spanish but may not change the English source.
    locale = getattr(instance, "locale", None)
    if locale is not None and not user_can_edit_locale(request.user, locale):
        raise PermissionDenied
