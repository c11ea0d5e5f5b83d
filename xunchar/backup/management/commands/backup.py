"""`manage.py backup [--output DIR]`: the database and the uploaded files in one checked archive."""

from django.core.management.base import BaseCommand, CommandError

from xunchar.backup import BackupError
from xunchar.backup.databases import METHOD_LABELS, VENDOR_LABELS
from xunchar.backup.files import human_size
from xunchar.backup.services import backup_create


class Command(BaseCommand):
    help = "Writes a backup archive: a consistent database dump, MEDIA_ROOT and a manifest with checksums."

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="DIR", help="where to write the archive (default: var/backups)")

    def handle(self, *args, output=None, **options):
        try:
            result = backup_create(output_dir=output)
        except BackupError as exc:
            raise CommandError(f"备份失败：{exc}") from None
        manifest = result.manifest
        database, media = manifest["database"], manifest["media"]
        tables = manifest["tables"]
        self.stdout.write(f"备份完成：{result.path}")
        self.stdout.write(
            f"  数据库：{VENDOR_LABELS[database['vendor']]}（{METHOD_LABELS[database['vendor']]}），"
            f"{len(tables)} 张表，共 {sum(tables.values())} 行，转储 {human_size(database['size'])}"
        )
        self.stdout.write(f"  上传文件：{media['files']} 个，共 {human_size(media['bytes'])}")
        if result.skipped:
            self.stdout.write(f"  未备份（不是普通文件，如符号链接）：{'、'.join(result.skipped)}")
        self.stdout.write(
            f"  归档 {human_size(result.path.stat().st_size)}，清单记有 {len(manifest['files'])} 个文件的 SHA-256；"
            f"用时 {result.seconds:.1f} 秒"
        )
