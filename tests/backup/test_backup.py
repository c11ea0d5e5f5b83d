"""`manage.py backup`: one archive with the dump, the uploads and a manifest whose checksums hold."""

import hashlib
import json
import subprocess
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from xunchar.backup import databases, services

from .conftest import live_counts, only_archive


def test_backup_writes_dump_uploads_and_a_manifest_that_matches_them(committed_county, media_root, tmp_path, capsys):
    output = tmp_path / "backups"
    call_command("backup", output=str(output))

    archive = only_archive(output)
    assert archive.name.startswith("xunchar-") and archive.stat().st_mode & 0o077 == 0  # only its owner reads it
    out = capsys.readouterr().out
    assert f"备份完成：{archive}" in out and "上传文件：1 个" in out
    with tarfile.open(archive) as tar:
        contents = {member.name: tar.extractfile(member).read() for member in tar}
    manifest = json.loads(contents.pop("manifest.json"))
    dump_name = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert set(contents) == set(manifest["files"]) == {dump_name, "media/petitions/2026/来信扫描件.pdf"}
    for name, body in contents.items():
        assert manifest["files"][name] == {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
    assert contents["media/petitions/2026/来信扫描件.pdf"] == (media_root / "petitions/2026/来信扫描件.pdf").read_bytes()
    assert manifest["database"]["vendor"] == connection.vendor and manifest["database"]["sha256"]
    assert manifest["app"]["django"] and manifest["app"]["version"] and manifest["created_at"]
    assert manifest["tables"] == live_counts()
    assert manifest["tables"]["audit_auditevent"] == 3


def test_a_failed_backup_leaves_no_archive_behind(committed_county, media_root, tmp_path, monkeypatch):
    real_add_file = services._add_file

    def add_file(tar, name, path):
        if name.startswith("media/"):
            raise OSError("disk full")
        return real_add_file(tar, name, path)

    monkeypatch.setattr(services, "_add_file", add_file)
    output = tmp_path / "backups"
    with pytest.raises(CommandError, match="备份失败：上传文件 .* 读取失败"):
        call_command("backup", output=str(output))
    assert list(output.iterdir()) == []  # neither a partial archive nor the staging directory


def test_the_database_password_is_given_to_pg_dump_in_its_environment_not_its_arguments(
    committed_county, tmp_path, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump is only used on PostgreSQL")
    calls = []
    real_run = subprocess.run

    def run(command, **kwargs):
        calls.append((command, kwargs["env"]))
        return real_run(command, **kwargs)

    monkeypatch.setattr(databases.subprocess, "run", run)
    # The local server trusts its clients, so any password will do to watch where it goes.
    database = {**connection.settings_dict, "PASSWORD": "s3cret-never-in-ps"}
    databases.dump(database, tmp_path / "database.dump")
    command, env = calls[0]
    assert command[0].endswith("pg_dump") and "--format=custom" in command
    assert not any("s3cret" in argument for argument in command)
    assert env["PGPASSWORD"] == "s3cret-never-in-ps"
