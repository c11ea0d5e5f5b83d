from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "xunchar.approvals"
    label = "approvals"
    verbose_name = _("Approvals")

    def ready(self):
        # Each phase app declares its chains in `<app>/approval_chains.py`.
        autodiscover_modules("approval_chains")
