"""S16: an important item (重要资料) is signed out only with the group leader's approval
(see xunchar/approvals/chains.py for the mechanism). One request per item: the leader approves
each important item on its own, and the approval page shows just that item."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from xunchar.approvals.chains import Chain, Step, register
from xunchar.approvals.predicates import group_people, group_role, group_title

from . import papers, services

_GROUP_ID = attrgetter("inspection.group_id")
_GROUP = attrgetter("inspection.group")

register(Chain(
    code=services.IMPORTANT_CHAIN,
    label=_("Important document requested"),
    model_label="docrequests.documentitem",
    steps=(
        Step(code="approve", outcome="approved", label=_("Approval by the group leader"),
             may_decide=group_role("leader", group_id=_GROUP_ID), deciders=group_people("leader", group_id=_GROUP_ID),
             title=group_title(group=_GROUP)),
    ),
    may_submit=services.may_submit_important,
    snapshot=papers.important_item_snapshot,
    visible=lambda queryset, user: queryset.visible_to(user),
    on_approved=services.item_approved,
    related=("inspection__group__round", "inspection__unit"),
    confidential=True,
    submitter_title=group_title(group=_GROUP),
))
