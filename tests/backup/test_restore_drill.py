"""The restore drill: back up, restore into a scratch database, and find everything there.

A damaged archive, one with a file the manifest does not list, and a target that is not empty
are refused, and the target is left exactly as it was.
"""

import datetime
import hashlib
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.utils.dateparse import parse_datetime

from xunchar.audit.models import AuditEvent
from xunchar.audit.services import GENESIS

from .conftest import flip_byte, live_counts, only_archive

AUDIT_COLUMNS = [
    "id", "at", "actor_id", "username", "event", "result", "object_type", "object_id", "object_repr",
    "address", "path", "detail", "prev_hash", "hash",
]


def _backup(tmp_path, capsys):
    call_command("backup", output=str(tmp_path / "backups"))
    capsys.readouterr()
    return only_archive(tmp_path / "backups")


def _manifest(archive):
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def _occupy(scratch, tmp_path):
    """Put a table with a row into the scratch database and a file into a media directory."""
    scratch.execute("CREATE TABLE drill_marker (note varchar(20))", "INSERT INTO drill_marker VALUES ('before')")
    media_dir = tmp_path / "restored-media"
    media_dir.mkdir()
    (media_dir / "keep.txt").write_text("before")
    return media_dir


def _assert_untouched(scratch, media_dir):
    assert scratch.counts() == {"drill_marker": 1}
    assert [path.name for path in media_dir.iterdir()] == ["keep.txt"]
    assert (media_dir / "keep.txt").read_text() == "before"


def _restored_audit_events(scratch) -> list[AuditEvent]:
    events = []
    for row in scratch.query(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_auditevent ORDER BY id"):
        values = dict(zip(AUDIT_COLUMNS, row, strict=True))
        if isinstance(values["at"], str):  # SQLite keeps UTC as text
            values["at"] = parse_datetime(values["at"]).replace(tzinfo=datetime.UTC)
        events.append(AuditEvent(**values))
    return events


def test_restore_drill_into_a_scratch_database(committed_county, media_root, tmp_path, scratch, capsys):
    archive = _backup(tmp_path, capsys)
    manifest = _manifest(archive)
    restored_media = tmp_path / "restored-media"

    call_command("restore", str(archive), database_url=scratch.url, media_dir=str(restored_media))

    out = capsys.readouterr().out
    assert f"归档校验通过：{len(manifest['files'])} 个文件的 SHA-256 与清单一致" in out
    assert f"行数核对：{len(manifest['tables'])} 张表全部与备份一致" in out
    assert "审计日志完整：共 3 条记录，校验链无断点。" in out  # verify_audit, run against the scratch database
    # Every table holds as many rows as the live database and the manifest say.
    assert scratch.counts() == live_counts() == manifest["tables"]
    # The uploaded file came back byte for byte.
    name = "petitions/2026/来信扫描件.pdf"
    restored = (restored_media / name).read_bytes()
    assert restored == (media_root / name).read_bytes()
    assert hashlib.sha256(restored).hexdigest() == manifest["files"][f"media/{name}"]["sha256"]
    # The audit chain on the restored copy: the same rows, each hash recomputes and links to the one before.
    events = _restored_audit_events(scratch)
    assert [event.hash for event in events] == [event.hash for event in committed_county.audit_events]
    previous = GENESIS
    for event in events:
        assert event.prev_hash == previous and event.compute_hash() == event.hash
        previous = event.hash


@pytest.mark.parametrize("damage", ["dump", "manifest"])
def test_a_damaged_archive_is_refused_and_nothing_changes(
    committed_county, media_root, tmp_path, scratch, capsys, damage
):
    archive = _backup(tmp_path, capsys)
    manifest = _manifest(archive)
    # The target holds something and --yes is given: only the checksums can stop this restore.
    restored_media = _occupy(scratch, tmp_path)
    if damage == "dump":
        flip_byte(archive, manifest["database"]["file"])
        expected = f"{manifest['database']['file']} 的 SHA-256 校验值与清单不符"
    else:
        flip_byte(archive, "manifest.json")
        expected = "manifest.json"

    with pytest.raises(CommandError, match=expected) as refused:
        call_command("restore", str(archive), database_url=scratch.url, media_dir=str(restored_media), yes=True)

    assert "未做任何改动" in str(refused.value)
    _assert_untouched(scratch, restored_media)


def test_a_file_the_manifest_does_not_list_is_refused(committed_county, media_root, tmp_path, scratch, capsys):
    archive = _backup(tmp_path, capsys)
    smuggled = tmp_path / "extra.txt"
    smuggled.write_text("not from the backup")
    with tarfile.open(archive, "a") as tar:
        tar.add(smuggled, arcname="media/extra.txt")
    restored_media = tmp_path / "restored-media"

    with pytest.raises(CommandError, match="多出清单之外的文件 media/extra.txt"):
        call_command("restore", str(archive), database_url=scratch.url, media_dir=str(restored_media))

    assert scratch.counts() == {} and not restored_media.exists()


def test_a_target_that_is_not_empty_is_overwritten_only_with_yes(
    committed_county, media_root, tmp_path, scratch, capsys, monkeypatch
):
    # The drill above runs verify_audit on the restored copy (a second Django process, seconds): not again here.
    monkeypatch.setattr("xunchar.backup.management.commands.restore.restored_audit_check", lambda **kwargs: None)
    archive = _backup(tmp_path, capsys)
    restored_media = _occupy(scratch, tmp_path)

    with pytest.raises(CommandError, match="目标不为空：.*已有 1 张表；上传文件目录 .* 不为空"):
        call_command("restore", str(archive), database_url=scratch.url, media_dir=str(restored_media))
    _assert_untouched(scratch, restored_media)

    call_command("restore", str(archive), database_url=scratch.url, media_dir=str(restored_media), yes=True)

    out = capsys.readouterr().out
    assert "行数核对：" in out
    counts = scratch.counts()
    if scratch.vendor == "postgresql":
        # pg_restore --clean replaces what the dump holds and leaves other tables: the report names them.
        assert counts.pop("drill_marker") == 1
        assert "目标中另有备份之外的表（未改动）：drill_marker" in out
    assert counts == live_counts()
    assert sorted(path.relative_to(restored_media).as_posix() for path in restored_media.rglob("*.*")) == [
        "petitions/2026/来信扫描件.pdf"
    ]
