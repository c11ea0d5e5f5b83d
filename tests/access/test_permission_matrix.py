"""Every URL × every demo persona → allowed or refused.

A refused request gets 403 or 404 and its body carries none of the record's data. A new URL that
is missing here fails `test_every_url_is_in_the_matrix`, so no view is born without its refusals.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

LEADERSHIP = {"secretary", "deputy"}
OFFICE = {"director", "office"}
WORKING = LEADERSHIP | OFFICE
GROUP1 = {"leader1", "deputy1", "liaison1", "member1"}
GROUP2 = {"leader2", "liaison2", "member2"}
EVERYONE = set(PERSONAS)
# 三员分立: each administrator reaches only their own tool (and home, password, second factor);
# every page of the inspection work refuses them.
ADMINS = {"sysadmin", "secadmin", "auditor"}
BUSINESS = EVERYONE - ADMINS

# name → (method, kwargs from the county, personas allowed, text that must not leak when refused)
MATRIX = {
    "core:home": ("get", lambda c: {}, EVERYONE, None),
    # Everyone changes their own password; there is no one else's to see.
    "accounts:password_change": ("get", lambda c: {}, EVERYONE, None),
    "accounts:password_change_done": ("get", lambda c: {}, EVERYONE, None),
    # Everyone reaches their own code page; who needs no second factor is sent on to the home page.
    "twofactor:verify": ("get", lambda c: {}, EVERYONE, None),
    "core:history": ("get", lambda c: {"model": "groups.inspectiongroup", "pk": c.group1.pk}, WORKING | GROUP1 | {"unit1"}, "第一巡察组"),
    "rounds:list": ("get", lambda c: {}, BUSINESS, None),
    "rounds:detail": ("get", lambda c: {"pk": c.round.pk}, WORKING | GROUP1 | GROUP2 | {"unit1"}, "2026年第二轮"),
    "groups:detail": ("get", lambda c: {"pk": c.group2.pk}, WORKING | GROUP2, "示例县教育局"),
    "groups:withdraw": ("post", lambda c: {"pk": c.group1.pk}, OFFICE, None),
    # An inspection's files are group material: not for the unit contact who sees the inspection.
    "files:list": ("get", lambda c: {"model": "groups.inspection", "pk": c.inspection1.pk}, WORKING | GROUP1, "谈话笔录"),
    "files:add": ("post", lambda c: {"model": "groups.inspection", "pk": c.inspection1.pk}, WORKING | GROUP1, None),
    "files:download": ("get", lambda c: {"pk": c.attachment.pk}, WORKING | GROUP1, "%PDF"),
    "registry:unit_list": ("get", lambda c: {}, WORKING, "示例县财政局"),
    "registry:unit_detail": ("get", lambda c: {"pk": c.unit_b.pk}, WORKING | GROUP2, "示例县教育局"),
    "registry:cadre_list": ("get", lambda c: {}, WORKING, None),
    "registry:cadre_detail": ("get", lambda c: {"pk": c.member1.cadre_id}, WORKING, None),
    "registry:unit_export": ("get", lambda c: {}, WORKING, "示例县财政局"),
    "registry:unit_import": ("get", lambda c: {}, OFFICE, None),
    "registry:cadre_export": ("get", lambda c: {}, WORKING, None),
    "registry:cadre_import": ("get", lambda c: {}, OFFICE, None),
    "deadlines:list": ("get", lambda c: {}, BUSINESS, None),
    "notifications:list": ("get", lambda c: {}, BUSINESS, None),
    "notifications:read_all": ("post", lambda c: {}, BUSINESS, None),
    "notifications:open": ("post", lambda c: {"pk": c.notification.pk}, {"office"}, "给巡察办的通知"),
    "workdays:overview": ("get", lambda c: {}, BUSINESS, None),
    "workdays:year": ("get", lambda c: {"year": 2027}, OFFICE, None),
    "workdays:day_create": ("get", lambda c: {}, OFFICE, None),
    "workdays:day_edit": ("get", lambda c: {"pk": c.calendar_day.pk}, OFFICE, None),
    "workdays:day_delete": ("post", lambda c: {"pk": c.calendar_day.pk}, OFFICE, None),
    "workdays:holiday_create": ("get", lambda c: {}, OFFICE, None),
    # The system administrator keeps the accounts ...
    "administration:account_list": ("get", lambda c: {}, {"sysadmin"}, None),
    "administration:account_create": ("get", lambda c: {}, {"sysadmin"}, None),
    "administration:account_detail": ("get", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_disable": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_enable": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_end_sessions": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_unlock": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_password_reset": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    "administration:account_otp_reset": ("post", lambda c: {"pk": c.member1.pk}, {"sysadmin"}, None),
    # ... the security administrator grants the roles ...
    "administration:role_list": ("get", lambda c: {}, {"secadmin"}, None),
    "administration:role_detail": ("get", lambda c: {"pk": c.member1.pk}, {"secadmin"}, None),
    "administration:role_grant": ("post", lambda c: {"pk": c.member1.pk}, {"secadmin"}, None),
    "administration:role_revoke": ("post", lambda c: {"pk": c.member1.pk}, {"secadmin"}, None),
    # ... and the audit administrator reads the log.
    "administration:audit_list": ("get", lambda c: {}, {"auditor"}, None),
    "administration:audit_export": ("get", lambda c: {}, {"auditor"}, None),
    # Generated documents: the group sheet is group material (office, leadership, the group's people).
    "documents:request": ("post", lambda c: {"kind": "groups.roster", "pk": c.group1.pk}, WORKING | GROUP1, None),
    "documents:detail": ("get", lambda c: {"pk": c.document.pk}, WORKING | GROUP1, "第一巡察组"),
    "documents:download": ("get", lambda c: {"pk": c.document.pk}, WORKING | GROUP1, "%PDF"),
}

# Not case material: sign-in and the language switch.
UNGUARDED_NAMESPACES: set[str] = set()
UNGUARDED = {"login", "logout", "set_language"}


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in UNGUARDED_NAMESPACES:
                continue
            yield from _all_url_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    missing = sorted(set(_all_url_names()) - set(MATRIX) - UNGUARDED)
    assert not missing, f"views without a permission matrix entry: {missing}"


@pytest.fixture
def world(county, settings, tmp_path):
    from tests.documents.helpers import ready_document
    from tests.files.samples import make_pdf, upload
    from xunchar.files.services import attachment_upload
    from xunchar.notifications.models import Notification
    from xunchar.workdays.models import CalendarDay

    settings.MEDIA_ROOT = tmp_path / "media"
    county.attachment = attachment_upload(owner=county.inspection1, file=upload("谈话笔录.pdf", make_pdf()), actor=county.office)
    county.notification = Notification.objects.create(recipient=county.office, title="给巡察办的通知")
    county.calendar_day = CalendarDay.objects.create(date=datetime.date(2027, 1, 1), is_workday=False, name="元旦")
    county.document = ready_document(kind="groups.roster", subject=county.group1, actor=county.office, content=make_pdf())
    return county


@pytest.mark.parametrize("name", list(MATRIX))
def test_matrix(client, world, name):
    """Each persona in turn (one county per URL keeps the suite fast); every wrong answer is listed."""
    from django.urls import reverse

    method, kwargs, allowed, secret = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    wrong = []
    for persona in PERSONAS:
        client.force_login(world.users[persona])
        response = getattr(client, method)(url)
        status = response.status_code
        if persona in allowed:
            if status not in (200, 302) or (status == 302 and "/accounts/login/" in response["Location"]):
                wrong.append(f"{persona} should reach it, got {status}")
        elif status not in (403, 404):
            wrong.append(f"{persona} must be refused, got {status}")
        elif secret and secret in response.content.decode():
            wrong.append(f"{persona} is refused but the page leaks {secret!r}")
        if method == "post" and persona in allowed:
            # a POST may have changed what the next persona sees; start each persona afresh
            world = _reset(world)
            url = reverse(name, kwargs=kwargs(world))
    assert not wrong, f"{name}: " + "; ".join(wrong)


def _reset(world):
    """Undo the effects of an allowed POST (a withdrawal, a deleted day, notifications read)."""
    from xunchar.notifications.models import Notification
    from xunchar.workdays.models import CalendarDay

    world.group1.refresh_from_db()
    type(world.member1).objects.filter(pk=world.member1.pk).update(is_active=True)
    world.group1.deadlines.all().delete()
    if world.group1.withdrawn_on:
        world.group1.withdrawn_on = None
        world.group1.save()
    Notification.objects.filter(pk=world.notification.pk).update(read_at=None)
    world.calendar_day, _ = CalendarDay.objects.get_or_create(
        date=datetime.date(2027, 1, 1), defaults={"is_workday": False, "name": "元旦"}
    )
    return world


@pytest.mark.parametrize("name", list(MATRIX))
def test_anonymous_is_sent_to_sign_in(client, world, name):
    from django.urls import reverse

    method, kwargs, _, secret = MATRIX[name]
    response = getattr(client, method)(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
