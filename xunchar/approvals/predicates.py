"""Building blocks for chains: who may decide a step, whom to notify, what role title to record.

Standing roles (secretary, executive deputy head, office …) come from `user.roles`, read once per
user object. Round roles (a group's leader, deputy leader …) come from group memberships; inside
`batch()` — which the inbox uses while it checks hundreds of requests — they are read once per user,
otherwise once per check, so a check never sees stale memberships.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from operator import attrgetter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from xunchar.accounts.roles import Role

_group_roles_cache: ContextVar[dict | None] = ContextVar("approvals_group_roles", default=None)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@contextmanager
def batch():
    """Within this block, each user's round roles are read from the database once."""
    token = _group_roles_cache.set({})
    try:
        yield
    finally:
        _group_roles_cache.reset(token)


def _read_group_roles(user) -> dict[int, str]:
    from groups.models import GroupMembership

    if not _active(user) or user.cadre_id is None:
        return {}
    from xunchar.access.policy import access_giving

    memberships = access_giving(GroupMembership.objects.filter(cadre_id=user.cadre_id))
    return dict(memberships.values_list("group_id", "role"))


def group_roles_of(user) -> dict[int, str]:
    """{group id: round role} for every group the user belongs to."""
    cache = _group_roles_cache.get()
    if cache is None:
        return _read_group_roles(user)
    if user.pk not in cache:
        cache[user.pk] = _read_group_roles(user)
    return cache[user.pk]


# may_decide / may_submit


def standing_role(*roles):
    """May decide: holds one of these standing roles (e.g. Role.SECRETARY)."""

    def check(user, subject) -> bool:
        return _active(user) and user.has_role(*roles)

    return check


def group_role(*round_roles, group_id=attrgetter("group_id")):
    """May decide: holds one of these round roles (e.g. "leader") in the subject's group.
    `group_id(subject)` names the group; the default reads `subject.group_id`."""

    def check(user, subject) -> bool:
        return _active(user) and group_roles_of(user).get(group_id(subject)) in round_roles

    return check


def any_of(*predicates):
    def check(user, subject) -> bool:
        return any(predicate(user, subject) for predicate in predicates)

    return check


# deciders: whom to notify when a request reaches a step


def users_with_role(*roles):
    def deciders(subject):
        return get_user_model().objects.filter(is_active=True, role_grants__role__in=roles).distinct()

    return deciders


def group_people(*round_roles, group_id=attrgetter("group_id")):
    def deciders(subject):
        from groups.models import GroupMembership
        from xunchar.access.policy import access_giving

        memberships = access_giving(GroupMembership.objects.filter(group_id=group_id(subject), role__in=round_roles))
        return get_user_model().objects.filter(is_active=True, cadre__in=memberships.values("cadre_id"))

    return deciders


# titles: the role a decider decided in, kept as text on the decision


def _in_site_language(text) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def default_title(user, subject=None) -> str:
    """The decider's first standing role, in the order Role declares them (secretary first)."""
    for role in Role:
        if role in user.roles:
            return _in_site_language(role.label)
    return ""


def standing_title(*roles):
    """The first of `roles` the decider holds, e.g. 领导小组常务副组长."""

    def title(user, subject) -> str:
        for role in roles:
            if user.has_role(role):
                return _in_site_language(Role(role).label)
        return default_title(user, subject)

    return title


def group_title(group=attrgetter("group")):
    """The decider's round role in the subject's group, e.g. 第一巡察组组长."""

    def title(user, subject) -> str:
        from groups.models import GroupMembership

        the_group = group(subject)
        role = group_roles_of(user).get(the_group.pk)
        if role is None:
            return default_title(user, subject)
        return f"{the_group}{_in_site_language(GroupMembership.RoundRole(role).label)}"

    return title
