from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocrequestsConfig(AppConfig):
    name = "groups.docrequests"
    label = "docrequests"
    verbose_name = _("Documents requested")
