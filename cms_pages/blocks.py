"""StreamField blocks for the campaign, standard, FAQ and home pages; each renders templates/blocks/<name>.html."""

import json

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(label=_("alternative text"), required=False, help_text=_("Leave empty if decorative."))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"), required=False)
    button_text = blocks.CharBlock(label=_("button text"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(label=_("or address"), required=False, help_text=_("For example /en/shop/."))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "blocks/steps_block.html"


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video, not an embed: the site loads nothing from third parties."""

    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("video address"))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "media"
        label = _("Video link")
        template = "blocks/video_link_block.html"


def content_blocks():
    return [
        (
            "rich_text",
            blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), template="blocks/rich_text_block.html"),
        ),
        ("image", ImageBlock()),
        ("quote", QuoteBlock()),
        ("call_to_action", CallToActionBlock()),
        ("steps", StepsBlock()),
        ("video_link", VideoLinkBlock()),
    ]


class FaqQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Question")


class FaqGroupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    questions = blocks.ListBlock(FaqQuestionBlock(), label=_("questions"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Group of questions")
        template = "blocks/faq_group_block.html"


def json_ld(data: dict) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
