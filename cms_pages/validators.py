"""Validation rules the platform FAQ (seed 001) sets for project content."""

import html
import re
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

PICTURE_MIN_WIDTH = 800
PICTURE_MIN_HEIGHT = 600
PICTURE_RATIO = Fraction(4, 3)
# Editors' crops are rarely exact: a few pixels either way still look 4:3.
PICTURE_RATIO_TOLERANCE = 0.01


def word_count(text: str) -> int:
    """Words in plain or rich text (tags and entities do not count)."""
    # Tags become spaces so "</p><p>" still separates words.
    plain = html.unescape(strip_tags(re.sub(r"<[^>]+>", " ", text or "")))
    return len(plain.split())


@deconstructible
class MaxWordsValidator:
    def __init__(self, max_words: int):
        self.max_words = max_words

    def __call__(self, value):
        count = word_count(value)
        if count > self.max_words:
            raise ValidationError(
                ngettext_lazy(
                    "Keep this to at most %(max)d word (it has %(count)d).",
                    "Keep this to at most %(max)d words (it has %(count)d).",
                    "max",
                ),
                code="too_many_words",
                params={"max": self.max_words, "count": count},
            )

    def __eq__(self, other):
        return isinstance(other, MaxWordsValidator) and other.max_words == self.max_words


def validate_project_picture_size(width: int, height: int) -> None:
    """Project pictures: at least 800x600 pixels, in proportion 4:3 (seed 001)."""
    errors = []
    if width < PICTURE_MIN_WIDTH or height < PICTURE_MIN_HEIGHT:
        errors.append(
            ValidationError(
                _("The picture is %(width)dx%(height)d pixels; it must be at least %(min_width)dx%(min_height)d."),
                code="picture_too_small",
                params={
                    "width": width,
                    "height": height,
                    "min_width": PICTURE_MIN_WIDTH,
                    "min_height": PICTURE_MIN_HEIGHT,
                },
            )
        )
    if height and abs(Fraction(width, height) - PICTURE_RATIO) > PICTURE_RATIO * Fraction(PICTURE_RATIO_TOLERANCE):
        errors.append(
            ValidationError(
                _(
                    "The picture is %(width)dx%(height)d pixels; it must be in proportion 4:3 (for example 800x600 or 1600x1200)."
                ),
                code="picture_not_4_3",
                params={"width": width, "height": height},
            )
        )
    if errors:
        raise ValidationError(errors)
