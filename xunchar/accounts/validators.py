"""Password rules of our own; Django's validators cover length, common passwords and likeness to the names."""

from django.core.exceptions import ValidationError

CLASS_NAMES = ("大写字母", "小写字母", "数字", "符号")
CLASS_COUNT_WORDS = {1: "一", 2: "两", 3: "三", 4: "四"}


def character_classes(password: str) -> set[str]:
    """The classes a password draws on. Anything that is not an ASCII letter or digit counts as a
    symbol — punctuation and spaces, but also a Chinese character, which no guessing list holds."""
    classes = set()
    for char in password:
        if "A" <= char <= "Z":
            classes.add("upper")
        elif "a" <= char <= "z":
            classes.add("lower")
        elif "0" <= char <= "9":
            classes.add("digit")
        else:
            classes.add("symbol")
    return classes


class CharacterClassesValidator:
    """At least `min_classes` of the four classes: upper case, lower case, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        if not 1 <= min_classes <= 4:
            raise ValueError("min_classes must be between 1 and 4")
        self.min_classes = min_classes

    def _message(self) -> str:
        return f"密码至少需要包含{'、'.join(CLASS_NAMES)}中的{CLASS_COUNT_WORDS[self.min_classes]}类。"

    def validate(self, password, user=None):
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self._message(), code="password_too_few_character_classes")

    def get_help_text(self):
        return self._message()

    def get_error_message(self):
        return self._message()
