from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms_pages.validators import MaxWordsValidator, validate_project_picture_size

from .base_page import BasePage

DESCRIPTION_MAX_WORDS = 500


class ProjectPage(BasePage):
    """The public story of one registry project (CDM project, PoA or A6.4 activity), one per language."""

    registry_project = models.ForeignKey(
        "registry.RegistryProject",
        on_delete=models.PROTECT,
        related_name="project_pages",
        verbose_name=_("registry project"),
    )
    description = RichTextField(
        _("description"),
        features=["bold", "italic", "link", "ul", "ol"],
        validators=[MaxWordsValidator(DESCRIPTION_MAX_WORDS)],
        help_text=_("At most 500 words, consistent with what the project submitted to the CDM Executive Board."),
    )
    other_certifications = models.CharField(
        _("other certifications"),
        max_length=255,
        blank=True,
        help_text=_("Voluntary standards the project is also certified under, for example Gold Standard."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("registry_project"),
        FieldPanel("description"),
        InlinePanel("pictures", label=_("Pictures (at least 800x600 pixels, 4:3)"), min_num=0),
        InlinePanel("co_benefits", label=_("Sustainable development co-benefits")),
        FieldPanel("other_certifications"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Position on the map"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("other_certifications"),
        index.FilterField("locale_id"),
    ]

    parent_page_types = ["cms_pages.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project page")
        verbose_name_plural = _("project pages")

    def clean(self):
        super().clean()
        if self.registry_project_id and self.locale_id:
            duplicates = ProjectPage.objects.filter(
                registry_project_id=self.registry_project_id, locale_id=self.locale_id
            )
            if self.pk:
                duplicates = duplicates.exclude(pk=self.pk)
            if duplicates.exists():
                raise ValidationError(
                    {"registry_project": _("This registry project already has a project page in this language.")}
                )

    def get_context(self, request, *args, **kwargs):
        from cms_pages.cache import CANCELLATIONS_VERSION_KEY, page_main_fragment
        from cms_pages.selectors import project_page_context
        from shop.catalogue.cache import OFFERS_VERSION_KEY

        context = super().get_context(request, *args, **kwargs)
        # The main content shows the page, its offers and its cancelled total: cached until one of them changes.
        vary, html = page_main_fragment(request, self, OFFERS_VERSION_KEY, CANCELLATIONS_VERSION_KEY)
        context["main_fragment_vary"], context["main_fragment_html"] = vary, html
        if html is None:
            context.update(project_page_context(page=self))
        return context

    def serve(self, request, *args, **kwargs):
        from cms_pages.cache import csrf_inputs_for_visitor

        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "add_post_render_callback"):
            # The cached offers' add-to-basket forms were rendered for someone else.
            response.add_post_render_callback(lambda rendered: csrf_inputs_for_visitor(rendered, request))
        return response


class ProjectPagePicture(TranslatableMixin, Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="pictures")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def clean(self):
        super().clean()
        if self.image_id:
            try:
                validate_project_picture_size(self.image.width, self.image.height)
            except ValidationError as error:
                raise ValidationError({"image": error.error_list}) from error


class ProjectPageCoBenefit(TranslatableMixin, Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="co_benefits")
    co_benefit_type = models.ForeignKey(
        "cms_pages.CoBenefitType", on_delete=models.PROTECT, related_name="+", verbose_name=_("co-benefit type")
    )
    text = models.TextField(_("what the project does"), help_text=_("The project's own words about this co-benefit."))

    panels = [FieldPanel("co_benefit_type"), FieldPanel("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("co-benefit")
        verbose_name_plural = _("co-benefits")
