from django import template

from ..selectors import document_panel as _document_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def document_panel(context, kind, subject):
    """`{% document_panel "rounds.plan" round as panel %}`: the kind, the latest copies (one query)
    and the attachments panel for `subject`. Used by templates/documents/_panel.html."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    return _document_panel(user, kind, subject, next_url=request.get_full_path() if request else "")
