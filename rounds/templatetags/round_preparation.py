"""{% preparation_section round %}: the round page's section on the preparation phase (S02–S06)."""

from django import template

from rounds.prep_selectors import preparation_summary

register = template.Library()


@register.inclusion_tag("rounds/prep/_section.html", takes_context=True)
def preparation_section(context, round_):
    return {"round": round_, "summary": preparation_summary(context["request"].user, round_)}
