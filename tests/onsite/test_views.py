"""The on-site pages: who reaches what (out of scope 404, in scope without the right 403), the same
number of queries for few and many rows, forms that refuse bad input, and the PDFs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.onsite import services
from groups.onsite.models import FieldVisit, ImmediateFix, Publicity
from tests.documents.helpers import compact, pdf_fonts, pdf_text
from xunchar.documents.registry import document_kind
from xunchar.documents.rendering import render_pdf

from .records import ANNOUNCEMENT_TITLE, SECRET_MATTER, SECRET_PERSON, SYMPOSIUM_TOPIC, fix, member, visit

pytestmark = pytest.mark.django_db


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_group_page_lists_the_activities_by_date(client, onsite):
    c = onsite
    response = _get(client, c.member1, reverse("onsite:group", args=[c.group1.pk]))
    assert response.status_code == 200
    kinds = [a.kind for a in response.context["activities"]]
    assert kinds == ["symposium", "meeting", "special_check", "visit"]  # 16, 21, 28 October, then the coming visit
    page = response.content.decode()
    assert SYMPOSIUM_TOPIC in page
    assert SECRET_MATTER not in page and SECRET_PERSON not in page
    assert reverse("onsite:restricted", args=[c.group1.pk]) not in page  # a member is not shown the link
    # A member reads, but is not offered the forms.
    assert reverse("onsite:symposium_add", args=[c.group1.pk]) not in page


@pytest.mark.parametrize("persona", ["member2", "leader2", "unit1", "jiwei", "sysadmin"])
def test_other_groups_and_unit_contacts_get_404(client, onsite, persona):
    c = onsite
    user = c.users[persona]
    for name, pk in (
        ("onsite:group", c.group1.pk), ("onsite:entry", c.inspection1.pk), ("onsite:restricted", c.group1.pk),
        ("onsite:referral_detail", c.onsite_referral.pk),
    ):
        response = _get(client, user, reverse(name, args=[pk]))
        assert response.status_code in ((404,) if persona != "sysadmin" else (403, 404)), (name, persona)
        assert ANNOUNCEMENT_TITLE not in response.content.decode()


def test_members_do_not_reach_the_restricted_page(client, onsite):
    c = onsite
    assert _get(client, c.member1, reverse("onsite:restricted", args=[c.group1.pk])).status_code == 404
    assert _get(client, c.member1, reverse("onsite:referral_detail", args=[c.onsite_referral.pk])).status_code == 404
    response = _get(client, c.deputy1, reverse("onsite:restricted", args=[c.group1.pk]))
    assert response.status_code == 200 and SECRET_MATTER in response.content.decode()
    assert _get(client, c.secretary, reverse("onsite:restricted", args=[c.group1.pk])).status_code == 200


def test_a_member_is_refused_the_forms(client, onsite):
    c = onsite
    client.force_login(c.member1)
    assert client.get(reverse("onsite:visit_add", args=[c.group1.pk])).status_code == 403
    assert client.post(reverse("onsite:visit_approve", args=[c.onsite_visit.pk])).status_code == 403
    assert client.post(reverse("onsite:fix_response", args=[c.onsite_fix.pk]), {"response": "x", "responded_on": "2026-10-23"}).status_code == 403
    client.force_login(c.liaison1)
    assert client.get(reverse("onsite:meeting_add", args=[c.group1.pk])).status_code == 403  # the leader names attendees
    assert client.post(reverse("onsite:visit_approve", args=[c.onsite_visit.pk])).status_code == 403


def test_field_visit_form_with_one_staff_shows_the_refusal(client, onsite):
    c = onsite
    client.force_login(c.liaison1)
    before = FieldVisit.objects.count()
    response = client.post(reverse("onsite:visit_add", args=[c.group1.pk]), {
        "place": "某村", "purpose": "了解项目", "planned_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
        "staff": [member(c, "liaison1").pk],
    })
    assert response.status_code == 200
    assert "实地走访不得少于2名巡察组工作人员" in response.content.decode()
    assert FieldVisit.objects.count() == before


def test_leader_approves_and_liaison_records_the_visit_through_the_pages(client, onsite):
    c = onsite
    planned = visit(c)
    client.force_login(c.leader1)
    client.post(reverse("onsite:visit_approve", args=[planned.pk]))
    planned.refresh_from_db()
    assert planned.state == FieldVisit.State.APPROVED
    client.force_login(c.liaison1)
    client.post(reverse("onsite:visit_record", args=[planned.pk]), {"held_on": timezone.localdate().isoformat(), "record": "看了现场"})
    planned.refresh_from_db()
    assert planned.state == FieldVisit.State.HELD


def test_overdue_fix_is_flagged_on_the_page(client, onsite):
    c = onsite
    response = _get(client, c.member1, reverse("onsite:group", args=[c.group1.pk]))
    assert 'data-testid="overdue"' in response.content.decode()  # told 20 October, 5 working days
    services.immediate_fix_record_response(fix=c.onsite_fix, actor=c.liaison1, response="已整改", responded_on=datetime.date(2026, 10, 23))
    response = _get(client, c.member1, reverse("onsite:group", args=[c.group1.pk]))
    assert 'data-testid="overdue"' not in response.content.decode()


def test_entry_page_shows_the_risk_check_and_approval(client, onsite):
    c = onsite
    response = _get(client, c.member1, reverse("onsite:entry", args=[c.inspection1.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and ANNOUNCEMENT_TITLE in page and "赵某" in page
    assert reverse("onsite:publicity_risk_check", args=[c.onsite_announcement.pk]) not in page


def test_publicity_form_saves_and_clears_the_risk_check(client, onsite):
    c = onsite
    client.force_login(c.liaison1)
    url = reverse("onsite:publicity", args=[c.inspection1.pk, "news_release"])
    data = {
        "title": "新标题", "body": "正文", "contact_phone": "0000-1", "address": "地址", "mailbox": "信箱",
        "accepts_from": "2026-10-14", "accepts_until": "2026-12-14", "hours": "工作日",
    }
    assert client.post(url, data).status_code == 302
    assert Publicity.objects.get(pk=c.onsite_news_release.pk).title == "新标题"
    # The approved announcement is not changed.
    response = client.post(reverse("onsite:publicity", args=[c.inspection1.pk, "announcement"]), data)
    assert response.status_code == 200 and Publicity.objects.get(pk=c.onsite_announcement.pk).title == ANNOUNCEMENT_TITLE


def _more_rows(c, n):
    for i in range(n):
        services.symposium_create(
            group=c.group1, actor=c.liaison1, topic=f"座谈{i}", held_on=datetime.date(2026, 10, 17), participants="干部",
            chair=member(c, "deputy1"), minute_taker=member(c, "member1"),
        )
        services.meeting_attended_create(
            group=c.group1, actor=c.leader1, meeting=f"会议{i}", held_on=datetime.date(2026, 10, 18),
            attendees=[member(c, "deputy1"), member(c, "member1")],
        )
        visit(c)
        services.special_check_create(group=c.group1, actor=c.liaison1, kind="ideology", checked_on=datetime.date(2026, 10, 19), report="报告")
        fix(c)
        services.major_matter_report(group=c.group1, actor=c.liaison1, kind="risk", channel="office",
                                     occurred_on=datetime.date(2026, 10, 22), text="风险")
        services.referral_create(group=c.group1, actor=c.liaison1, kind="investigation", person="某", facts="事实", proposal="建议",
                                 public_notice="通报")


def _count(client, user, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name,persona,arg", [
    ("onsite:group", "leader1", "group"), ("onsite:group", "office", "group"),
    ("onsite:restricted", "liaison1", "group"), ("onsite:entry", "leader1", "inspection"),
])
def test_query_count_does_not_grow_with_rows(client, onsite, name, persona, arg):
    c = onsite
    url = reverse(name, args=[c.group1.pk if arg == "group" else c.inspection1.pk])
    few = _count(client, c.users[persona], url)
    _more_rows(c, 4)
    many = _count(client, c.users[persona], url)
    assert many == few, f"{name}: {few} queries with few rows, {many} with many"
    assert ImmediateFix.objects.filter(group=c.group1).count() == 5


def _pdf(code, subject) -> bytes:
    template, context = document_kind(code).build(subject)
    return render_pdf(template, context)


def test_announcement_and_news_release_print_in_document_layout(onsite):
    c = onsite
    content = _pdf("onsite.announcement", c.onsite_announcement)
    text = compact(pdf_text(content))
    for phrase in (ANNOUNCEMENT_TITLE, "中共示例县委第一巡察组", "0000-1234567", "示例县邮政1001号信箱", "受理时间：工作日", "2026年12月14日"):
        assert compact(phrase) in text, phrase
    assert "草稿" not in text
    for font in pdf_fonts(content):
        assert font["embedded"] and "Xunchar" in font["name"], font
    draft = compact(pdf_text(_pdf("onsite.news_release", c.onsite_news_release)))
    assert compact("县委第一巡察组进驻示例县财政局开展巡察") in draft and compact("此为草稿，尚未报批。") in draft


def test_pdf_kinds_follow_the_records_scope(onsite):
    c = onsite
    kind = document_kind("onsite.announcement")
    assert list(kind.subjects_for(c.member1)) == [c.onsite_announcement]
    assert not kind.subjects_for(c.member2).exists() and not kind.subjects_for(c.unit1).exists()
    assert not kind.subjects_for(c.liaison2).exists()  # group 2's liaison still reaches group 2's material
    assert not document_kind("onsite.news_release").subjects_for(c.member1).filter(pk=c.onsite_announcement.pk).exists()


def test_the_commission_reads_a_handed_referral_and_nothing_else(client, onsite):
    c = onsite
    referral = c.onsite_referral
    services.referral_propose(referral=referral, actor=c.liaison1)
    services.referral_submit(referral=referral, actor=c.office)
    from .records import approve

    approve(referral, services.INVESTIGATION_CHAIN, c.secretary)
    url = reverse("onsite:referral_detail", args=[referral.pk])
    assert _get(client, c.jiwei, url).status_code == 404
    client.force_login(c.office)
    client.post(reverse("onsite:referral_hand", args=[referral.pk]))
    response = _get(client, c.jiwei, url)
    assert response.status_code == 200 and SECRET_PERSON in response.content.decode()
    assert _get(client, c.jiwei, reverse("onsite:restricted", args=[c.group1.pk])).status_code == 404
    assert _get(client, c.jiwei, reverse("onsite:group", args=[c.group1.pk])).status_code == 404
    assert _get(client, c.zuzhibu, url).status_code == 404


def test_referral_page_query_count_is_fixed(client, onsite):
    c = onsite
    other = services.referral_create(group=c.group1, actor=c.liaison1, kind="eight_rules", person="某", facts="事实", proposal="建议",
                                     immediate_fix=c.onsite_fix)
    services.referral_propose(referral=other, actor=c.liaison1)
    services.referral_submit(referral=other, actor=c.office)
    counts = {_count(client, c.liaison1, reverse("onsite:referral_detail", args=[r.pk])) for r in (c.onsite_referral, other)}
    assert len(counts) == 1, counts


def test_unit_report_is_uploaded_with_its_file(client, onsite):
    from groups.onsite.models import UnitReport
    from tests.files.samples import make_pdf, upload
    from xunchar.files.models import Attachment

    c = onsite
    client.force_login(c.liaison1)
    url = reverse("onsite:unit_report_add", args=[c.inspection1.pk])
    response = client.post(url, {"kind": "work", "title": "财政局党组工作汇报", "received_on": "2026-10-15",
                                 "file": upload("工作汇报.pdf", make_pdf("财政局党组工作汇报"))})
    assert response.status_code == 302
    report = UnitReport.objects.get(inspection=c.inspection1)
    assert Attachment.objects.of(report).count() == 1
    page = _get(client, c.member1, reverse("onsite:entry", args=[c.inspection1.pk])).content.decode()
    assert "财政局党组工作汇报" in page and "工作汇报.pdf" in page
    # A file that is not what its name says is refused, and no report is left behind.
    client.force_login(c.liaison1)
    response = client.post(url, {"kind": "thematic", "title": "专题报告", "received_on": "2026-10-15",
                                 "file": upload("专题.pdf", b"not a pdf at all")})
    assert response.status_code == 200 and UnitReport.objects.filter(inspection=c.inspection1).count() == 1
    from xunchar.audit.models import AuditEvent

    assert AuditEvent.objects.filter(event=AuditEvent.Event.UPLOAD_REFUSED, actor=c.liaison1).exists()
    # Another group's people do not reach the files.
    attachment = Attachment.objects.of(report).get()
    for outsider in (c.member2, c.liaison2):  # liaison2 still reaches group 2's material
        assert _get(client, outsider, reverse("files:download", args=[attachment.pk])).status_code == 404


def test_the_leader_is_told_of_a_visit_plan(onsite):
    from xunchar.notifications.models import Notification

    assert Notification.objects.filter(recipient=onsite.leader1, title__contains="实地走访方案待批准").exists()
