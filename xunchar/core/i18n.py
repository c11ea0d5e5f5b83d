"""Strings Django itself asks to translate but its own Chinese catalogue leaves as they are."""

from django.utils.translation import gettext_noop

# Django writes a label suffix after every form label through gettext(":"); Chinese uses the
# full-width colon.
LABEL_SUFFIX = gettext_noop(":")

# Django 6 offers this in an empty choice (BLANK_CHOICE_LABEL); its zh_Hans catalogue has no entry.
BLANK_CHOICE = gettext_noop("- Select an option -")
