"""The reminder sweep: three working days before, on the due day, and an escalation when overdue —
each stage exactly once, however often the sweep runs, and in a fixed number of queries."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups.models import GroupMembership
from tests.factories import InspectionGroupFactory, UnitFactory
from xunchar.deadlines import services
from xunchar.deadlines.models import Reminder
from xunchar.deadlines.services import deadline_meet, deadline_stage, deadline_start, deadline_sweep
from xunchar.deadlines.tasks import sweep_deadlines
from xunchar.notifications.models import Notification
from xunchar.notifications.tasks import send_pending_emails
from xunchar.workdays.calendar import WorkCalendar

pytestmark = pytest.mark.django_db
D = date
# Group 2 withdrew on Friday Nov 20, 2026: D1 is due on Friday Dec 4.
WITHDRAWN, DUE = D(2026, 11, 20), D(2026, 12, 4)


@pytest.fixture
def d1(county):
    return deadline_start(rule_code="D1", round=county.round, group=county.group2, started_on=WITHDRAWN)


def recipients(stage):
    return set(
        Notification.objects.filter(title__startswith=stage).values_list("recipient__username", flat=True)
    )


@pytest.mark.parametrize(
    "today, stage",
    [
        (D(2026, 11, 27), None),
        (D(2026, 11, 30), None),  # Monday: Dec 1–4 is four working days away
        (D(2026, 12, 1), "due_soon"),  # three working days before
        (D(2026, 12, 3), "due_soon"),
        (DUE, "due_today"),
        (D(2026, 12, 5), "overdue"),
        (D(2027, 1, 5), "overdue"),
    ],
)
def test_the_stage_of_a_day(d1, today, stage):
    assert deadline_stage(d1, today, WorkCalendar(), 3) == stage


def test_three_working_days_before_counts_working_days(county):
    # D4, five working days from Monday Sep 28, 2026: Sep 29, 30, (Oct 1–7 off), Oct 8, 9, Saturday Oct 10
    d4 = deadline_start(rule_code="D4", round=county.round, group=county.group1, started_on=D(2026, 9, 28))
    assert d4.due_on == D(2026, 10, 10)
    calendar = WorkCalendar()
    assert deadline_stage(d4, D(2026, 9, 29), calendar, 3) is None
    assert deadline_stage(d4, D(2026, 9, 30), calendar, 3) == "due_soon"  # Oct 8, 9, 10 remain


def test_due_soon_goes_to_the_office(county, d1):
    assert deadline_sweep(today=D(2026, 12, 1)) == 1
    assert recipients("【即将到期】") == {"office", "director"}
    notification = Notification.objects.filter(recipient=county.office).get()
    assert "D1" in notification.title and "第二巡察组" in notification.title
    assert "2026年12月4日" in notification.body
    assert notification.url == "/deadlines/"
    assert list(Reminder.objects.values_list("stage", "for_date")) == [("due_soon", D(2026, 12, 1))]


def test_due_today(county, d1):
    assert deadline_sweep(today=DUE) == 1
    assert recipients("【今日到期】") == {"office", "director"}


def test_overdue_is_escalated_to_the_director_and_the_leading_group(county, d1):
    assert deadline_sweep(today=D(2026, 12, 7)) == 1
    assert recipients("【已逾期】") == {"office", "director", "secretary", "deputy"}


def test_a_group_deadline_also_reaches_the_group_leader_and_liaison(county):
    deadline_start(rule_code="D4", round=county.round, group=county.group1, started_on=D(2026, 11, 30))
    deadline_sweep(today=D(2026, 12, 7))  # due Dec 7
    assert recipients("【今日到期】") == {"office", "director", "leader1", "liaison1"}


def test_a_unit_deadline_also_reaches_the_unit_contact(county):
    deadline_start(rule_code="D5", round=county.round, unit=county.unit_a, started_on=WITHDRAWN)
    deadline_sweep(today=DUE)
    assert recipients("【今日到期】") == {"office", "director", "unit1"}


def test_each_stage_goes_out_once_through_the_whole_life_of_a_deadline(county, d1):
    sent = {}
    for today in [D(2026, 11, 27), D(2026, 12, 1), D(2026, 12, 1), D(2026, 12, 2), DUE, DUE, D(2026, 12, 7), D(2026, 12, 8)]:
        sent[today] = sent.get(today, 0) + deadline_sweep(today=today)
    assert sent == {D(2026, 11, 27): 0, D(2026, 12, 1): 1, D(2026, 12, 2): 0, DUE: 1, D(2026, 12, 7): 1, D(2026, 12, 8): 0}
    assert sorted(Reminder.objects.values_list("stage", flat=True)) == ["due_soon", "due_today", "overdue"]
    assert Notification.objects.count() == 2 + 2 + 4


def test_running_the_sweep_twice_sends_nothing_new(county, d1):
    deadline_sweep(today=D(2026, 12, 1))
    before = Notification.objects.count()
    assert before == 2
    assert deadline_sweep(today=D(2026, 12, 1)) == 0
    assert Notification.objects.count() == before


def test_a_met_deadline_is_not_reminded(county, d1):
    deadline_meet(rule_code="D1", round=county.round, group=county.group2, met_on=D(2026, 11, 30))
    assert deadline_sweep(today=D(2026, 12, 7)) == 0
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_run_that_dies_midway_leaves_nothing_and_the_next_sends_once(county, d1, monkeypatch):
    real = services.notifications_create_many
    calls = []

    def dies_once(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("worker lost")
        return real(**kwargs)

    monkeypatch.setattr(services, "notifications_create_many", dies_once)
    with pytest.raises(RuntimeError):
        deadline_sweep(today=D(2026, 12, 7))
    assert not Reminder.objects.exists()
    assert not Notification.objects.exists()

    assert deadline_sweep(today=D(2026, 12, 7)) == 1
    assert deadline_sweep(today=D(2026, 12, 7)) == 0
    assert Reminder.objects.count() == 1
    assert Notification.objects.count() == 4


def test_a_sweep_that_lost_a_race_sends_nothing_twice(county, d1, monkeypatch):
    """Another worker recorded the stage between this run's read and its write."""
    real_filter = Reminder.objects.filter
    raced = []

    def racing_filter(*args, **kwargs):
        if not raced:
            raced.append(1)
            Reminder.objects.create(deadline=d1, stage="overdue", for_date=D(2026, 12, 7))
            return Reminder.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Reminder.objects, "filter", racing_filter)
    assert deadline_sweep(today=D(2026, 12, 7)) == 0
    assert Reminder.objects.count() == 1
    assert not Notification.objects.exists()


