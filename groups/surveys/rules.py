"""Who may do what with a group's surveys — the one place views and services ask.

Seeing (and reading the results) is the access policy's: group material, so the office, leadership
and the group's own people (`Survey.objects.visible_to`). Narrower rights:
- design a survey, open and close it, make one-time codes: the group's leader, deputy leader or
  liaison (the office may make codes too, as it prints slips for the group);
- type in paper sheets, correct or void a sheet: any of the group's people.
"""

from dataclasses import dataclass

from groups.models import GroupMembership
from xunchar.access import policy

RoundRole = GroupMembership.RoundRole
DESIGNERS = frozenset({RoundRole.LEADER, RoundRole.DEPUTY, RoundRole.LIAISON})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class SurveyRights:
    """A user's standing towards one group's surveys, read once (one query)."""

    role: str | None = None
    office: bool = False

    @property
    def designs(self) -> bool:
        return self.role in DESIGNERS

    @property
    def enters(self) -> bool:
        return self.role is not None

    @property
    def makes_codes(self) -> bool:
        return self.designs or self.office


def survey_rights(user, group) -> SurveyRights:
    if not _active(user):
        return SurveyRights()
    _, role = policy.group_membership(user, group)
    return SurveyRights(role=role, office=bool(user.is_office))
