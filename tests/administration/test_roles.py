"""The security administrator grants and revokes standing roles; each change is audited and takes
effect at the holder's next request."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from xunchar.accounts.models import RoleGrant
from xunchar.accounts.roles import Role
from xunchar.administration import services
from xunchar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def role_changes():
    return AuditEvent.objects.filter(event=AuditEvent.Event.ROLE_CHANGE).order_by("id")


@pytest.fixture
def secadmin(client, county):
    client.force_login(county.secadmin)
    return client


def test_granting_a_role_opens_the_work_at_the_next_request(secadmin, county):
    member = Client()
    member.force_login(county.member1)
    assert member.get(reverse("registry:unit_list")).status_code == 403
    response = secadmin.post(reverse("administration:role_grant", args=[county.member1.pk]), {"role": Role.OFFICE_STAFF})
    assert response.status_code == 302
    assert member.get(reverse("registry:unit_list")).status_code == 200
    entry = role_changes().get()
    assert (entry.actor, entry.object_id) == (county.secadmin, str(county.member1.pk))
    assert entry.detail == f"授予角色：{services.role_label(Role.OFFICE_STAFF)}"
    assert "巡察" in entry.detail  # the Chinese name, not the English msgid


def test_revoking_a_role_closes_it_again(secadmin, county):
    member = Client()
    member.force_login(county.director)
    secadmin.post(reverse("administration:role_revoke", args=[county.director.pk]), {"role": Role.OFFICE_DIRECTOR})
    assert not county.director.role_grants.exists()
    assert member.get(reverse("registry:unit_list")).status_code == 403
    assert role_changes().get().detail.startswith("撤销角色：")


def test_repeating_a_grant_or_a_revoke_changes_and_records_nothing(secadmin, county):
    grant = reverse("administration:role_grant", args=[county.member1.pk])
    revoke = reverse("administration:role_revoke", args=[county.member1.pk])
    secadmin.post(grant, {"role": Role.LG_MEMBER})
    secadmin.post(grant, {"role": Role.LG_MEMBER})
    secadmin.post(revoke, {"role": Role.LG_MEMBER})
    secadmin.post(revoke, {"role": Role.LG_MEMBER})
    assert [e.detail[:4] for e in role_changes()] == ["授予角色", "撤销角色"]


def test_a_refusal_is_shown_on_the_page(secadmin, county):
    response = secadmin.post(
        reverse("administration:role_grant", args=[county.office.pk]), {"role": Role.AUDIT_ADMIN}, follow=True
    )
    assert "管理员角色不能与其他角色兼任" in response.content.decode()
    assert not role_changes().exists()


@pytest.mark.parametrize(("user", "role", "message"), [
    ("secadmin", Role.OFFICE_STAFF, "不能修改自己的角色。"),
    ("unit_contact_without_unit", Role.UNIT_CONTACT, "请先由系统管理员为该账号设置联系单位"),
    ("disabled", Role.OFFICE_STAFF, "账号已停用"),
    ("member1", "root", "请选择要授予的角色。"),
])
def test_grants_refused_with_a_reason(county, user, role, message):
    users = {
        "secadmin": county.secadmin,
        "unit_contact_without_unit": UserFactory(),
        "disabled": UserFactory(is_active=False),
        "member1": county.member1,
    }
    with pytest.raises(ValidationError, match=message):
        services.role_grant(actor=county.secadmin, user=users[user], role=role)


def test_the_security_administrator_cannot_revoke_their_own_role(county):
    with pytest.raises(ValidationError, match="不能修改自己的角色"):
        services.role_revoke(actor=county.secadmin, user=county.secadmin, role=Role.SECURITY_ADMIN)
    assert RoleGrant.objects.filter(user=county.secadmin, role=Role.SECURITY_ADMIN).exists()


@pytest.mark.parametrize("actor", ["sysadmin", "auditor", "director", "secretary"])
def test_only_the_security_administrator_grants_roles(county, actor):
    with pytest.raises(ValidationError, match="只有安全管理员"):
        services.role_grant(actor=county.users[actor], user=county.member1, role=Role.OFFICE_STAFF)
    with pytest.raises(ValidationError, match="只有安全管理员"):
        services.role_revoke(actor=county.users[actor], user=county.office, role=Role.OFFICE_STAFF)


def test_the_role_list_filters_and_costs_the_same_for_3_and_30_accounts(secadmin, county):
    response = secadmin.get(reverse("administration:role_list"), {"role": Role.OFFICE_STAFF})
    assert [u.username for u in response.context["page"]] == ["office"]
    counts = []
    for n in (3, 27):
        for _ in range(n):
            UserFactory(roles=[Role.LG_MEMBER, Role.OFFICE_STAFF])
        with CaptureQueriesContext(connection) as queries:
            assert secadmin.get(reverse("administration:role_list")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_role_page_of_an_account(secadmin, county):
    response = secadmin.get(reverse("administration:role_detail", args=[county.director.pk]))
    assert response.status_code == 200
    assert [g.role for g in response.context["grants"]] == [Role.OFFICE_DIRECTOR]
