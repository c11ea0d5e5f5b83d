from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "xunchar.documents"
    label = "documents"
    verbose_name = _("Generated documents")

    def ready(self):
        from . import registry

        registry.discover()
