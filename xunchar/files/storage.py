"""Where attachments are kept: under MEDIA_ROOT/attachments/YYYY/MM/, named by the server.

MEDIA_ROOT lies under var/, apart from STATIC_ROOT (a system check makes sure), and is never served
by URL: the only way out is the download view. Files are readable by the service's own user and
group only.
"""

import uuid

from django.core.files.storage import FileSystemStorage
from django.utils import timezone


def attachment_storage() -> FileSystemStorage:
    # No location: the storage follows settings.MEDIA_ROOT, also when a test changes it.
    return FileSystemStorage(file_permissions_mode=0o640, directory_permissions_mode=0o750)


def new_storage_name(extension: str) -> str:
    """A fresh name that owes nothing to the uploaded file's name: a random UUID and the extension
    of the detected type."""
    return f"attachments/{timezone.localtime():%Y/%m}/{uuid.uuid4().hex}{extension}"
