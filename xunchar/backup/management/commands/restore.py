"""`manage.py restore ARCHIVE [--database-url URL] [--media-dir DIR] [--yes]`.

Checks every checksum first and changes nothing when one differs; refuses a non-empty target
without --yes; afterwards compares the row counts with the manifest and verifies the audit chain.
"""

import dj_database_url
from django.core.management.base import BaseCommand, CommandError

from xunchar.backup import BackupError
from xunchar.backup.databases import VENDOR_LABELS
from xunchar.backup.services import backup_restore, restored_audit_check


class Command(BaseCommand):
    help = "Restores a backup archive into the configured database (or --database-url) and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar archive written by manage.py backup")
        parser.add_argument(
            "--database-url",
            metavar="URL",
            help="restore into this database instead of the configured one, e.g. a scratch database "
            "for a restore drill; give the password through PGPASSWORD, not in the URL",
        )
        parser.add_argument("--media-dir", metavar="DIR", help="restore the uploaded files here (default: MEDIA_ROOT)")
        parser.add_argument("--yes", action="store_true", help="overwrite a database or media directory that is not empty")

    def handle(self, *args, archive, database_url=None, media_dir=None, yes=False, **options):
        database = None
        if database_url:
            try:
                database = dj_database_url.parse(database_url)
            except ValueError:
                raise CommandError("--database-url 无效：应形如 postgres://用户@主机:5432/库名 或 sqlite:////路径", returncode=2) from None
        try:
            result = backup_restore(archive=archive, database=database, media_dir=media_dir, overwrite=yes)
        except BackupError as exc:
            raise CommandError(f"恢复失败，{exc}") from None
        manifest = result.manifest
        app = manifest["app"]
        self.stdout.write(
            f"归档校验通过：{len(manifest['files'])} 个文件的 SHA-256 与清单一致"
            f"（备份于 {manifest['created_at']}，{VENDOR_LABELS[manifest['database']['vendor']]}，"
            f"xunchar {app['version']} / Django {app['django']}）。"
        )
        self.stdout.write(f"数据库已恢复到：{result.target}")
        self.stdout.write(f"上传文件已恢复到：{result.media_dir}（{manifest['media']['files']} 个，校验一致）")
        if result.extra_tables:
            self.stdout.write(f"注意：目标中另有备份之外的表（未改动）：{'、'.join(result.extra_tables)}")
        if result.mismatches:
            for table, expected, actual in result.mismatches:
                actual_text = "表不存在" if actual is None else f"{actual} 行"
                self.stderr.write(f"  {table}：备份中 {expected} 行，恢复后 {actual_text}")
            raise CommandError(f"行数核对不一致：{len(result.mismatches)} 张表的行数与备份清单不符（见上）。")
        tables = manifest["tables"]
        self.stdout.write(f"行数核对：{len(tables)} 张表全部与备份一致，共 {sum(tables.values())} 行。")
        audit = restored_audit_check(manifest=manifest, database_url=database_url)
        if audit is not None:
            intact, report = audit
            if not intact:
                raise CommandError(f"数据已恢复，但审计日志校验失败：\n{report}")
            self.stdout.write(report)
        self.stdout.write(f"恢复完成，用时 {result.seconds:.1f} 秒。")
