"""Separation of administrators (三员分立): three roles, each with one tool and no case material; no
person holds two of them, and none holds a business role besides — refused by the service, and by
the database for any other writer."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from groups.models import InspectionGroup
from rounds.models import Round
from tests.access.test_permission_matrix import MATRIX, _build_world
from tests.factories import UserFactory
from xunchar.access import policy
from xunchar.accounts.models import RoleGrant
from xunchar.accounts.roles import ADMIN_ROLES, Role
from xunchar.administration.services import role_grant
from xunchar.deadlines.models import Deadline
from xunchar.registry.models import Cadre, Unit

pytestmark = pytest.mark.django_db

TOOLS = {
    "sysadmin": ["administration:account_list", "administration:account_create"],
    "secadmin": ["administration:role_list"],
    "auditor": ["administration:audit_list", "administration:audit_export"],
}
CASE_PAGES = [
    ("rounds:list", {}),
    ("deadlines:list", {}),
    ("registry:unit_list", {}),
    ("registry:cadre_list", {}),
    ("workdays:overview", {}),
    ("notifications:list", {}),
]


@pytest.mark.parametrize("admin", list(TOOLS))
def test_each_administrator_reaches_their_own_tool_and_nothing_else(client, county, admin):
    client.force_login(county.users[admin])
    for other, names in TOOLS.items():
        for name in names:
            status = client.get(reverse(name)).status_code
            assert status == (200 if other == admin else 403), (admin, name, status)
    for name, kwargs in CASE_PAGES:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, (admin, name)
    for name, pk in [("rounds:detail", county.round.pk), ("groups:detail", county.group1.pk),
                     ("registry:unit_detail", county.unit_a.pk), ("registry:cadre_detail", county.member1.cadre_id)]:
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code in (403, 404), (admin, name)
        assert "示例县财政局" not in response.content.decode()


@pytest.mark.parametrize(("admin", "kind"), [("sysadmin", "system_admin"), ("secadmin", "security_admin"),
                                             ("auditor", "audit_admin")])
def test_each_administrator_has_a_home_page_with_only_their_tool_in_the_menu(client, county, admin, kind):
    client.force_login(county.users[admin])
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert response.context["kind"] == kind
    assert f"core/home_{kind}.html" in [t.name for t in response.templates]
    page = response.content.decode()
    menu = page[page.index('class="sidenav"'):page.index("</nav>")]
    for other, names in TOOLS.items():
        for name in names[:1]:
            assert (reverse(name) in menu) == (other == admin), (admin, name)
    for name in ("rounds:list", "deadlines:list", "workdays:overview", "notifications:list"):
        assert reverse(name) not in page, (admin, name)


@pytest.mark.parametrize("admin", list(TOOLS))
def test_the_access_policy_gives_administrators_no_case_material(county, admin):
    user = county.users[admin]
    assert not policy.sees_all_working_material(user)
    assert not policy.can_view_registries(user) and not policy.can_manage_registries(user)
    assert not policy.can_manage_rounds(user) and not policy.can_manage_calendar(user)
    for model in (Round, InspectionGroup, Deadline, Unit, Cadre):
        assert not model.objects.visible_to(user).exists(), (admin, model)


@pytest.fixture
def world(county, settings, tmp_path):
    """The permission matrix's world, built for this one test (the matrix builds its own once per module)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return _build_world(county)


def test_the_superuser_flag_opens_no_case_material(client, world):
    """Being a Django superuser widens nobody's scope: group 2's people (liaison2 still reaches group 2's
    material, member2 no longer does) still see nothing of group 1, and an administrator with the flag is
    still kept to their tool."""
    for username in ("member2", "liaison2", "auditor"):
        user = world.users[username]
        type(user).objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
        client.force_login(user)
        wrong = []
        for name, (method, kwargs, allowed, secret) in MATRIX.items():
            if username in allowed:
                continue
            response = getattr(client, method)(reverse(name, kwargs=kwargs(world)))
            if response.status_code not in (403, 404):
                wrong.append(f"{name}: {response.status_code}")
            elif secret and secret in response.content.decode():
                wrong.append(f"{name} leaks {secret!r}")
        assert not wrong, f"{username} as superuser: " + "; ".join(wrong)


# --- No person holds two administrator roles, nor an administrator role and another -------------------


@pytest.mark.parametrize(("holder", "role"), [
    ("sysadmin", Role.AUDIT_ADMIN),
    ("auditor", Role.SECURITY_ADMIN),
    ("auditor", Role.OFFICE_STAFF),
    ("sysadmin", Role.SECRETARY),
    ("office", Role.SYSTEM_ADMIN),
    ("jiwei", Role.AUDIT_ADMIN),
])
def test_the_service_refuses_to_combine_an_administrator_role(county, holder, role):
    user = county.users[holder]
    with pytest.raises(ValidationError) as refused:
        role_grant(actor=county.secadmin, user=user, role=role)
    assert "管理员" in refused.value.messages[0]
    assert not RoleGrant.objects.filter(user=user, role=role).exists()


@pytest.mark.parametrize(("holder", "role"), [
    ("sysadmin", Role.AUDIT_ADMIN),
    ("auditor", Role.OFFICE_STAFF),
    ("office", Role.SECURITY_ADMIN),
])
def test_the_database_refuses_it_for_any_other_writer(county, holder, role):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=county.users[holder], role=role)


def test_the_database_refuses_turning_a_grant_into_an_administrator_role(county):
    user = UserFactory(roles=[Role.OFFICE_STAFF, Role.LG_MEMBER])
    grant = user.role_grants.get(role=Role.LG_MEMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.filter(pk=grant.pk).update(role=Role.AUDIT_ADMIN)
    # a lone grant may become another one; two business roles stay allowed
    lone = UserFactory(roles=[Role.OFFICE_STAFF]).role_grants.get()
    RoleGrant.objects.filter(pk=lone.pk).update(role=Role.SYSTEM_ADMIN)
    RoleGrant.objects.create(user=user, role=Role.SECRETARY)


def test_an_administrator_role_is_refused_to_a_unit_contact_and_to_a_group_member(county):
    with pytest.raises(ValidationError, match="联系单位"):
        role_grant(actor=county.secadmin, user=UserFactory(contact_unit=county.unit_a), role=Role.SYSTEM_ADMIN)
    with pytest.raises(ValidationError, match="巡察组成员"):
        role_grant(actor=county.secadmin, user=county.member1, role=Role.AUDIT_ADMIN)
    assert not RoleGrant.objects.filter(role__in=ADMIN_ROLES).exclude(
        user__username__in=["sysadmin", "secadmin", "auditor"]
    ).exists()


def test_a_fresh_account_may_become_an_administrator(county):
    newcomer = UserFactory(username="admin2")
    assert role_grant(actor=county.secadmin, user=newcomer, role=Role.AUDIT_ADMIN) is True
    assert newcomer.role_grants.get().role == Role.AUDIT_ADMIN
