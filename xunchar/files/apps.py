from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "xunchar.files"
    label = "files"
    verbose_name = _("Attachments")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
