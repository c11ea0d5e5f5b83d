"""The approval chains of the groups app (see xunchar/approvals/chains.py for the mechanism)."""

from django.utils.translation import gettext_lazy as _

from xunchar.approvals.chains import Chain, Step, register
from xunchar.approvals.predicates import group_people, group_role, group_title

from . import talk_rules
from .talk_models import Talk
from .talk_papers import one_to_one_snapshot

# S12.3: a talk by one staff member (一对一) only with the group leader's approval, given before it is held.
register(Chain(
    code="groups.one_to_one_talk",
    label=_("One-to-one talk"),
    model_label="groups.talk",
    steps=(
        Step(code="approve", outcome="approved", label=_("Approval by the group leader"),
             may_decide=group_role("leader"), deciders=group_people("leader"), title=group_title()),
    ),
    may_submit=lambda user, talk: (
        talk.state == Talk.State.PLANNED and bool(talk.one_to_one_reason) and talk.staff.count() == 1
        and talk_rules.can_plan_talk(user, talk.group)
    ),
    snapshot=one_to_one_snapshot,
    visible=lambda queryset, user: queryset.visible_to(user),
    related=("group__round",),
    confidential=True,
    submitter_title=group_title(),
))
