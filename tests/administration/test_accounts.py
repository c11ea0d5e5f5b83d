"""The system administrator keeps the accounts: creates them, corrects name, cadre link and unit,
disables and enables them. Every change is audited; none touches roles."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CadreFactory, UserFactory
from xunchar.administration import services
from xunchar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

User = get_user_model()
STRONG = "Xuncha#Account2026"


def changes():
    return AuditEvent.objects.filter(event=AuditEvent.Event.ACCOUNT_CHANGE)


@pytest.fixture
def sysadmin(client, county):
    client.force_login(county.sysadmin)
    return client


def create(client, **fields):
    data = {"username": "zhangsan", "full_name": "张三", "password1": STRONG, "password2": STRONG, **fields}
    return client.post(reverse("administration:account_create"), {k: v for k, v in data.items() if v is not None})


def test_creating_an_account(sysadmin, county):
    response = create(sysadmin)
    user = User.objects.get(username="zhangsan")
    assert response.status_code == 302 and response["Location"] == reverse("administration:account_detail", args=[user.pk])
    assert user.full_name == "张三" and user.is_active and user.check_password(STRONG)
    assert not user.role_grants.exists()  # roles are the security administrator's
    assert not user.is_staff and not user.is_superuser
    assert user.password_changed_at is None  # to be changed at the first sign-in
    entry = changes().get()
    assert (entry.actor, entry.object_id) == (county.sysadmin, str(user.pk))
    assert entry.detail == "新建账号：姓名 张三；关联干部 （无）；联系单位 （无）"


def test_linking_the_cadre_by_unit_and_name(sysadmin, county):
    cadre = CadreFactory(name="李四", unit=county.unit_b)
    create(sysadmin, cadre_unit=county.unit_b.pk, cadre_name="李四", contact_unit=county.unit_a.pk)
    user = User.objects.get(username="zhangsan")
    assert (user.cadre, user.contact_unit) == (cadre, county.unit_a)
    assert changes().get().detail.endswith(f"关联干部 李四（{county.unit_b.name}）；联系单位 {county.unit_a.name}")


@pytest.mark.parametrize(("fields", "message"), [
    ({"username": "office"}, "用户名“office”已被使用。"),
    ({"username": "OFFICE"}, "用户名“OFFICE”已被使用。"),
    ({"password2": "Another#Pass2026"}, "两次填写的密码不一致。"),
    ({"password1": "short", "password2": "short"}, "密码"),
    ({"cadre_name": "王五"}, "关联干部须同时填写所在单位和姓名"),
    ({"cadre_unit": "unit_b", "cadre_name": "查无此人"}, "没有名为“查无此人”的干部"),
])
def test_creating_is_refused_with_a_reason(sysadmin, county, fields, message):
    fields = {k: (getattr(county, v).pk if v == "unit_b" else v) for k, v in fields.items()}
    response = create(sysadmin, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not changes().exists()


def test_a_cadre_links_to_one_account_only(county):
    with pytest.raises(ValidationError, match="已关联账号 member1"):
        services.account_create(actor=county.sysadmin, username="again", full_name="又一个", password=STRONG,
                                cadre=county.member1.cadre)


def test_editing_records_what_changed_and_saving_unchanged_records_nothing(sysadmin, county):
    url = reverse("administration:account_detail", args=[county.member1.pk])
    cadre = county.member1.cadre
    data = {"full_name": "成员一", "cadre_unit": cadre.unit_id, "cadre_name": cadre.name, "contact_unit": ""}
    assert sysadmin.post(url, data).status_code == 302
    county.member1.refresh_from_db()
    assert county.member1.full_name == "成员一" and county.member1.cadre == cadre
    assert changes().get().detail == "姓名：member1 → 成员一"
    sysadmin.post(url, data)
    assert changes().count() == 1


def test_an_administrators_account_takes_no_business_link(county):
    with pytest.raises(ValidationError, match="联系单位"):
        services.account_update(actor=county.sysadmin, user=county.auditor, full_name="auditor",
                                contact_unit=county.unit_a)
    # member1's cadre sits in group 1: unlinked from member1, then offered to the auditor
    group_member = county.member1.cadre
    services.account_update(actor=county.sysadmin, user=county.member1, full_name="member1", cadre=None)
    with pytest.raises(ValidationError, match="巡察组成员"):
        services.account_update(actor=county.sysadmin, user=county.auditor, full_name="auditor", cadre=group_member)
    free = CadreFactory()
    services.account_update(actor=county.sysadmin, user=county.auditor, full_name="auditor", cadre=free)
    county.auditor.refresh_from_db()
    assert county.auditor.cadre == free


def test_disabling_and_enabling(sysadmin, county):
    disable = reverse("administration:account_disable", args=[county.member2.pk])
    enable = reverse("administration:account_enable", args=[county.member2.pk])
    sysadmin.post(disable)
    county.member2.refresh_from_db()
    assert not county.member2.is_active
    sysadmin.post(disable)  # repeating it changes nothing and records nothing
    sysadmin.post(enable)
    county.member2.refresh_from_db()
    assert county.member2.is_active
    assert [e.detail for e in changes().order_by("id")] == ["停用账号，结束会话 0 个", "启用账号"]


def test_the_system_administrator_cannot_disable_or_sign_out_themself(sysadmin, county):
    response = sysadmin.post(reverse("administration:account_disable", args=[county.sysadmin.pk]), follow=True)
    assert "不能停用或启用自己的账号。" in response.content.decode()
    with pytest.raises(ValidationError, match="不能结束自己的会话"):
        services.sessions_end(actor=county.sysadmin, user=county.sysadmin)
    county.sysadmin.refresh_from_db()
    assert county.sysadmin.is_active


@pytest.mark.parametrize("actor", ["secadmin", "auditor", "director", "secretary"])
def test_only_the_system_administrator_changes_accounts(county, actor):
    actor = county.users[actor]
    with pytest.raises(ValidationError, match="只有系统管理员"):
        services.account_create(actor=actor, username="x", full_name="x", password=STRONG)
    with pytest.raises(ValidationError, match="只有系统管理员"):
        services.account_set_active(actor=actor, user=county.member1, active=False)
    with pytest.raises(ValidationError, match="只有系统管理员"):
        services.sessions_end(actor=actor, user=county.member1)


def test_the_account_list_searches_and_costs_the_same_for_3_and_30_accounts(sysadmin, county):
    response = sysadmin.get(reverse("administration:account_list"), {"q": "member"})
    assert {u.username for u in response.context["page"]} == {"member1", "member2"}
    counts = []
    for n in (3, 27):
        for _ in range(n):
            UserFactory(cadre=CadreFactory(), contact_unit=county.unit_a)
        with CaptureQueriesContext(connection) as queries:
            assert sysadmin.get(reverse("administration:account_list")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_account_page_lists_the_live_sessions(sysadmin, county, client):
    from django.test import Client

    member = Client()
    member.force_login(county.member1)
    response = sysadmin.get(reverse("administration:account_detail", args=[county.member1.pk]))
    assert len(response.context["sessions"]) == 1


def test_the_account_page_shows_the_current_values(sysadmin, county):
    cadre = county.member1.cadre
    form = sysadmin.get(reverse("administration:account_detail", args=[county.member1.pk])).context["form"]
    assert form.initial == {"full_name": "member1", "cadre_unit": cadre.unit_id, "cadre_name": cadre.name,
                            "contact_unit": None}
    page = sysadmin.get(reverse("administration:account_detail", args=[county.unit1.pk])).content.decode()
    assert f'<option value="{county.unit_a.pk}" selected>' in page
