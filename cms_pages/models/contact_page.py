from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.ratelimit import rate_limit_check

from .base_page import BasePage

# The subjects the platform FAQ (seed 001) asks people to use.
CONTACT_SUBJECTS = ["Problem with order", "Certificate not received", "Problem with listing", "Other"]


# A single-line answer (name, email, subject) is short; only the message may be long.
SINGLE_LINE_MAX_LENGTH = 255


class ContactFormBuilder(FormBuilder):
    """Every text field an editor adds gets a maximum length: no megabyte messages stored and emailed."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX_LENGTH
        return super().create_singleline_field(field, options)

    def create_multiline_field(self, field, options):
        limit = settings.CONTACT_MESSAGE_MAX_LENGTH
        options["max_length"] = limit
        options["error_messages"] = {
            "max_length": _(
                "Please shorten your message to at most %(limit_value)s characters (it has %(show_value)s)."
            )
        }
        formfield = super().create_multiline_field(field, options)
        formfield.widget.attrs["maxlength"] = str(limit)
        return formfield


class ContactFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]


class ContactPage(AbstractEmailForm, BasePage):
    """A contact form; each submission is stored and emailed to the platform staff."""

    form_builder = ContactFormBuilder

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("Email"),
        ),
    ]
    promote_panels = BasePage.promote_panels
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("subject"),
        TranslatableField("form_fields"),
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
        SynchronizedField("social_image"),
    ]

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def staff_addresses(self) -> list[str]:
        """The page's own addresses if an editor set them, else settings.STAFF_ALERT_EMAILS."""
        own = [address.strip() for address in (self.to_address or "").split(",") if address.strip()]
        return own or list(settings.STAFF_ALERT_EMAILS)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            # Each submission is stored and mailed to staff: a few per address and hour.
            limited = rate_limit_check(request, scope="contact", rate=settings.CONTACT_RATE)
            if limited is not None:
                return limited
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        # AbstractEmailForm only mails when to_address is set; staff get every submission.
        submission = super(AbstractEmailForm, self).process_form_submission(form)
        self.send_mail(form)
        return submission

    def send_mail(self, form):
        subject_field = form.cleaned_data.get("subject") or ""
        subject = (
            f"{self.subject or _('Contact form')}: {subject_field}"
            if subject_field
            else (self.subject or _("Contact form"))
        )
        reply_to = [form.cleaned_data["email"]] if form.cleaned_data.get("email") else None
        EmailMessage(
            subject=str(subject),
            body=self.render_email(form),
            from_email=self.from_address or settings.DEFAULT_FROM_EMAIL,
            to=self.staff_addresses(),
            reply_to=reply_to,
        ).send()
