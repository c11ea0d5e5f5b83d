"""S06: the office's generic speech drafts, each group's version per unit, every save a version, two
versions side by side."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rounds.models import SpeechDraft, SpeechDraftVersion
from rounds.prep_selectors import compare_texts
from rounds.prep_services import speech_adapt, speech_draft_create, speech_save
from tests.factories import InspectionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_every_save_is_a_version_and_the_same_text_adds_none(county):
    draft = county.speech1
    v3 = speech_save(draft=draft, actor=county.leader1, text="同志们：\n第三稿。", note="压缩篇幅")
    assert (v3.number, v3.author, v3.note) == (3, county.leader1, "压缩篇幅")
    assert speech_save(draft=draft, actor=county.liaison1, text="同志们：\n第三稿。\n") is None
    draft.refresh_from_db()
    assert draft.version_count == 3 and draft.text == "同志们：\n第三稿。" and draft.updated_by == county.leader1
    assert list(draft.versions.values_list("number", flat=True)) == [3, 2, 1]
    # the earlier versions are kept as they were
    assert draft.versions.get(number=1).text == "同志们：\n今天召开示例县财政局巡察工作动员会。"


def test_a_unit_version_starts_from_the_generic_draft_with_the_units_name(county):
    inspection = InspectionFactory(group=county.group2, unit=UnitFactory(name="示例县水务局"))
    draft = speech_adapt(inspection=inspection, actor=county.leader2)
    assert draft.based_on == county.speech_generic and draft.kind == SpeechDraft.Kind.LEADER_UNIT
    assert "今天召开示例县水务局巡察工作动员会" in draft.text and "××单位" not in draft.text
    assert draft.versions.get().number == 1
    assert speech_adapt(inspection=inspection, actor=county.liaison2) == draft  # repeated: the same one


def test_no_unit_version_without_the_generic_draft(county):
    SpeechDraftVersion.objects.filter(draft__round=county.round).delete()
    SpeechDraft.objects.filter(kind=SpeechDraft.Kind.LEADER_UNIT).delete()
    SpeechDraft.objects.filter(round=county.round).delete()
    with pytest.raises(ValidationError):
        speech_adapt(inspection=county.inspection2, actor=county.leader2)


def test_one_generic_draft_of_each_kind(county):
    with pytest.raises(ValidationError):
        speech_draft_create(round=county.round, kind="leader_generic", actor=county.office, title="x", text="y")
    draft = speech_draft_create(round=county.round, kind="leadership_generic", actor=county.office,
                                title="领导小组成员讲话", text="同志们：")
    assert draft.version_count == 1
    with pytest.raises(ValidationError):
        speech_draft_create(round=county.round, kind="leader_unit", actor=county.office, title="x", text="y")


@pytest.mark.parametrize("persona", ["member1", "secretary", "leader2"])
def test_who_may_not_edit_a_groups_speech(county, persona):
    with pytest.raises(PermissionDenied):
        speech_save(draft=county.speech1, actor=county.users[persona], text="改写")


@pytest.mark.parametrize("persona", ["leader1", "deputy1", "liaison1"])
def test_the_group_edits_its_speech_but_not_the_generic_draft(county, persona):
    assert speech_save(draft=county.speech1, actor=county.users[persona], text="改写").number == 3
    with pytest.raises(PermissionDenied):
        speech_save(draft=county.speech_generic, actor=county.users[persona], text="改写通稿")


def test_versions_side_by_side():
    rows = compare_texts("同志们：\n今天召开动员会。\n删去的一段。", "同志们：\n今天召开巡察动员会。\n新加的一段。\n再加一段。")
    assert [row.kind for row in rows] == ["equal", "changed", "changed", "added"]
    changed = rows[1]
    assert "".join(s.text for s in changed.left) == "今天召开动员会。"
    assert [s.text for s in changed.right if s.changed] == ["巡察"]
    assert rows[3].left is None and rows[3].right[0].text == "再加一段。"
    assert [row.kind for row in compare_texts("一段。", "")] == ["removed"]


def test_the_compare_page(client, county):
    client.force_login(county.member1)
    response = client.get(reverse("rounds:speech_compare", args=[county.speech1.pk]), {"a": 1, "b": 2})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<ins>，财政资金监管是重点</ins>" in page
    assert client.get(reverse("rounds:speech_compare", args=[county.speech1.pk]), {"a": 1, "b": 9}).status_code == 404
    default = client.get(reverse("rounds:speech_compare", args=[county.speech1.pk]))
    assert (default.context["old"].number, default.context["new"].number) == (1, 2)


def test_group_two_finds_nothing_of_group_ones_speech(client, county):
    client.force_login(county.liaison2)
    for name, pk in (("speech_detail", county.speech1.pk), ("speech_edit", county.speech1.pk),
                     ("speech_compare", county.speech1.pk), ("speech_version", county.speech1_v2.pk)):
        response = client.get(reverse(f"rounds:{name}", args=[pk]))
        assert response.status_code == 404, name
        assert "财政资金监管" not in response.content.decode()
    # the generic draft concerns the whole round
    assert client.get(reverse("rounds:speech_detail", args=[county.speech_generic.pk])).status_code == 200


def test_a_member_reads_but_may_not_edit(client, county):
    client.force_login(county.member1)
    assert client.get(reverse("rounds:speech_detail", args=[county.speech1.pk])).status_code == 200
    assert client.get(reverse("rounds:speech_edit", args=[county.speech1.pk])).status_code == 403
    assert client.post(reverse("rounds:speech_adapt", args=[county.inspection1.pk])).status_code == 403


def test_the_leader_saves_through_the_page(client, county):
    client.force_login(county.leader1)
    response = client.post(reverse("rounds:speech_edit", args=[county.speech1.pk]),
                           {"title": "组长讲话（财政局）", "text": "同志们：\r\n新的一稿。", "note": "重写"})
    assert response.status_code == 302
    county.speech1.refresh_from_db()
    assert county.speech1.version_count == 3 and county.speech1.text == "同志们：\n新的一稿。"


def test_the_office_drafts_a_generic_speech_through_the_page(client, county):
    client.force_login(county.office)
    response = client.post(reverse("rounds:speech_create", args=[county.round.pk]),
                           {"kind": "leadership_generic", "title": "领导小组成员讲话", "text": "同志们："})
    assert response.status_code == 302
    assert SpeechDraft.objects.get(kind="leadership_generic").versions.count() == 1
    client.force_login(county.leader1)
    assert client.get(reverse("rounds:speech_create", args=[county.round.pk])).status_code == 403


def test_the_list_makes_the_same_queries_for_few_or_many(client, county):
    client.force_login(county.office)
    url = reverse("rounds:speech_list", args=[county.round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(12):
        inspection = InspectionFactory(group=county.group2, unit=UnitFactory())
        speech_adapt(inspection=inspection, actor=county.office)
        InspectionFactory(group=county.group1, unit=UnitFactory())  # and some still to adapt
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["unit_versions"]) == 13 and len(response.context["to_adapt"]) == 13
    assert len(many) == len(few)


def test_the_detail_makes_the_same_queries_for_few_or_many_versions(client, county):
    client.force_login(county.leader1)
    url = reverse("rounds:speech_detail", args=[county.speech1.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        speech_save(draft=county.speech1, actor=county.leader1, text=f"第{i}稿")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_rewritten_phrase_is_marked_as_one_change():
    (row,) = compare_texts("巡察组将严格遵守各项纪律规定。", "巡察组将严格遵守中央八项规定精神和巡察工作纪律。")
    assert [s.text for s in row.left if s.changed] == ["各项纪律规定"]
    assert [s.text for s in row.right if s.changed] == ["中央八项规定精神和巡察工作纪律"]
