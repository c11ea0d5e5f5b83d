"""The approvals of S14 and S15 (see xunchar/approvals/chains.py for the mechanism)."""

from django.utils.translation import gettext_lazy as _

from xunchar.accounts.roles import Role
from xunchar.approvals.chains import Chain, Step, register
from xunchar.approvals.predicates import group_title, standing_role, standing_title, users_with_role

from . import papers, rules, services
from .models import SpotCheck

HEAD_OR_EXECUTIVE = (Role.SECRETARY, Role.LG_EXECUTIVE_DEPUTY)


def _head_or_executive_step():
    return Step(code="approve", outcome="approved", label=_("Approval by the head or the executive deputy head"),
                may_decide=standing_role(*HEAD_OR_EXECUTIVE), deciders=users_with_role(*HEAD_OR_EXECUTIVE),
                title=standing_title(*HEAD_OR_EXECUTIVE))


# 抽查核实 (S14.1): the group's list, submitted by the office to the head or the executive deputy head.
register(Chain(
    code=services.SPOT_CHECK_CHAIN,
    label=_("Spot check of personal-matter reports"),
    model_label="clues.spotcheck",
    steps=(_head_or_executive_step(),),
    may_submit=lambda user, spot_check: rules.is_office(user) and spot_check.state == SpotCheck.State.PROPOSED,
    snapshot=papers.spot_check_snapshot,
    visible=lambda queryset, user: queryset.visible_to(user),
    on_approved=services.spot_check_approved,
    on_returned=services.spot_check_returned,
    related=("group__round",),
    confidential=True,
))

# 询问在押和被采取审查措施人员 (S15.2): the group asks the leading group, then the commission arranges it.
register(Chain(
    code=services.DETAINED_CHAIN,
    label=_("Questioning a detained person"),
    model_label="clues.inquiry",
    steps=(_head_or_executive_step(),),
    may_submit=lambda user, inquiry: inquiry.detained and rules.may_manage_inquiry(user, inquiry),
    snapshot=papers.inquiry_snapshot,
    visible=lambda queryset, user: queryset.visible_to(user),
    related=("group__round",),
    confidential=True,
    submitter_title=group_title(),
))
