"""`manage.py seed_demo [--if-empty]`: load the demo county (示例县) with its accounts and two rounds."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xunchar.core.demo import DEMO_PASSWORD, demo_is_loaded, load_demo
from xunchar.registry.models import Unit


class Command(BaseCommand):
    help = "Loads the fictional demo county: units, cadres, the demo accounts and two inspection rounds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the demo county is already loaded or the database already has units",
        )

    def handle(self, *args, if_empty=False, **options):
        if not settings.DEMO:
            # The demo accounts have a public password: never in production.
            if if_empty:
                self.stdout.write("演示模式未开启（XUNCHAR_DEMO=0），未载入示例县数据。")
                return
            raise CommandError("演示模式未开启（XUNCHAR_DEMO=0），不能载入示例县数据：演示账号的密码是公开的。")
        if demo_is_loaded():
            if if_empty:
                self.stdout.write("示例县数据已存在，未重复载入。")
                return
            raise CommandError("示例县数据已存在。如需重新载入，请先清空数据库后再执行 migrate 和 seed_demo。")
        if if_empty and Unit.objects.exists():
            # Someone's own registry is there: never mix the fictional county into it.
            self.stdout.write("数据库中已有单位数据，未载入示例县数据。")
            return
        started = time.monotonic()
        counts = load_demo()
        self.stdout.write(
            f"已载入示例县数据：单位 {counts['units']} 个，干部 {counts['cadres']} 名"
            f"（任职经历 {counts['posts']} 条，亲属 {counts['relatives']} 名），账号 {counts['accounts']} 个，"
            f"巡察轮次 {counts['rounds']} 轮，巡察组 {counts['groups']} 个，巡察对象 {counts['inspections']} 个，"
            f"期限 {counts['deadlines']} 项。用时 {time.monotonic() - started:.1f} 秒。"
        )
        self.stdout.write(f"演示账号的密码均为 {DEMO_PASSWORD}。")
