"""What can be sealed as a direct-delivery item (径送件, S13.2): a petition, a talk record.

A phase app declares its sealable record in `<app>/sealing.py` as `SEALABLE_SOURCES = [SealableSource(…)]`.
The source says how to find the record's group, the reference and date everyone may still see, the
cadre it is about (so the system can propose the routing), and how to show its content on the one
page that opens a sealed item. Its content tables filter themselves with
`sealing.policy.content_visible_to`, so no other page, list, search, export or PDF reaches them.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class SealableSource:
    model_label: str  # "petitions.petition"
    label: str  # 信访件, shown to everyone beside the reference
    group: Callable[[Any], Any]  # record -> InspectionGroup
    reference: Callable[[Any], str]  # 一组信〔2026〕7号 — the number, which everyone may see
    received_on: Callable[[Any], Any]  # record -> date
    cadre: Callable[[Any], Any] = lambda record: None  # record -> registry.Cadre the item is about, if linked
    content_template: str = ""  # rendered on the opening page with {"record": …, **content(record)}
    content: Callable[[Any], dict] = lambda record: {}
    related: tuple = field(default_factory=tuple)  # what `reference` and `received_on` read, joined in lists

    @property
    def model(self):
        return apps.get_model(self.model_label)


SOURCES: dict[str, SealableSource] = {}


def register(source: SealableSource) -> None:
    SOURCES[source.model_label] = source


def source_for(model_or_record) -> SealableSource | None:
    meta = model_or_record._meta
    return SOURCES.get(f"{meta.app_label}.{meta.model_name}")


def discover() -> None:
    autodiscover_modules("sealing")
    for app_config in apps.get_app_configs():
        module = sys.modules.get(f"{app_config.name}.sealing")
        if module is None:
            continue
        for source in getattr(module, "SEALABLE_SOURCES", ()):
            register(source)
