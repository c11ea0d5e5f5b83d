from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkpapersConfig(AppConfig):
    name = "groups.workpapers"
    label = "workpapers"
    verbose_name = _("Working papers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A working paper's supporting material is attached through xunchar.files: its owner kind is
        # declared here, beside the model, rather than in the shared list.
        from xunchar.files import owners

        from .rules import attachments_addable, attachments_viewable

        kind = owners.OwnerKind(
            label="workpapers.workingpaper",
            viewable=attachments_viewable,
            uploadable=attachments_addable,
            related=("group__round",),
            back=lambda paper: (paper.reference, paper.get_absolute_url()),
        )
        owners.OWNER_KINDS.setdefault(kind.label, kind)
