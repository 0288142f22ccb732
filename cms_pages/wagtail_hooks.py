from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms_pages.models import CoBenefitType, PurchaseReason


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


class CampaignSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Campaign data")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (CoBenefitTypeViewSet, PurchaseReasonViewSet)


register_snippet(CampaignSnippetsGroup)
