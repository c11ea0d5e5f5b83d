from django import template

from ..selectors import owners_with_visible_attachments

register = template.Library()


@register.simple_tag
def attachment_owner_ids(user, objects):
    """`{% attachment_owner_ids user inspections as with_files %}`, then `{% if i.pk in with_files %}`:
    which of the listed records' attachments the user may open, in one query."""
    return owners_with_visible_attachments(user, objects)
