"""Who may do what with a group's working papers — the one place views, the chain and services ask.

Seeing is the access policy's (`policy.group_material_visible_to`: the office and leadership read all
papers, a group's people their own group's; receivers and unit contacts nothing). Narrower rights:
- write a paper: any of the group's people (the office and leadership read, they don't write);
- edit and submit a draft or a returned paper: its author, the group's leader and deputy leader;
- check (审核, step 1): the deputy leader — the leader when the group has no deputy;
- sign (签批, step 2): the leader, only after the check;
- hand a signed paper to its custodian: the leader or the liaison; reopen a signed paper: the leader;
- tag a paper for the report, the problem list or as a clue: its author, the leader, the deputy.
"""

from dataclasses import dataclass

from django.db.models import Q

from groups.models import GroupMembership
from xunchar.access import policy
from xunchar.approvals import predicates

RoundRole = GroupMembership.RoundRole
LEADS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class PaperRights:
    """A user's standing towards one group's working papers, read once (one query)."""

    role: str | None = None
    membership_id: int | None = None
    sees_all: bool = False

    @property
    def in_group(self) -> bool:
        return self.role is not None

    @property
    def can_write(self) -> bool:
        return self.in_group

    @property
    def leads(self) -> bool:
        return self.role in LEADS

    @property
    def is_leader(self) -> bool:
        return self.role == RoundRole.LEADER

    @property
    def can_hand_over(self) -> bool:
        return self.role in (RoundRole.LEADER, RoundRole.LIAISON)


def paper_rights(user, group) -> PaperRights:
    if not _active(user):
        return PaperRights()
    membership_id, role = policy.group_membership(user, group)
    return PaperRights(role=role, membership_id=membership_id, sees_all=policy.sees_all_working_material(user))


def may_write(user, group) -> bool:
    return paper_rights(user, group).can_write


def may_edit(user, paper, rights: PaperRights | None = None) -> bool:
    """The author (while still in the group) or the group's leader or deputy; the state is the service's."""
    rights = rights or paper_rights(user, paper.group)
    return rights.leads or (rights.in_group and paper.author_id == user.pk)


def may_tag(user, paper, rights: PaperRights | None = None) -> bool:
    return may_edit(user, paper, rights)


def group_has_deputy(group) -> bool:
    """Whether the group has a deputy leader who still reaches its material. Inside `predicates.batch()` (the approvals inbox checks
    every pending request) it is read once per group, beside the users' round roles."""
    cache = predicates._group_roles_cache.get()  # the batch's memo, None outside a batch
    key = ("workpapers.has_deputy", group.pk)
    if cache is not None and key in cache:
        return cache[key]
    # A deputy of a withdrawn group no longer reaches its papers: the leader checks in their stead.
    found = policy.access_giving(group.memberships.filter(role=RoundRole.DEPUTY)).exists()
    if cache is not None:
        cache[key] = found
    return found


def _role(user, paper) -> str | None:
    """The user's round role in the paper's group, read once per user inside `predicates.batch()`."""
    return predicates.group_roles_of(user).get(paper.group_id)


def may_check(user, paper) -> bool:
    """Step 1 (审核): the deputy leader; the leader only when the group has no deputy."""
    role = _role(user, paper)
    if role == RoundRole.DEPUTY:
        return True
    return role == RoundRole.LEADER and not group_has_deputy(paper.group)


def may_sign(user, paper) -> bool:
    """Step 2 (签批): the leader."""
    return _role(user, paper) == RoundRole.LEADER


def may_reopen(user, paper) -> bool:
    return may_sign(user, paper)


def may_hand_over(user, paper) -> bool:
    return paper_rights(user, paper.group).can_hand_over


# The attachments of a paper (xunchar.files): read by whoever reads the paper, added by whoever may
# edit it. The paper's state (no additions under review or once signed) is checked in its list.


def attachments_viewable(queryset, user):
    return queryset.visible_to(user)


def attachments_addable(queryset, user):
    from xunchar.approvals.models import ApprovalRequest

    if not _active(user) or getattr(user, "cadre_id", None) is None:
        return queryset.none()
    leads = policy.access_giving(GroupMembership.objects.filter(cadre_id=user.cadre_id, role__in=LEADS)).values("group_id")
    editable = queryset.filter(group__in=policy.member_group_ids(user)).filter(Q(author=user) | Q(group__in=leads))
    locked = ApprovalRequest.objects.filter(
        chain="workpapers.working_paper", state__in=[ApprovalRequest.State.IN_REVIEW, ApprovalRequest.State.APPROVED],
    ).values("subject_id")
    return editable.exclude(pk__in=locked)
