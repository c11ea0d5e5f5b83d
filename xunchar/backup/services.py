"""Backup archives: write one (`backup_create`), check one (`archive_verify`), restore one (`backup_restore`).

An archive is a plain tar file:

    manifest.json       when, which versions, which database, per-table row counts, and the
                        SHA-256 and size of every other file in the archive
    database.dump       PostgreSQL: pg_dump --format=custom   (or database.sqlite3: SQLite's online backup)
    media/...           a copy of MEDIA_ROOT

The checksums guard against damage (a bad disk, a truncated copy); they are not a signature. Keep
archives where only administrators can read them: they hold the whole database.
"""

import json
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import connections
from django.utils import timezone

from . import BackupError, databases
from .files import CHUNK, HashingReader, fsync_directory, sha256_file

MANIFEST = "manifest.json"
FORMAT = "xunchar-backup"
FORMAT_VERSION = 1
MEDIA_PREFIX = "media/"
AUDIT_TABLE = "audit_auditevent"
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    seconds: float
    skipped: list[str] = field(default_factory=list)  # entries under MEDIA_ROOT that are not regular files


@dataclass
class RestoreResult:
    manifest: dict
    target: str
    media_dir: Path
    counts: dict[str, int]
    mismatches: list[tuple[str, int | None, int | None]]  # (table, in the manifest, in the target)
    extra_tables: list[str]  # in the target but not in the backup (pg_restore --clean leaves them)
    seconds: float


def app_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


# Writing an archive


def backup_create(*, output_dir: Path | None = None, using: str = "default", media_root: Path | None = None) -> BackupResult:
    """Dump the database, copy MEDIA_ROOT and write both with a manifest into one new archive.

    The archive appears under its final name only when it is complete (written under a temporary
    name in the same directory, synced, then renamed); on failure nothing is left behind.
    """
    started = time.monotonic()
    database = connections[using].settings_dict
    vendor = databases.vendor_of(database)
    output_dir = Path(output_dir) if output_dir else Path(settings.VAR_DIR) / "backups"
    media_root = Path(media_root) if media_root else Path(settings.MEDIA_ROOT)
    try:
        output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法创建备份目录 {output_dir}：{exc.strerror or exc}") from None
    created = timezone.localtime()
    stem = f"xunchar-{created:%Y%m%d-%H%M%S}"
    try:
        with tempfile.TemporaryDirectory(dir=output_dir, prefix=".xunchar-backup-") as staging:
            staging = Path(staging)
            dump_name = databases.DUMP_FILES[vendor]
            dump = databases.dump(database, staging / dump_name)
            partial = staging / f"{stem}.tar"
            manifest, skipped = _write_archive(
                partial, created=created, vendor=vendor, dump_path=staging / dump_name, dump=dump, media_root=media_root
            )
            final = _free_name(output_dir, stem)
            os.replace(partial, final)
            fsync_directory(output_dir)
    except OSError as exc:
        raise BackupError(f"写入备份归档失败（目录 {output_dir}）：{exc}") from None
    return BackupResult(path=final, manifest=manifest, seconds=time.monotonic() - started, skipped=skipped)


def _free_name(output_dir: Path, stem: str) -> Path:
    candidate, number = output_dir / f"{stem}.tar", 2
    while candidate.exists():
        candidate, number = output_dir / f"{stem}-{number}.tar", number + 1
    return candidate


