"""`manage.py workdays add 2026-04-30 10` / `manage.py workdays months 2026-01-30 1`.

The resulting date (YYYY-MM-DD) is the last line of standard output. Exit status 3 when the count
ran through a year whose calendar is not confirmed (the date is then a best guess), 2 on bad input.
"""

import re
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from xunchar.workdays.calendar import WorkCalendar

EXIT_BAD_INPUT = 2
EXIT_UNCONFIRMED = 3
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(value: str) -> date:
    # date.fromisoformat also takes 20260430 or 2026-W18-4; only the one documented form is accepted.
    try:
        if not _ISO_DATE.fullmatch(value.strip()):
            raise ValueError
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"日期无效：{value!r}，应为 YYYY-MM-DD 格式，例如 2026-04-30。", returncode=EXIT_BAD_INPUT
        ) from None


def _parse_count(value: str) -> int:
    try:
        count = int(value.strip()) if value.strip().isdigit() else 0
    except ValueError:
        count = 0
    if count < 1 or count > 500:
        raise CommandError(f"数量无效：{value!r}，应为 1 到 500 之间的整数。", returncode=EXIT_BAD_INPUT)
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
        try:
            cal = WorkCalendar.load()
        except DatabaseError as error:
            raise CommandError(
                f"无法读取本办录入的节假日（{error}）。请先运行 manage.py migrate。", returncode=1
            ) from None
        try:
            result = cal.add_workdays(start_date, n) if mode == "add" else cal.add_months(start_date, n)
        except (OverflowError, ValueError):
            raise CommandError(f"无法从 {start_date.isoformat()} 起计算 {n} 个期间。", returncode=EXIT_BAD_INPUT) from None
        self.stdout.write(result.date.isoformat())
        if result.provisional:
            years = "、".join(str(y) for y in result.unconfirmed_years)
            self.stderr.write(
                f"注意：{years}年的节假日安排尚未确认（国务院通知未录入），以上日期按周末推算，仅供参考。"
            )
            self.stdout.flush()
            self.stderr.flush()
            sys.exit(EXIT_UNCONFIRMED)
