"""The audit administrator's page: search by date, user, event, result and text; pages of 50; times in
Beijing time, written the Chinese way; the filtered rows exported to Excel, and the export audited."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record

pytestmark = pytest.mark.django_db

Event, Result = AuditEvent.Event, AuditEvent.Result
UTC = datetime.UTC
LIST, EXPORT = reverse("administration:audit_list"), reverse("administration:audit_export")


def at(clock, when: datetime.datetime, **fields) -> AuditEvent:
    clock.now = when
    return audit_record(**fields)


@pytest.fixture
def log(county, clock):
    """Two evenings either side of midnight in Beijing, and a few kinds of event."""
    events = {
        # 2026-11-27 23:30 in Beijing
        "late": at(clock, datetime.datetime(2026, 11, 27, 15, 30, tzinfo=UTC), event=Event.READ, actor=county.director,
                   object_repr="干部甲", object_type="registry.cadre", object_id="7"),
        # 2026-11-28 00:30 in Beijing: the next day there, still the 27th in UTC
        "early": at(clock, datetime.datetime(2026, 11, 27, 16, 30, tzinfo=UTC), event=Event.PERMISSION_DENIED,
                    actor=county.member1, result=Result.REFUSED, detail="GET registry:unit_list"),
        "export": at(clock, datetime.datetime(2026, 11, 28, 2, 0, tzinfo=UTC), event=Event.EXPORT, actor=county.secretary,
                     object_repr="12 条", detail="=HYPERLINK(\"http://x\")"),
        "failed": at(clock, datetime.datetime(2026, 11, 29, 2, 0, tzinfo=UTC), event=Event.LOGIN_FAILED,
                     username="nobody", result=Result.FAILED),
    }
    clock.now = datetime.datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    return events


def listed(client, **params) -> list[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [event.pk for event in response.context["page"]]


@pytest.fixture
def auditor(client, county, clock):
    client.force_login(county.auditor)
    return client


def test_dates_are_whole_days_in_beijing(auditor, log):
    assert listed(auditor, date_from="2026-11-27", date_to="2026-11-27") == [log["late"].pk]
    assert listed(auditor, date_from="2026-11-28", date_to="2026-11-28") == [log["export"].pk, log["early"].pk]
    assert listed(auditor, date_to="2026-11-28", event=Event.EXPORT) == [log["export"].pk]


def test_search_by_user_event_result_and_text(auditor, log, county):
    assert listed(auditor, user="member1") == [log["early"].pk]
    assert listed(auditor, user=county.secretary.full_name, event=Event.EXPORT) == [log["export"].pk]
    assert listed(auditor, event=Event.LOGIN_FAILED) == [log["failed"].pk]
    assert listed(auditor, result=Result.REFUSED) == [log["early"].pk]
    assert listed(auditor, text="干部甲") == [log["late"].pk]
    assert listed(auditor, text="unit_list") == [log["early"].pk]


def test_a_bad_date_is_shown_and_the_other_filters_still_apply(auditor, log):
    response = auditor.get(LIST, {"date_from": "28.11.2026", "event": Event.READ})
    assert "日期格式不正确" in response.content.decode()
    assert [event.pk for event in response.context["page"]] == [log["late"].pk]


def test_times_are_shown_in_beijing_time_the_chinese_way(auditor, log):
    page = auditor.get(LIST, {"event": Event.READ}).content.decode()
    assert "2026年11月27日 23:30:00（UTC+08:00）" in page


def test_pages_of_fifty_keep_the_filters(auditor, county, clock):
    for n in range(60):
        audit_record(event=Event.READ, actor=county.director, object_repr=f"记录{n}")
    response = auditor.get(LIST, {"event": Event.READ})
    assert len(response.context["page"]) == 50
    assert f"?event={Event.READ}&amp;page=2" in response.content.decode()
    assert len(auditor.get(LIST, {"event": Event.READ, "page": 2}).context["page"]) == 10


def test_export_gives_the_filtered_rows_and_is_audited(auditor, log, county):
    response = auditor.get(EXPORT, {"date_from": "2026-11-28"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97_" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "时间（UTC+08:00）", "用户", "事件", "结果")
    # the sign-in of the auditor (today, LOGIN_OK) is in range too; the export's own record is not yet
    by_id = {row[0]: row for row in rows[1:]}
    assert {log["early"].pk, log["export"].pk, log["failed"].pk} <= set(by_id)
    assert log["late"].pk not in by_id
    early = by_id[log["early"].pk]
    assert early[1] == datetime.datetime(2026, 11, 28, 0, 30)  # local time in the cell
    assert early[2:5] == ("member1", "拒绝访问", "拒绝")  # labels in Chinese, whatever the UI language
    assert by_id[log["export"].pk][10] == "=HYPERLINK(\"http://x\")"  # text, never a formula
    entry = AuditEvent.objects.filter(event=Event.EXPORT).latest("id")
    assert entry.actor == county.auditor
    assert entry.object_type == "audit.auditevent" and entry.object_repr == f"{len(rows) - 1} 条"
    assert entry.detail == "date_from=2026-11-28"


def test_exported_text_cells_are_typed_as_text(auditor, log):
    response = auditor.get(EXPORT, {"event": Event.EXPORT})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=11)
    assert cell.data_type == "s" and cell.value.startswith("=")


def _grow(county, n):
    for i in range(n):
        audit_record(event=Event.READ, actor=county.director, object_repr=f"记录{i}", detail="增长")


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_the_same_number_of_queries_for_3_and_30_rows(auditor, county, url):
    counts = []
    for n in (3, 27):
        _grow(county, n)
        with CaptureQueriesContext(connection) as queries:
            response = auditor.get(url, {"text": "增长"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_an_export_beyond_the_limit_is_refused_with_a_reason(auditor, log, monkeypatch):
    from xunchar.administration import views

    monkeypatch.setattr(views, "MAX_EXPORT_ROWS", 2)
    response = auditor.get(EXPORT, {"date_from": "2026-11-27"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{LIST}?date_from=2026-11-27"
    assert "超过单次导出上限 2 条" in response.content.decode()
    assert not AuditEvent.objects.filter(event=Event.EXPORT, actor__username="auditor").exists()
