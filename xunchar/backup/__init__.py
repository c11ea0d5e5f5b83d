"""Backup and restore of the database and the uploaded files (MLPS 2.0 level 3: 数据备份与恢复).

`manage.py backup` writes one tar archive: a consistent database dump, a copy of MEDIA_ROOT and a
manifest with per-table row counts and the SHA-256 of every file. `manage.py restore` checks every
checksum before it changes anything, restores, and compares the row counts with the manifest.
"""


class BackupError(Exception):
    """A backup or restore that cannot go on. The message is Chinese and meant for the operator."""
