"""Password rules: 12 characters, three classes of four, not common, not like the person's names."""

import pytest
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from xunchar.accounts.validators import CharacterClassesValidator

from .helpers import STRONG_PASSWORD

CLASSES_MESSAGE = "密码至少需要包含大写字母、小写字母、数字、符号中的三类。"


def codes(password, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {item.code for item in error.error_list}
    return set()


@pytest.mark.parametrize(
    "password",
    [
        "Abcdefgh1234",  # upper, lower, digit
        "abcd-efgh-1234",  # lower, symbol, digit
        "ABCD EFGH abcd",  # upper, space as a symbol, lower
        "巡察工作abc12345",  # a Chinese character counts as a symbol
        "Ab1#Ab1#Ab1#",  # all four
    ],
)
def test_three_classes_pass(password):
    CharacterClassesValidator().validate(password)


@pytest.mark.parametrize("password", ["abcdefgh1234", "ABCDEFGHIJKL", "123456789012", "!@#$%^&*()_+", "abcd-efgh-ijkl"])
def test_fewer_than_three_classes_are_refused_in_chinese(password):
    with pytest.raises(ValidationError) as error:
        CharacterClassesValidator().validate(password)
    assert error.value.messages == [CLASSES_MESSAGE]
    assert error.value.error_list[0].code == "password_too_few_character_classes"


def test_the_help_text_names_the_rule():
    assert CharacterClassesValidator().get_help_text() == CLASSES_MESSAGE
    assert CLASSES_MESSAGE in password_validators_help_text_html()


def test_min_classes_is_configurable():
    CharacterClassesValidator(min_classes=2).validate("abcdefgh1234")
    with pytest.raises(ValidationError, match="四类"):
        CharacterClassesValidator(min_classes=4).validate("Abcdefgh1234")


@pytest.mark.django_db
def test_a_strong_password_passes_every_validator():
    assert codes(STRONG_PASSWORD, UserFactory.build(username="zhangwei", full_name="张伟")) == set()


def test_shorter_than_12_is_refused():
    assert "password_too_short" in codes("Xc7#mPq2vLw")  # 11 characters


def test_a_common_password_is_refused():
    assert "password_too_common" in codes("Password1234")


def test_an_all_digit_password_is_refused():
    assert "password_entirely_numeric" in codes("202611280930")


@pytest.mark.django_db
def test_a_password_like_the_username_is_refused():
    user = UserFactory.build(username="liuxiaoming", full_name="刘晓明")
    assert "password_too_similar" in codes("Liuxiaoming#1", user)


def test_the_demo_password_would_be_refused():
    assert "password_too_short" in codes("Demo#2026")
