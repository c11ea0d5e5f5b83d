"""Uploaded files must never be reachable as static files, and the size limit must make sense."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


def _inside(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


@register()
def check_media_root(app_configs, **kwargs):
    errors = []
    media = Path(settings.MEDIA_ROOT).resolve()
    statics = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    statics += [Path(entry[1] if isinstance(entry, tuple) else entry) for entry in settings.STATICFILES_DIRS]
    for static in statics:
        static = static.resolve()
        if _inside(media, static) or _inside(static, media):
            errors.append(
                Error(
                    f"MEDIA_ROOT ({media}) and the static files folder {static} overlap: uploaded files "
                    "could be served without the access check.",
                    hint="Keep MEDIA_ROOT under var/media, apart from STATIC_ROOT and STATICFILES_DIRS.",
                    id="files.E001",
                )
            )
    if getattr(settings, "MEDIA_URL", "") not in ("", "/"):
        errors.append(
            Error(
                "MEDIA_URL is set: attachments are handed out only by the download view.",
                hint="Leave MEDIA_URL unset and let the web server serve nothing from MEDIA_ROOT.",
                id="files.E002",
            )
        )
    if settings.XUNCHAR_UPLOAD_MAX_MB < 1:
        errors.append(Error("XUNCHAR_UPLOAD_MAX_MB must be at least 1.", id="files.E003"))
    return errors
