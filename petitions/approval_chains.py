"""重要信访呈批单 (S13.1): an important item goes to the group leader, whose opinion is the instruction."""

from django.utils.translation import gettext_lazy as _

from xunchar.approvals.chains import Chain, Step, register
from xunchar.approvals.predicates import group_people, group_role, group_title
from xunchar.sealing.policy import without_sealed

from . import rules
from .models import Petition
from .papers import important_snapshot

register(Chain(
    code="petitions.important",
    label=_("Important petition"),
    model_label="petitions.petition",
    steps=(
        Step(code="instruct", outcome="signed", label=_("Instruction by the group leader"),
             may_decide=group_role("leader"), deciders=group_people("leader"), title=group_title()),
    ),
    may_submit=lambda user, petition: petition.state == Petition.State.IMPORTANT and rules.can_decide_petition(user, petition.group),
    snapshot=important_snapshot,
    # A direct-delivery item's 呈批单 holds its content: gone from every inbox once it is routed (§2).
    visible=lambda queryset, user: without_sealed(queryset.visible_to(user), source_model=Petition),
    related=("group__round", "round"),
    confidential=True,
    submitter_title=group_title(),
))
