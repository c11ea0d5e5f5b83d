"""`manage.py workdays add 2026-04-30 10` / `manage.py workdays months 2026-01-30 1`.

The resulting date (YYYY-MM-DD) is the last line of standard output. Exit status 3 when the count
ran through a year whose calendar is not confirmed (the date is then a best guess), 2 on bad input.
"""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from xunchar.workdays.calendar import WorkCalendar


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期无效：{value!r}，应为 YYYY-MM-DD 格式，例如 2026-04-30。", returncode=2) from None


def _parse_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1 or count > 500:
        raise CommandError(f"数量无效：{value!r}，应为 1 到 500 之间的整数。", returncode=2)
    return count


class Command(BaseCommand):
    help = "Counts a time limit in Chinese working days or calendar months."

    def add_arguments(self, parser):
        parser.add_argument("mode", choices=["add", "months"], help="add: N working days; months: N months")
        parser.add_argument("start", help="the day of the event, YYYY-MM-DD (it does not count)")
        parser.add_argument("count", help="N")

    def handle(self, *args, mode, start, count, **options):
        start_date = _parse_date(start)
        n = _parse_count(count)
        cal = WorkCalendar.load()
        result = cal.add_workdays(start_date, n) if mode == "add" else cal.add_months(start_date, n)
        self.stdout.write(result.date.isoformat())
        if result.provisional:
            years = "、".join(str(y) for y in result.unconfirmed_years)
            self.stderr.write(
                f"注意：{years}年的节假日安排尚未确认（国务院通知未录入），以上日期按周末推算，仅供参考。"
            )
            sys.stdout.flush()
            sys.exit(3)
