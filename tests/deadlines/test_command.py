"""`manage.py deadlines --as-of 2026-12-01`: the open deadlines with their due date and state."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from xunchar.deadlines.services import deadline_meet, deadline_start
from xunchar.notifications.models import Notification

pytestmark = pytest.mark.django_db
D = date


def deadlines(*args):
    out = StringIO()
    call_command("deadlines", *args, stdout=out)
    return out.getvalue().splitlines()


def test_lists_open_deadlines_with_due_date_and_state(county):
    deadline_start(rule_code="D1", round=county.round, group=county.group2, started_on=D(2026, 11, 20))
    deadline_start(rule_code="D2", round=county.round, group=county.group2, started_on=D(2026, 11, 20))
    deadline_start(rule_code="D1", round=county.round, group=county.group1, started_on=D(2026, 12, 24))
    deadline_start(rule_code="D5", round=county.round, unit=county.unit_a, started_on=D(2026, 11, 10))
    deadline_start(rule_code="D4", round=county.round, group=county.group1, started_on=D(2026, 11, 2))
    deadline_meet(rule_code="D4", round=county.round, group=county.group1, met_on=D(2026, 11, 6))

    lines = deadlines("--as-of", "2026-12-01")
    assert lines[0] == "截至 2026-12-01 的未办结期限："
    rows = [line.split("\t") for line in lines[1:]]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("D5", "2026-11-24", "已逾期"),
        ("D1", "2026-12-04", "即将到期"),
        ("D2", "2026-12-21", "进行中"),
        ("D1", "2027-01-07", "进行中（暂定）"),
    ]
    assert rows[0][4] == "示例县财政局"
    assert rows[1][4] == "2026年第二轮巡察 第二巡察组"
    assert not Notification.objects.exists()  # listing sends nothing


def test_due_today(county):
    deadline_start(rule_code="D1", round=county.round, group=county.group2, started_on=D(2026, 11, 20))
    assert deadlines("--as-of", "2026-12-04")[1].split("\t")[:3] == ["D1", "2026-12-04", "今日到期"]


def test_nothing_open(db):
    assert deadlines("--as-of", "2026-12-01") == ["截至 2026-12-01 的未办结期限：", "（无）"]


def test_sweep_sends_the_reminders_of_that_day(county):
    deadline_start(rule_code="D1", round=county.round, group=county.group2, started_on=D(2026, 11, 20))
    assert deadlines("--as-of", "2026-12-01", "--sweep")[-1] == "已发送提醒 1 条。"
    assert deadlines("--as-of", "2026-12-01", "--sweep")[-1] == "已发送提醒 0 条。"


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError) as error:
        deadlines("--as-of", "2026-12-32")
    assert error.value.returncode == 2
