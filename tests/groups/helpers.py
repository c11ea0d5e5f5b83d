"""Shortcuts for the groups tests: whole steps of the preparation done through the services."""

from django.utils import translation

from groups import services
from groups.models import GroupMembership
from groups.standards import CURRENT_PLEDGE


def zh(message: str) -> str:
    """A message as a Chinese screen shows it (the catalogue is compiled when the branches merge)."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


def user_of(county, membership: GroupMembership):
    return next(u for u in county.users.values() if u.cadre_id == membership.cadre_id)


def sign_pledges(county, group, *, except_for=()):
    for membership in group.memberships.select_related("cadre"):
        user = user_of(county, membership)
        if user.username not in except_for:
            services.pledge_sign(group=group, actor=user, text_version=CURRENT_PLEDGE)


def report_of(problems: int, causes: int, other: int) -> list[tuple[str, str]]:
    """Sections of the given sizes in characters (spaces and line breaks in between are not counted)."""
    sections = []
    for kind, size in (("problems", problems), ("causes", causes), ("other", other)):
        if size:
            sections.append((kind, " \n".join("问" * size)))
    return sections
