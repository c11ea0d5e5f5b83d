from django import template

from ..selectors import approval_panel as _approval_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def approval_panel(context, chain, subject):
    """`{% approval_panel "rounds.task_plan" plan as panel %}`: the subject's state in its chain,
    its steps and what the viewer may do — two queries (the request, its decisions)."""
    return _approval_panel(context["request"].user, chain, subject)