def _media_files(media_root: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """Every regular file under MEDIA_ROOT (relative POSIX name, path); and what was left out."""
    found, skipped = [], []
    if not media_root.is_dir():
        return found, skipped
    for directory, subdirectories, names in os.walk(media_root):
        subdirectories.sort()
        for name in subdirectories:
            if os.path.islink(os.path.join(directory, name)):  # os.walk does not follow it
                skipped.append(Path(directory, name).relative_to(media_root).as_posix())
        for name in sorted(names):
            path = Path(directory, name)
            relative = path.relative_to(media_root).as_posix()
            if stat.S_ISREG(os.lstat(path).st_mode):
                found.append((relative, path))
            else:
                skipped.append(relative)
    return found, skipped


def _write_archive(partial: Path, *, created, vendor: str, dump_path: Path, dump: databases.Dump, media_root: Path):
    files: dict[str, dict] = {}
    media, skipped = _media_files(media_root)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            files[dump_path.name] = _add_file(tar, dump_path.name, dump_path)
            for relative, path in media:
                try:
                    files[MEDIA_PREFIX + relative] = _add_file(tar, MEDIA_PREFIX + relative, path)
                except OSError as exc:
                    raise BackupError(f"上传文件 {path} 读取失败（可能在备份过程中被改动，请重试）：{exc}") from None
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": created.isoformat(timespec="seconds"),
                "app": {
                    "name": "xunchar",
                    "version": app_version(),
                    "django": django.get_version(),
                    "python": platform.python_version(),
                },
                "database": {"vendor": vendor, "file": dump_path.name, **files[dump_path.name], **dump.details},
                "tables": dict(sorted(dump.tables.items())),
                "media": {
                    "files": len(media),
                    "bytes": sum(files[MEDIA_PREFIX + relative]["size"] for relative, _ in media),
                    "skipped": skipped,
                },
                "files": files,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = _tar_info(MANIFEST, size=len(body), mtime=time.time())
            tar.addfile(info, BytesIO(body))
        raw.flush()
        os.fsync(raw.fileno())
    return manifest, skipped


def _tar_info(name: str, *, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    return info


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    """Add one file, hashing exactly the bytes that go into the archive."""
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        reader = HashingReader(handle)
        tar.addfile(_tar_info(name, size=status.st_size, mtime=status.st_mtime), reader)
    return {"sha256": reader.digest.hexdigest(), "size": reader.size}


# Checking an archive


def archive_verify(archive: Path, destination: Path) -> dict:
    """Unpack `archive` into `destination` and check every file against the manifest.

    Returns the manifest; raises BackupError on anything amiss: a file missing, added or changed,
    a link or an unsafe path, a manifest that cannot be read.
    """
    problems = []
    try:
        with tarfile.open(archive, mode="r:") as tar:
            members = {}
            for member in tar:
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(f"备份归档中有不允许的条目（链接或特殊文件）：{member.name}")
                name = _checked_name(member.name)
                if name in members:
                    raise BackupError(f"备份归档中有重复的文件：{name}")
                members[name] = member
            if MANIFEST not in members:
                raise BackupError("备份归档中没有 manifest.json：不是本系统的备份，或归档已损坏。")
            manifest = _read_manifest(tar.extractfile(members.pop(MANIFEST)).read())
            listed = manifest["files"]
            problems += [f"缺少文件 {name}" for name in sorted(set(listed) - set(members))]
            problems += [f"多出清单之外的文件 {name}" for name in sorted(set(members) - set(listed))]
            for name, member in members.items():
                if name not in listed:
                    continue
                path = destination / name
                path.parent.mkdir(parents=True, exist_ok=True)
                reader = HashingReader(tar.extractfile(member))
                with open(path, "wb") as out:
                    shutil.copyfileobj(reader, out, CHUNK)
                if reader.size != listed[name]["size"] or reader.digest.hexdigest() != listed[name]["sha256"]:
                    problems.append(f"{name} 的 SHA-256 校验值与清单不符")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"备份归档无法读取（已损坏或不是 tar 文件）：{exc}") from None
    if problems:
        more = f"；另有 {len(problems) - 10} 处" if len(problems) > 10 else ""
        raise BackupError("备份归档校验未通过：" + "；".join(problems[:10]) + more)
    return manifest


def _checked_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or "\\" in name or not path.parts or any(part in (".", "..") for part in path.parts):
        raise BackupError(f"备份归档中有不安全的路径：{name}")
    return path.as_posix()


def _read_manifest(body: bytes) -> dict:
    try:
        manifest = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"manifest.json 已损坏，无法解析：{exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("manifest.json 不是本系统的备份清单。")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"备份清单版本 {manifest.get('format_version')!r} 不受支持（本程序支持版本 {FORMAT_VERSION}）。")
    files, tables, database = manifest.get("files"), manifest.get("tables"), manifest.get("database")
    well_formed = (
        isinstance(files, dict)
        and all(
            isinstance(entry, dict)
            and isinstance(entry.get("size"), int)
            and _SHA256.fullmatch(str(entry.get("sha256", "")))
            and _checked_name(name) == name
            for name, entry in files.items()
        )
        and isinstance(tables, dict)
        and all(isinstance(count, int) for count in tables.values())
        and isinstance(database, dict)
        and database.get("vendor") in databases.DUMP_FILES
        and database.get("file") == databases.DUMP_FILES[database["vendor"]]
        and database["file"] in files
    )
    if not well_formed:
        raise BackupError("manifest.json 内容不完整或格式不对。")
    return manifest


# Restoring an archive


def backup_restore(
    *,
    archive: Path,
    database: dict | None = None,
    using: str = "default",
    media_dir: Path | None = None,
    overwrite: bool = False,
) -> RestoreResult:
    """Restore `archive` into `database` (default: the configured one) and `media_dir` (MEDIA_ROOT).

    Nothing is changed until every checksum has been verified, and a target that already holds
    tables or files is only overwritten with `overwrite`. Then the row counts are compared.
    """
    started = time.monotonic()
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"找不到备份归档：{archive}")
    target = database if database is not None else connections[using].settings_dict
    media_dir = Path(media_dir) if media_dir else Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="xunchar-restore-") as staging:
        staging = Path(staging)
        try:
            _refuse_unlikely_media_dir(media_dir)
            manifest = archive_verify(archive, staging)
            vendor, target_vendor = manifest["database"]["vendor"], databases.vendor_of(target)
            if vendor != target_vendor:
                raise BackupError(
                    f"备份来自 {databases.VENDOR_LABELS[vendor]}，目标是 {databases.VENDOR_LABELS[target_vendor]}："
                    "不能跨数据库类型恢复。"
                )
            occupied = []
            if tables := databases.table_names(target):
                occupied.append(f"{databases.describe(target)} 已有 {len(tables)} 张表")
            if media_dir.is_dir() and any(media_dir.iterdir()):
                occupied.append(f"上传文件目录 {media_dir} 不为空")
            if occupied and not overwrite:
                raise BackupError(
                    "目标不为空：" + "；".join(occupied) + "。恢复会覆盖其中的数据；确认无误后加 --yes 重新运行。"
                )
        except BackupError as exc:
            raise BackupError(f"{str(exc).rstrip('。')}。未做任何改动。") from None
        if database is None:
            connections.close_all()  # SQLite: the file is replaced; PostgreSQL: no session of ours holds a lock
        databases.load(target, staging / manifest["database"]["file"])
        _media_replace(staging / MEDIA_PREFIX.rstrip("/"), media_dir, manifest)
    counts = databases.table_counts(target)
    expected = manifest["tables"]
    mismatches = [(table, expected[table], counts.get(table)) for table in expected if counts.get(table) != expected[table]]
    return RestoreResult(
        manifest=manifest,
        target=databases.describe(target),
        media_dir=media_dir,
        counts=counts,
        mismatches=mismatches,
        extra_tables=sorted(set(counts) - set(expected)),
        seconds=time.monotonic() - started,
    )


