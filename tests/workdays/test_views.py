"""The calendar page: everyone may look; only the office enters days, holidays and confirmations."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xunchar.deadlines.models import Deadline
from xunchar.deadlines.services import deadline_start
from xunchar.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def jan1(db):
    return CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")


def edit_pages(day):
    return [
        reverse("workdays:day_create"),
        reverse("workdays:day_edit", args=[day.pk]),
        reverse("workdays:holiday_create"),
        reverse("workdays:year", args=[2027]),
    ]


@pytest.mark.parametrize("persona", ["office", "director", "member1", "leader1", "secretary", "jiwei", "unit1"])
def test_everyone_may_view_the_overview(client, county, persona):
    client.force_login(county.users[persona])
    response = client.get(reverse("workdays:overview"))
    assert response.status_code == 200
    assert (reverse("workdays:holiday_create") in response.content.decode()) is (persona in ("office", "director"))


def test_anonymous_is_sent_to_sign_in(client, jan1):
    for url in [reverse("workdays:overview"), *edit_pages(jan1)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["member1", "leader1", "secretary", "jiwei", "unit1"])
def test_edit_pages_are_refused_to_others(client, county, jan1, persona):
    client.force_login(county.users[persona])
    for url in edit_pages(jan1):
        assert client.get(url).status_code == 403, url
    posts = {
        reverse("workdays:day_create"): {"date": "2027-05-01", "is_workday": "0", "name": "劳动节"},
        reverse("workdays:day_edit", args=[jan1.pk]): {"date": "2027-01-01", "is_workday": "1", "name": ""},
        reverse("workdays:day_delete", args=[jan1.pk]): {},
        reverse("workdays:holiday_create"): {"first_day": "2027-05-01", "last_day": "2027-05-05", "name": "劳动节"},
        reverse("workdays:year", args=[2027]): {"notice": "x", "confirm": "on"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert list(CalendarDay.objects.values_list("date", "is_workday")) == [(D(2027, 1, 1), False)]
    assert not CalendarYear.objects.exists()


@pytest.mark.parametrize("persona", ["office", "director"])
def test_the_office_may_open_every_edit_page(client, county, jan1, persona):
    client.force_login(county.users[persona])
    for url in edit_pages(jan1):
        assert client.get(url).status_code == 200, url


def test_the_office_enters_a_holiday_as_the_notice_reads(client, county):
    # The 2026 notice: "1月1日至3日放假调休，共3天。1月4日（周日）上班"
    client.force_login(county.office)
    response = client.post(
        reverse("workdays:holiday_create"),
        {"first_day": "2026-01-01", "last_day": "2026-01-03", "name": "元旦", "adjusted_workdays": "1月4日（周日）上班"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workdays:year", args=[2026])
    assert list(CalendarDay.objects.values_list("date", "is_workday", "name")) == [
        (D(2026, 1, 1), False, "元旦"),
        (D(2026, 1, 2), False, "元旦"),
        (D(2026, 1, 3), False, "元旦"),
        (D(2026, 1, 4), True, "元旦调休上班"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "内置" in page  # 2026 is in the package: the office is told its entries take precedence


def test_an_adjusted_day_that_is_no_weekend_day_is_refused(client, county):
    client.force_login(county.office)
    response = client.post(
        reverse("workdays:holiday_create"),
        {"first_day": "2027-01-01", "last_day": "2027-01-03", "name": "元旦", "adjusted_workdays": "1月4日"},
    )
    assert response.status_code == 200
    assert "2027年1月4日不是周六或周日" in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_a_holiday_with_its_adjusted_weekend_days(client, county):
    client.force_login(county.office)
    response = client.post(
        reverse("workdays:holiday_create"),
        {"first_day": "2027-02-06", "last_day": "2027-02-14", "name": "春节",
         "adjusted_workdays": "1月31日（周日）、2027-02-20"},
    )
    assert response.status_code == 302
    entered = dict(CalendarDay.objects.values_list("date", "is_workday"))
    assert len(entered) == 11
    assert entered[D(2027, 1, 31)] is True and entered[D(2027, 2, 20)] is True
    assert entered[D(2027, 2, 10)] is False
    page = client.get(response["Location"]).content.decode()
    assert "春节调休上班" in page


def test_to_date_before_from_date_is_refused_in_chinese_and_nothing_saved(client, county):
    client.force_login(county.office)
    response = client.post(
        reverse("workdays:holiday_create"),
        {"first_day": "2027-05-05", "last_day": "2027-05-01", "name": "劳动节", "adjusted_workdays": ""},
    )
    assert response.status_code == 200
    assert "放假的结束日期不能早于开始日期。" in response.content.decode()
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"first_day": "2027-05-01", "last_day": "2027-05-05", "name": "", "adjusted_workdays": ""}, "请填写节日名称"),
        ({"first_day": "2027-13-01", "last_day": "2027-05-05", "name": "劳动节"}, "日期格式不正确"),
        ({"first_day": "2027-05-01", "last_day": "2027-05-05", "name": "劳动节", "adjusted_workdays": "五月八日"},
         "无法识别的日期"),
        ({"first_day": "2027-05-01", "last_day": "2027-05-05", "name": "劳动节", "adjusted_workdays": "2027-05-03"},
         "在放假期间内"),
        ({"first_day": "2027-05-01", "last_day": "2027-05-05", "name": "劳动节", "adjusted_workdays": "2027-05-06"},
         "不是周六或周日"),
    ],
)
def test_bad_holiday_input(client, county, data, message):
    client.force_login(county.office)
    response = client.post(reverse("workdays:holiday_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_the_office_adds_edits_and_deletes_a_day(client, county):
    client.force_login(county.office)
    response = client.post(reverse("workdays:day_create"), {"date": "2027-10-09", "is_workday": "1", "name": "国庆节调休上班"})
    assert response.status_code == 302
    day = CalendarDay.objects.get()
    assert (day.date, day.is_workday, day.name) == (D(2027, 10, 9), True, "国庆节调休上班")

    response = client.post(reverse("workdays:day_edit", args=[day.pk]), {"date": "2027-10-09", "is_workday": "0", "name": ""})
    assert response.status_code == 302
    day.refresh_from_db()
    assert not day.is_workday

    response = client.post(reverse("workdays:day_create"), {"date": "2027-10-09", "is_workday": "1"})
    assert response.status_code == 200
    assert "已经录入" in response.content.decode()

    response = client.post(reverse("workdays:day_delete", args=[day.pk]))
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()


def test_a_day_without_its_kind_is_refused(client, county):
    client.force_login(county.office)
    response = client.post(reverse("workdays:day_create"), {"date": "2027-10-09", "name": "国庆节"})
    assert response.status_code == 200
    assert "请选择这一天放假还是上班" in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_confirming_a_year_without_days_is_refused(client, county):
    client.force_login(county.office)
    response = client.post(reverse("workdays:year", args=[2027]), {"notice": "国办发明电〔2026〕×号", "confirm": "on"})
    assert response.status_code == 200
    assert "尚未录入该年的任何节假日或调休日，不能确认" in response.content.decode()
    assert not CalendarYear.objects.filter(confirmed=True).exists()


def test_the_office_records_the_notice_and_confirms_the_year(client, county, jan1):
    d1 = deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    assert d1.provisional
    client.force_login(county.office)
    response = client.post(reverse("workdays:year", args=[2027]), {"notice": "国办发明电〔2026〕×号"})
    assert response.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert (year.notice, year.confirmed) == ("国办发明电〔2026〕×号", False)

    response = client.post(reverse("workdays:year", args=[2027]), {"notice": "国办发明电〔2026〕×号", "confirm": "on"})
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.confirmed and year.confirmed_by == county.office and year.confirmed_at
    d1.refresh_from_db()
    assert (d1.due_on, d1.provisional) == (D(2027, 1, 8), False)


def test_a_year_out_of_range_is_not_found(client, county):
    client.force_login(county.office)
    assert client.get(reverse("workdays:year", args=[1999])).status_code == 404
    assert client.get(reverse("workdays:year", args=[2999])).status_code == 404


def test_the_overview_warns_when_open_deadlines_run_into_an_unconfirmed_year(client, county):
    client.force_login(county.member1)
    assert "unconfirmed-warning" not in client.get(reverse("workdays:overview")).content.decode()
    deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    deadline_start(rule_code="D2", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    page = client.get(reverse("workdays:overview")).content.decode()
    assert page.count('data-testid="unconfirmed-warning"') == 1
    assert "2027" in page


def test_the_warning_counts_only_deadlines_the_user_may_see(client, county):
    deadline_start(rule_code="D1", round=county.round, group=county.group2, started_on=D(2026, 12, 24))
    client.force_login(county.member1)
    assert "unconfirmed-warning" not in client.get(reverse("workdays:overview")).content.decode()
    client.force_login(county.liaison2)
    assert "unconfirmed-warning" in client.get(reverse("workdays:overview")).content.decode()
    # group 2 has withdrawn (S28): member2 no longer reaches its material
    client.force_login(county.member2)
    assert "unconfirmed-warning" not in client.get(reverse("workdays:overview")).content.decode()


def test_the_overview_shows_whether_the_next_two_years_are_confirmed(client, county, jan1, monkeypatch):
    monkeypatch.setattr("xunchar.workdays.views.timezone.localdate", lambda: D(2026, 11, 28))
    CalendarYear.objects.create(year=2027, confirmed=True, confirmed_by=county.office, notice="国办发明电〔2026〕×号")
    client.force_login(county.member1)
    response = client.get(reverse("workdays:overview"))
    rows = {row["year"]: row for row in response.context["years"]}
    assert list(rows) == [2025, 2026, 2027, 2028]
    assert [rows[y]["source"] for y in rows] == ["package", "package", "office", "unconfirmed"]
    assert [rows[y]["confirmed"] for y in rows] == [True, True, True, False]
    page = response.content.decode()
    assert "国办发明电〔2026〕×号" in page
    assert '<tr data-year="2028">' in page


def test_the_overview_makes_the_same_queries_for_one_year_or_many(client, county):
    client.force_login(county.office)
    deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    client.get(reverse("workdays:overview"))  # warm the session
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False)
    CalendarYear.objects.create(year=2027, confirmed=True)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("workdays:overview"))
    for year in range(2028, 2032):
        CalendarDay.objects.create(date=D(year, 1, 1), is_workday=False)
        CalendarYear.objects.create(year=year, confirmed=True)
    deadline_start(rule_code="D2", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("workdays:overview"))
    assert len(many) == len(few)
    assert Deadline.objects.count() == 2


def test_the_edit_form_shows_the_date_as_a_date_input_reads_it(client, county, jan1):
    client.force_login(county.office)
    page = client.get(reverse("workdays:day_edit", args=[jan1.pk])).content.decode()
    assert 'type="date" name="date" value="2027-01-01"' in page
