"""`manage.py deadlines --as-of 2026-12-01`: the open deadlines with their due date and state."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xunchar.deadlines.models import Deadline
from xunchar.deadlines.services import deadline_stage, deadline_sweep
from xunchar.workdays.calendar import WorkCalendar

STATE_LABELS = {
    None: "进行中",
    "due_soon": "即将到期",
    "due_today": "今日到期",
    "overdue": "已逾期",
}


class Command(BaseCommand):
    help = "Lists open deadlines with their due date and state (and, with --sweep, sends due reminders)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the day to judge by, YYYY-MM-DD (default: today)")
        parser.add_argument("--sweep", action="store_true", help="also send the reminders due on that day")

    def handle(self, *args, as_of=None, sweep=False, **options):
        try:
            today = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期无效：{as_of!r}，应为 YYYY-MM-DD 格式。", returncode=2) from None
        calendar = WorkCalendar.load()
        lead = settings.XUNCHAR_REMINDER_WORKDAYS
        rows = Deadline.objects.open().select_related("round", "group", "unit").order_by("due_on", "rule", "id")
        self.stdout.write(f"截至 {today.isoformat()} 的未办结期限：")
        count = 0
        for deadline in rows:
            stage = deadline_stage(deadline, today, calendar, lead_workdays=lead) if deadline.started_on <= today else None
            state = STATE_LABELS[stage]
            if deadline.provisional:
                state += "（暂定）"
            self.stdout.write(
                f"{deadline.rule}\t{deadline.due_on.isoformat()}\t{state}\t"
                f"{deadline.rule_obj.title}\t{deadline.subject_display}"
            )
            count += 1
        if count == 0:
            self.stdout.write("（无）")
        if sweep:
            sent = deadline_sweep(today=today, lead_workdays=lead)
            self.stdout.write(f"已发送提醒 {sent} 条。")
