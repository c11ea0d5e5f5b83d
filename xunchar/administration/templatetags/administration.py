from django import template

from ..permissions import administrator_role as _administrator_role
from ..timefmt import zoned as _zoned

register = template.Library()


@register.filter
def zoned(value):
    return _zoned(value)


@register.simple_tag
def administrator_role(user):
    """`{% administrator_role user as role %}`: the administrator role the user holds, or None."""
    return _administrator_role(user)
