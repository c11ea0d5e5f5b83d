"""Document kinds: found in the apps at start-up, one per code."""

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured

from xunchar.documents import registry
from xunchar.documents.kinds import GROUP_ROSTER


def test_the_group_sheet_is_registered_at_start_up():
    assert registry.document_kind("groups.roster") is GROUP_ROSTER
    from groups.models import InspectionGroup

    assert GROUP_ROSTER in registry.kinds_for_model(InspectionGroup)


def test_a_phase_apps_documents_module_is_discovered(monkeypatch):
    import sys
    import types

    from django.apps import apps

    module = types.ModuleType("rounds.documents")
    kind = dataclasses.replace(GROUP_ROSTER, code="rounds.test_plan", label="巡察工作方案")
    module.DOCUMENT_KINDS = [kind]
    monkeypatch.setitem(sys.modules, "rounds.documents", module)
    monkeypatch.setattr("xunchar.documents.registry.autodiscover_modules", lambda name: None)
    try:
        registry.discover()
        assert registry.document_kind("rounds.test_plan") is kind
    finally:
        registry.unregister("rounds.test_plan")
    assert apps.get_app_config("documents").name == "xunchar.documents"


def test_two_kinds_may_not_share_a_code():
    with pytest.raises(ImproperlyConfigured):
        registry.register(dataclasses.replace(GROUP_ROSTER, label="另一种"))
    registry.register(GROUP_ROSTER)  # the same kind again changes nothing


def test_the_download_name_is_cleaned_and_ends_in_pdf():
    kind = dataclasses.replace(GROUP_ROSTER, filename=lambda subject: 'a/b:c*"报告"')
    assert kind.download_name(object()) == "abc报告.pdf"
    assert dataclasses.replace(GROUP_ROSTER, filename=lambda subject: "名单.PDF").download_name(None) == "名单.PDF"