def make_open_deadlines(county, n, start_number):
    """n groups of the round withdrawn on Nov 20 (D1) with a leader each, and n units (D5)."""
    for i in range(n):
        group = InspectionGroupFactory(round=county.round, number=start_number + i, entered_on=D(2026, 10, 14))
        GroupMembership.objects.create(group=group, cadre=county.leader1.cadre, role="leader")
        deadline_start(rule_code="D1", round=county.round, group=group, started_on=WITHDRAWN)
        unit = UnitFactory()
        deadline_start(rule_code="D5", round=county.round, unit=unit, started_on=WITHDRAWN)


def test_the_sweep_makes_the_same_queries_for_3_or_30_open_deadlines(county):
    make_open_deadlines(county, 3, 10)
    with CaptureQueriesContext(connection) as few:
        assert deadline_sweep(today=D(2026, 12, 7)) == 6
    Reminder.objects.all().delete()
    Notification.objects.all().delete()
    make_open_deadlines(county, 27, 20)
    with CaptureQueriesContext(connection) as many:
        assert deadline_sweep(today=D(2026, 12, 7)) == 60
    assert len(many) == len(few), [q["sql"][:80] for q in many.captured_queries]
    assert len(few) <= 12, len(few)


def test_a_sweep_with_nothing_due_is_cheap(county, d1, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert deadline_sweep(today=D(2026, 11, 23)) == 0


def test_the_beat_task_sweeps(county, d1, settings):
    settings.XUNCHAR_REMINDER_WORKDAYS = 3
    assert sweep_deadlines(as_of="2026-12-01") == 1
    assert sweep_deadlines(as_of="2026-12-01") == 0
    assert sweep_deadlines.run(as_of="2026-12-07") == 1
    assert set(Reminder.objects.values_list("stage", flat=True)) == {"due_soon", "overdue"}


def test_the_lead_comes_from_the_settings(county, d1, settings):
    settings.XUNCHAR_REMINDER_WORKDAYS = 5
    assert sweep_deadlines(as_of="2026-11-27") == 1  # Nov 30 – Dec 4: five working days


def test_reminders_are_emailed_once(county, d1):
    county.office.email = "office@example.org"
    county.office.save()
    deadline_sweep(today=D(2026, 12, 7))
    assert send_pending_emails() == 1  # only the office has an address
    assert send_pending_emails() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["office@example.org"]
    assert mail.outbox[0].subject.startswith("【已逾期】D1")
