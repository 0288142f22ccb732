import pytest
from django.core.exceptions import ValidationError

from cms_pages.validators import MaxWordsValidator, validate_project_picture_size, word_count


def test_word_count_ignores_markup():
    assert word_count("<p>Clean <b>wind</b>&nbsp;power</p><ul><li>for all</li></ul>") == 5


def test_description_of_501_words_is_refused_with_the_count():
    with pytest.raises(ValidationError) as error:
        MaxWordsValidator(500)("<p>" + "word " * 501 + "</p>")
    assert "at most 500 words (it has 501)" in error.value.messages[0]


def test_description_of_500_words_is_accepted():
    MaxWordsValidator(500)("<p>" + "word " * 500 + "</p>")


@pytest.mark.parametrize("size", [(800, 600), (1600, 1200), (1024, 768), (1200, 901)])
def test_pictures_of_at_least_800x600_at_4_3_are_accepted(size):
    validate_project_picture_size(*size)


def test_small_picture_is_refused_with_its_size():
    with pytest.raises(ValidationError) as error:
        validate_project_picture_size(640, 480)
    assert error.value.messages == ["The picture is 640x480 pixels; it must be at least 800x600."]


def test_wide_picture_is_refused_as_not_4_3():
    with pytest.raises(ValidationError) as error:
        validate_project_picture_size(1600, 900)
    assert "proportion 4:3" in error.value.messages[0]
