"""The approvals of the on-site records (see xunchar/approvals/chains.py for the mechanism)."""

from django.utils.translation import gettext_lazy as _

from xunchar.accounts.roles import OFFICE_ROLES, Role
from xunchar.approvals.chains import Chain, Step, register
from xunchar.approvals.predicates import (
    group_people,
    group_role,
    group_title,
    standing_role,
    standing_title,
    users_with_role,
)

from . import papers, rules, services
from .models import Referral

HEAD_OR_EXECUTIVE = (Role.SECRETARY, Role.LG_EXECUTIVE_DEPUTY)


def _publicity_group_id(publicity):
    return publicity.inspection.group_id


def _head_or_executive_step():
    return Step(code="approve", outcome="approved", label=_("Approval by the head or the executive deputy head"),
                may_decide=standing_role(*HEAD_OR_EXECUTIVE), deciders=users_with_role(*HEAD_OR_EXECUTIVE),
                title=standing_title(*HEAD_OR_EXECUTIVE))


# S10: the news release and the announcement — the unit leader's risk check (recorded before
# submission), then the group leader, then the office.
register(Chain(
    code=services.PUBLICITY_CHAIN,
    label=_("Entry news release or announcement"),
    model_label="onsite.publicity",
    steps=(
        Step(code="review", outcome="reviewed", label=_("Review by the group leader"),
             may_decide=group_role("leader", group_id=_publicity_group_id),
             deciders=group_people("leader", group_id=_publicity_group_id),
             title=group_title(group=lambda p: p.inspection.group)),
        Step(code="approve", outcome="approved", label=_("Approval by the office"),
             may_decide=standing_role(*OFFICE_ROLES), deciders=users_with_role(*OFFICE_ROLES),
             title=standing_title(Role.OFFICE_DIRECTOR, Role.OFFICE_STAFF)),
    ),
    may_submit=services.may_submit_publicity,
    snapshot=papers.publicity_snapshot,
    visible=lambda queryset, user: queryset.visible_to(user),
    related=("inspection__group__round", "inspection__unit"),
    submitter_title=group_title(group=lambda p: p.inspection.group),
))


def _referral_chain(code, label, kind):
    return Chain(
        code=code,
        label=label,
        model_label="onsite.referral",
        steps=(_head_or_executive_step(),),
        may_submit=lambda user, referral: rules.is_office(user) and referral.kind == kind and referral.state == Referral.State.PROPOSED,
        snapshot=papers.referral_snapshot,
        visible=lambda queryset, user: queryset.visible_to(user),
        on_approved=services.referral_approved,
        on_returned=services.referral_returned,
        related=("group__round",),
        confidential=True,
    )


# S26 立查立处 and S25 eight-rules clues: the office submits the group's proposal to the head or the
# executive deputy head; once approved the office hands it to the discipline commission.
register(_referral_chain(services.INVESTIGATION_CHAIN, _("Immediate investigation (立查立处)"), Referral.Kind.IMMEDIATE_INVESTIGATION))
register(_referral_chain(services.EIGHT_RULES_CHAIN, _("Eight-rules clue to the discipline commission"), Referral.Kind.EIGHT_RULES))
