"""The kinds of document the system prints, declared by the apps whose records they print.

A phase app lists its kinds in a module `<app>/documents.py`:

    from xunchar.access import policy
    from xunchar.documents.registry import DocumentKind

    DOCUMENT_KINDS = [
        DocumentKind(
            code="rounds.plan",                       # unique, "<app>.<name>"
            label="巡察工作方案",                       # shown on the button and the status page
            model_label="rounds.round",                # the subject's model
            visible=policy.rounds_visible_to,         # (queryset, user) -> what the user may print
            build=lambda round_: ("rounds/documents/plan.html", {...}),  # template and context
            long=False,                               # True: rendered by the worker (many pages)
            filename=lambda round_: f"{round_}工作方案.pdf",
        ),
    ]

`DocumentsConfig.ready()` imports every installed app's `documents` module (Django's
`autodiscover_modules`) and registers what it lists. This app keeps no `documents` module of its
own, so the discovery never imports itself; its own kinds live in `kinds.py`.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules

Scope = Callable[[QuerySet, object], QuerySet]


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str
    model_label: str  # "app_label.modelname" of the subject
    visible: Scope  # the subjects a user may see, hence print and read
    build: Callable[[object], tuple[str, dict]]  # subject -> (template name, context)
    long: bool = False  # rendered by the worker, the page polling its progress
    filename: Callable[[object], str] | None = None  # the download's name (".pdf" added if missing)
    related: tuple[str, ...] = field(default=())  # select_related when the subject is fetched

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def subjects_for(self, user) -> QuerySet:
        """The subjects of this kind the user may see."""
        return self.visible(self.model.objects.select_related(*self.related), user)

    def download_name(self, subject) -> str:
        name = self.filename(subject) if self.filename else f"{self.label}-{subject}"
        name = "".join(char for char in name if char not in '/\\:*?"<>|\r\n\t').strip() or self.label
        return name if name.lower().endswith(".pdf") else f"{name}.pdf"


DOCUMENT_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    existing = DOCUMENT_KINDS.get(kind.code)
    if existing is not None and existing is not kind:
        raise ImproperlyConfigured(f"Two document kinds share the code {kind.code!r}.")
    DOCUMENT_KINDS[kind.code] = kind
    return kind


def unregister(code: str) -> None:
    DOCUMENT_KINDS.pop(code, None)


def document_kind(code: str) -> DocumentKind | None:
    return DOCUMENT_KINDS.get(code)


def kinds_for_model(model) -> list[DocumentKind]:
    label = model._meta.label_lower
    return [kind for kind in DOCUMENT_KINDS.values() if kind.model_label == label]


def discover() -> None:
    from . import kinds

    for kind in kinds.DOCUMENT_KINDS:
        register(kind)
    autodiscover_modules("documents")
    for app_config in apps.get_app_configs():
        module = sys.modules.get(f"{app_config.name}.documents")
        if module is None:
            continue
        for kind in getattr(module, "DOCUMENT_KINDS", ()):
            register(kind)
