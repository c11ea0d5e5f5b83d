"""`manage.py verify_audit`: check the audit log's hash chain. Exit 1 and list every break if broken."""

import sys

from django.core.management.base import BaseCommand

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_verify


class Command(BaseCommand):
    help = "Verifies the audit log's hash chain; finds a changed or removed row."

    def handle(self, *args, **options):
        problems = audit_verify()
        count = AuditEvent.objects.count()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            self.stderr.write(f"审计日志校验失败：共 {count} 条记录，发现 {len(problems)} 处异常。")
            sys.exit(1)
        self.stdout.write(f"审计日志完整：共 {count} 条记录，校验链无断点。")