def _refuse_unlikely_media_dir(media_dir: Path) -> None:
    """Restoring empties the media directory first: refuse a path that cannot be meant."""
    if media_dir.exists() and not media_dir.is_dir():
        raise BackupError(f"上传文件目录 {media_dir} 不是目录。")
    resolved = media_dir.resolve()
    base = Path(settings.BASE_DIR).resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve() or resolved == base or resolved in base.parents:
        raise BackupError(f"拒绝把上传文件恢复到 {media_dir}：恢复会先清空该目录，它不像上传文件目录。")


def _media_replace(source: Path, media_dir: Path, manifest: dict) -> None:
    """Make `media_dir` hold exactly the archive's files, then check them against the manifest.

    The directory's contents are replaced rather than the directory itself: in production
    MEDIA_ROOT is a mounted volume, which cannot be renamed.
    """
    try:
        media_dir.mkdir(parents=True, exist_ok=True)
        for entry in media_dir.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        if source.is_dir():
            for entry in source.iterdir():
                shutil.move(entry, media_dir / entry.name)
    except OSError as exc:
        raise BackupError(f"数据库已恢复，但上传文件无法恢复到 {media_dir}：{exc}") from None
    wrong = [
        name
        for name, entry in manifest["files"].items()
        if name.startswith(MEDIA_PREFIX)
        and not (
            (media_dir / name.removeprefix(MEDIA_PREFIX)).is_file()
            and sha256_file(media_dir / name.removeprefix(MEDIA_PREFIX)) == entry["sha256"]
        )
    ]
    if wrong:
        raise BackupError(f"数据库已恢复，但恢复后的上传文件与清单不符：{'、'.join(wrong[:10])}")


def restored_audit_check(*, manifest: dict, database_url: str | None) -> tuple[bool, str] | None:
    """Run `manage.py verify_audit` on the restored database; None when the backup has no audit log.

    A fresh process, because this one's ORM stays bound to the configured database: with
    DATABASE_URL pointing at the restore target, the one verifier checks the restored chain.
    """
    if AUDIT_TABLE not in manifest["tables"]:
        return None
    env = dict(os.environ)
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "verify_audit"]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"无法运行 verify_audit：{exc}"
    return result.returncode == 0, (result.stdout + result.stderr).strip()
