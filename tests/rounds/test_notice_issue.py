"""S02.2: inspection notices are issued after the mobilization meeting, numbered per year without
gaps or duplicates, all of a round at once or none, and frozen once issued.

In the county, group 1's notice is 巡察办发〔2026〕1号 and group 2's is a draft."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from rounds.models import InspectionNotice, MobilizationMeeting, OfficeDocumentSerial
from rounds.prep_services import _next_serial, notice_issue, notice_update, notices_issue_all, notices_prepare
from tests.conftest import skip_or_fail
from tests.factories import InspectionFactory, InspectionGroupFactory, RoundFactory, UnitFactory
from xunchar.notifications.models import Notification

pytestmark = pytest.mark.django_db
D = date


def _more_inspections(county, n):
    for i in range(n):
        InspectionFactory(group=county.group1 if i % 2 else county.group2, unit=UnitFactory(name=f"示例县第{i}单位"))


def _serials(round_):
    return sorted(
        InspectionNotice.objects.filter(inspection__round=round_, status="issued").values_list("serial", flat=True)
    )


def test_issue_all_numbers_every_draft_in_sequence(county):
    _more_inspections(county, 4)
    notices_prepare(round=county.round, actor=county.office)
    issued = notices_issue_all(round=county.round, actor=county.director, issued_on=D(2026, 10, 12))
    assert len(issued) == 5
    assert _serials(county.round) == [1, 2, 3, 4, 5, 6]  # 1 is group 1's notice, issued before
    # group order: group 1's new notices first, then group 2's
    groups = [n.inspection.group.number for n in issued]
    assert groups == sorted(groups)
    assert all(n.number == f"巡察办发〔2026〕{n.serial}号" for n in issued)
    assert OfficeDocumentSerial.objects.get(series="notice", year=2026).last_serial == 6


def test_one_bad_notice_stops_them_all_and_gives_no_number_away(county):
    _more_inspections(county, 2)
    notices_prepare(round=county.round, actor=county.office)
    bad = InspectionNotice.objects.filter(status="draft").order_by("pk").last()
    InspectionNotice.objects.filter(pk=bad.pk).update(contact_phone="")
    with pytest.raises(ValidationError) as refused:
        notices_issue_all(round=county.round, actor=county.office, issued_on=D(2026, 10, 12))
    assert str(bad.inspection.unit) in " ".join(refused.value.messages)
    assert InspectionNotice.objects.filter(status="issued").count() == 1  # only the county's own
    assert OfficeDocumentSerial.objects.get(series="notice", year=2026).last_serial == 1
    # fixed, the next issue continues at 2: no gap where the refused attempt was
    notice_update(notice=bad, actor=county.office, contact_phone="0999-1")
    notices_issue_all(round=county.round, actor=county.office, issued_on=D(2026, 10, 12))
    assert _serials(county.round) == [1, 2, 3, 4]


def test_a_round_with_an_inspection_without_notice_cannot_issue_all(county):
    InspectionFactory(group=county.group1, unit=UnitFactory(name="示例县无通知单位"))
    with pytest.raises(ValidationError, match="示例县无通知单位"):
        notices_issue_all(round=county.round, actor=county.office, issued_on=D(2026, 10, 12))
    assert county.notice2.__class__.objects.get(pk=county.notice2.pk).status == "draft"


def test_numbers_start_again_each_year(county):
    notice_issue(notice=county.notice2, actor=county.office, issued_on=D(2027, 1, 5))
    county.notice2.refresh_from_db()
    assert (county.notice2.year, county.notice2.serial) == (2027, 1)
    assert county.notice2.number == "巡察办发〔2027〕1号"


def test_the_prefix_comes_from_the_setting(county, settings):
    settings.XUNCHAR_OFFICE_DOCUMENT_PREFIX = "示巡办"
    notice = notice_issue(notice=county.notice2, actor=county.office, issued_on=D(2026, 10, 13))
    assert notice.number == "示巡办发〔2026〕2号"


def test_the_database_refuses_a_duplicate_number(county):
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionNotice.objects.filter(pk=county.notice2.pk).update(
            status="issued", year=2026, serial=1, issued_on=D(2026, 10, 12)
        )


def test_the_database_refuses_an_issued_notice_without_number(county):
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionNotice.objects.filter(pk=county.notice2.pk).update(status="issued")


def test_not_before_the_mobilization_meeting(county):
    with pytest.raises(ValidationError, match="2026年10月12日"):  # the meeting's date
        notice_issue(notice=county.notice2, actor=county.office, issued_on=D(2026, 10, 11))
    round_ = RoundFactory(year=2026, number=9)
    group = InspectionGroupFactory(round=round_, number=1)
    InspectionFactory(group=group, unit=UnitFactory())
    assert not MobilizationMeeting.objects.filter(round=round_).exists()
    (draft,) = notices_prepare(round=round_, actor=county.office)
    notice_update(notice=draft, actor=county.office, contact_person="联络员", contact_phone="0999-1")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        notice_issue(notice=draft, actor=county.office, issued_on=D(2026, 12, 1))
    assert refused.value.messages == ["The mobilization meeting has not been recorded: notices are issued after it."]
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.serial is None


def test_issuing_twice_changes_nothing(county):
    first = notice_issue(notice=county.notice2, actor=county.office, issued_on=D(2026, 10, 13))
    again = notice_issue(notice=county.notice2, actor=county.director, issued_on=D(2026, 10, 20))
    assert (again.serial, again.issued_on, again.issued_by) == (first.serial, D(2026, 10, 13), county.office)
    assert notices_issue_all(round=county.round, actor=county.office, issued_on=D(2026, 10, 20)) == []


def test_an_issued_notice_is_frozen(county):
    with pytest.raises(ValidationError):
        notice_update(notice=county.notice1, actor=county.office, title="改过的标题")
    county.notice1.refresh_from_db()
    assert county.notice1.title.startswith("关于县委第一巡察组")


@pytest.mark.parametrize("persona", ["secretary", "leader1", "leader2", "unit1"])
def test_only_the_office_issues(county, persona):
    with pytest.raises(PermissionDenied):
        notice_issue(notice=county.notice2, actor=county.users[persona], issued_on=D(2026, 10, 13))
    with pytest.raises(PermissionDenied):
        notices_issue_all(round=county.round, actor=county.users[persona], issued_on=D(2026, 10, 13))


def test_the_unit_and_the_group_are_told(county):
    county.unit1.contact_unit = county.unit_b
    county.unit1.save(update_fields=["contact_unit"])
    InspectionFactory(group=county.group2, unit=UnitFactory(name="示例县另一单位"))
    notices_prepare(round=county.round, actor=county.office)
    assert not Notification.objects.exists()  # a draft tells nobody
    notice_issue(notice=county.notice2, actor=county.office, issued_on=D(2026, 10, 13))
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"unit1", "leader2", "liaison2", "member2"}


def test_drafts_are_generated_from_the_round_and_group(county):
    InspectionFactory(group=county.group1, unit=UnitFactory(name="示例县水务局"))
    (draft,) = notices_prepare(round=county.round, actor=county.office)
    assert draft.title == "关于县委第一巡察组对示例县水务局党组织开展巡察的通知"
    assert "2026年10月14日" in draft.schedule
    assert draft.contact_person == county.liaison1.cadre.name
    assert draft.contact_phone == county.notice1.contact_phone  # the group's phone, from its other notice
    assert notices_prepare(round=county.round, actor=county.office) == []


@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_get_consecutive_numbers_on_postgresql(county):
    """Thread A holds the year's counter; thread B's issue waits for it and takes the next number.
    Without the row lock B would read the old counter and hand out A's number again."""
    if connection.vendor != "postgresql":
        skip_or_fail("concurrent issuing needs PostgreSQL (DATABASE_URL)")
    InspectionFactory(group=county.group1, unit=UnitFactory(name="示例县并发单位"))
    (other,) = notices_prepare(round=county.round, actor=county.office)
    holding, release = threading.Event(), threading.Event()
    results, errors = {}, []

    def thread_a():
        try:
            with transaction.atomic():
                results["a"] = _next_serial(OfficeDocumentSerial.Series.NOTICE, 2026)
                holding.set()
                release.wait(10)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    def thread_b():
        try:
            results["b"] = notice_issue(notice=other, actor=county.office, issued_on=D(2026, 10, 13)).serial
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    a = threading.Thread(target=thread_a)
    a.start()
    assert holding.wait(10)
    b = threading.Thread(target=thread_b)
    b.start()
    b.join(1.0)
    assert b.is_alive(), "the second issue must wait for the counter"
    release.set()
    a.join(10)
    b.join(10)
    assert not errors, errors
    assert (results["a"], results["b"]) == (2, 3)
    assert OfficeDocumentSerial.objects.get(series="notice", year=2026).last_serial == 3
