"""The three-level review of a working paper (S23): written by a staff member → checked (审核) by the
deputy leader → signed (签批) by the leader. The leader checks too when the group has no deputy; no
one signs before the check, because the mechanism decides only the step a request has reached."""

from django.utils.translation import gettext_lazy as _

from groups.models import GroupMembership
from xunchar.approvals.chains import Chain, Step, register
from xunchar.approvals.predicates import group_people, group_title

from . import papers, rules, services
from .models import CHAIN

RoundRole = GroupMembership.RoundRole


def _checkers(paper):
    """Whom to tell when a paper awaits its check: the deputy — the leader when there is none."""
    deputies = group_people(RoundRole.DEPUTY)(paper)
    return deputies if deputies.exists() else group_people(RoundRole.LEADER)(paper)


CHECK = Step(code="check", outcome="checked", label=_("Check by the deputy leader"),
             may_decide=rules.may_check, deciders=_checkers, title=group_title())
SIGN = Step(code="sign", outcome="signed", label=_("Signature by the group leader"),
            may_decide=rules.may_sign, deciders=group_people(RoundRole.LEADER), title=group_title())

WORKING_PAPER = register(Chain(
    code=CHAIN,
    label=_("Working paper"),
    model_label="workpapers.workingpaper",
    steps=(CHECK, SIGN),
    may_submit=services.may_submit,
    snapshot=papers.paper_snapshot,
    visible=lambda queryset, user: queryset.visible_to(user),
    on_returned=services.paper_returned,
    related=("group__round", "inspection__unit", "author"),
    confidential=True,
    submitter_title=group_title(),
    may_reopen=rules.may_reopen,
))
