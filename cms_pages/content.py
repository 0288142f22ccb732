"""The CMS content the shop shows, given to it through its interface (shop.content): the shop sits below the pages
and cannot import them. Set by CmsPagesConfig.ready()."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch

from shop.content import ShopContent


class PagesShopContent(ShopContent):
    def project_pages(self, *, project_ids, language: str) -> dict:
        from cms_pages.models import ProjectPage, ProjectPageCoBenefit, ProjectPagePicture

        if not project_ids:
            return {}
        pages = (
            ProjectPage.objects.live()
            .filter(registry_project_id__in=project_ids, locale__language_code__in={language, settings.LANGUAGE_CODE})
            .select_related("locale")
            .prefetch_related(
                Prefetch(
                    "pictures",
                    queryset=ProjectPagePicture.objects.select_related("image").prefetch_related("image__renditions"),
                ),
                Prefetch("co_benefits", queryset=ProjectPageCoBenefit.objects.select_related("co_benefit_type")),
            )
        )
        by_project: dict = {}
        for page in pages:
            current = by_project.get(page.registry_project_id)
            if current is None or page.locale.language_code == language:
                by_project[page.registry_project_id] = page
        return by_project

    def co_benefit_project_ids(self, *, code: str):
        from cms_pages.models import ProjectPageCoBenefit

        return ProjectPageCoBenefit.objects.filter(
            page__live=True, co_benefit_type__code=code, page__registry_project_id__isnull=False
        ).values("page__registry_project_id")

    def co_benefit_choices(self, *, language: str) -> list[tuple[str, str]]:
        from cms_pages.models import CoBenefitType

        return _translated_choices(CoBenefitType.objects.all(), language=language, text="name")

    def purchase_reason_choices(self, *, language: str) -> list[tuple[str, str]]:
        from cms_pages.models import PurchaseReason

        return _translated_choices(PurchaseReason.objects.all(), language=language, text="text")


def _translated_choices(snippets, *, language: str, text: str) -> list[tuple[str, str]]:
    """(code, text) of each snippet, in `language` where translated, else in the default language."""
    choices: dict[str, str] = {}
    for snippet in snippets.filter(locale__language_code__in={language, settings.LANGUAGE_CODE}).select_related(
        "locale"
    ):
        if snippet.code not in choices or snippet.locale.language_code == language:
            choices[snippet.code] = getattr(snippet, text)
    return list(choices.items())
