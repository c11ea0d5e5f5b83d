"""Who may do what on a group's withdrawal checklist — the one place its views and services ask.

- record the talk with the unit's leader, the borrowed equipment and the destruction of papers: the
  group's leader, deputy leader or liaison;
- check a destruction: the member named as its checker (never who destroyed the papers);
- sign a zero-holding report: each member for themself; a report signed on paper is recorded by the
  leader or the liaison;
- mark the group withdrawn: the group leader or the office, once nothing is open.
Reading is the access policy's: the group's people, the office and leadership.
"""

from dataclasses import dataclass

from groups.models import GroupMembership
from xunchar.access import policy

RoundRole = GroupMembership.RoundRole
KEEPERS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY, RoundRole.LIAISON})
PAPER_RECORDERS = frozenset({RoundRole.LEADER, RoundRole.LIAISON})


@dataclass(frozen=True)
class WithdrawalRights:
    """A user's standing towards one group's withdrawal, read once."""

    role: str | None = None
    membership_id: int | None = None
    office: bool = False

    @property
    def keeps_checklist(self) -> bool:
        return self.role in KEEPERS

    @property
    def records_paper_reports(self) -> bool:
        return self.role in PAPER_RECORDERS

    @property
    def marks_withdrawn(self) -> bool:
        return self.office or self.role == RoundRole.LEADER


def rights(user, group) -> WithdrawalRights:
    membership_id, role = policy.group_membership(user, group)
    return WithdrawalRights(role=role, membership_id=membership_id, office=policy.can_manage_rounds(user))
