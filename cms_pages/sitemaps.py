from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Every live public page in every language, each with hreflang links to its translations."""

    def items(self):
        root = self.get_wagtail_site().root_page
        # The site's root is the English home; its translations are its siblings under the tree root.
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for home in roots:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        by_key = {}
        for item in items:
            by_key.setdefault(item.translation_key, []).append(item)
        urls = []
        for item in items:
            alternates = [
                {"lang_code": other.locale.language_code, "location": other.get_full_url(self.request)}
                for other in by_key[item.translation_key]
            ]
            default = next((a for a in alternates if a["lang_code"] == "en"), None)
            if default:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": lastmod,
                    "alternates": alternates,
                }
            )
        return urls
