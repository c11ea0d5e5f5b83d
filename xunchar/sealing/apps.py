from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SealingConfig(AppConfig):
    name = "xunchar.sealing"
    label = "sealing"
    verbose_name = _("Direct-delivery items")

    def ready(self):
        from . import sources

        sources.discover()
