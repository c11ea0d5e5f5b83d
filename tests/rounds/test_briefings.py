"""S04: letters to the departments, their written answers per group, the material per inspection and
the leaders' talk with the discipline commission."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rounds.models import BriefingAnswer, BriefingRequest, DisciplineTalk, EarlierMaterialItem
from rounds.prep_services import (
    briefing_answer_record,
    briefing_departments_for,
    briefing_request_send,
    briefing_request_update,
    briefing_requests_prepare,
    discipline_talk_record,
    earlier_material_record,
)
from tests.factories import InspectionFactory, InspectionGroupFactory, UnitFactory
from tests.files.samples import make_pdf, upload
from xunchar.audit.models import AuditEvent
from xunchar.files.models import Attachment
from xunchar.files.services import attachment_upload
from xunchar.registry.models import Unit

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_five_departments_are_asked_and_the_sector_when_it_applies(county):
    assert briefing_departments_for(county.round) == ["discipline", "organization", "audit", "petition", "propaganda"]
    InspectionFactory(group=county.group1, unit=UnitFactory(name="示例县第一中学", kind=Unit.Kind.SCHOOL))
    InspectionFactory(group=county.group2, unit=UnitFactory(name="示例县城投公司", kind=Unit.Kind.ENTERPRISE))
    created = briefing_requests_prepare(round=county.round, actor=county.office)
    # the discipline commission (sent) and the organization department (draft) were asked already
    assert [r.department for r in created] == ["audit", "petition", "propaganda", "education", "development_reform"]
    assert {r.addressee for r in created} >= {"示例县审计局", "示例县教育局", "示例县发展和改革局"}
    assert briefing_requests_prepare(round=county.round, actor=county.office) == []


def test_sending_gives_the_next_letter_number_and_freezes(county):
    briefing_request_update(request=county.briefing_draft, actor=county.office, due_on=D(2026, 10, 16))
    sent = briefing_request_send(request=county.briefing_draft, actor=county.office, sent_on=D(2026, 10, 13))
    assert sent.number == "巡察办函〔2026〕2号"
    with pytest.raises(ValidationError):
        briefing_request_update(request=sent, actor=county.office, due_on=D(2026, 10, 20))
    again = briefing_request_send(request=sent, actor=county.office, sent_on=D(2026, 10, 20))
    assert (again.serial, again.sent_on) == (2, D(2026, 10, 13))


def test_a_letter_needs_a_due_date_no_earlier_than_sending(county):
    with pytest.raises(ValidationError):
        briefing_request_send(request=county.briefing_draft, actor=county.office, sent_on=D(2026, 10, 13))
    briefing_request_update(request=county.briefing_draft, actor=county.office, due_on=D(2026, 10, 10))
    with pytest.raises(ValidationError):
        briefing_request_send(request=county.briefing_draft, actor=county.office, sent_on=D(2026, 10, 13))
    county.briefing_draft.refresh_from_db()
    assert county.briefing_draft.serial is None


def test_answers_are_recorded_per_group_once(county):
    answer = briefing_answer_record(request=county.briefing_sent, group=county.group2, actor=county.office,
                                    received_on=D(2026, 10, 15), summary="教育局情况")
    again = briefing_answer_record(request=county.briefing_sent, group=county.group2, actor=county.office,
                                   received_on=D(2026, 10, 16), summary="教育局情况（补充）")
    assert again.pk == answer.pk and again.summary == "教育局情况（补充）"
    with pytest.raises(ValidationError):  # not sent yet
        briefing_answer_record(request=county.briefing_draft, group=county.group1, actor=county.office,
                               received_on=D(2026, 10, 15), summary="x")
    with pytest.raises(ValidationError):  # before it was sent
        briefing_answer_record(request=county.briefing_sent, group=county.group1, actor=county.office,
                               received_on=D(2026, 10, 1), summary="x")
    other_round_group = InspectionGroupFactory(number=5)
    with pytest.raises(ValidationError):
        briefing_answer_record(request=county.briefing_sent, group=other_round_group, actor=county.office,
                               received_on=D(2026, 10, 15), summary="x")


@pytest.mark.parametrize("persona", ["secretary", "leader1", "liaison1"])
def test_only_the_office_writes_briefing_records(county, persona):
    user = county.users[persona]
    with pytest.raises(PermissionDenied):
        briefing_requests_prepare(round=county.round, actor=user)
    with pytest.raises(PermissionDenied):
        briefing_answer_record(request=county.briefing_sent, group=county.group1, actor=user,
                               received_on=D(2026, 10, 15), summary="x")
    with pytest.raises(PermissionDenied):
        earlier_material_record(inspection=county.inspection1, actor=user, kind="other", title="x",
                                provided_by="x", received_on=D(2026, 10, 15))
    with pytest.raises(PermissionDenied):
        discipline_talk_record(group=county.group1, actor=user, held_on=D(2026, 10, 13), group_participants=[],
                               commission_participants="x")


def test_answers_are_visible_per_group(client, county):
    answer2 = briefing_answer_record(request=county.briefing_sent, group=county.group2, actor=county.office,
                                     received_on=D(2026, 10, 15), summary="教育局近三年信访举报2件")
    assert set(BriefingAnswer.objects.visible_to(county.member1)) == {county.answer1}
    assert set(BriefingAnswer.objects.visible_to(county.liaison2)) == {answer2}
    assert set(BriefingAnswer.objects.visible_to(county.secretary)) == {county.answer1, answer2}
    # group 2 has withdrawn (S28): member2 no longer reaches its material
    for persona in ("unit1", "jiwei", "sysadmin", "member2"):
        assert not BriefingAnswer.objects.visible_to(county.users[persona]).exists()
    client.force_login(county.liaison2)
    response = client.get(reverse("rounds:answer_detail", args=[county.answer1.pk]))
    assert response.status_code == 404
    assert "政治生态总体向好" not in response.content.decode()
    listing = client.get(reverse("rounds:briefing_list", args=[county.round.pk])).content.decode()
    assert "教育局近三年" not in listing  # summaries are on the answer page only
    assert [g.number for g in client.get(reverse("rounds:briefing_list", args=[county.round.pk])).context["groups"]] == [2]


def test_reading_an_answer_is_logged(client, county):
    client.force_login(county.member1)
    response = client.get(reverse("rounds:answer_detail", args=[county.answer1.pk]))
    assert response.status_code == 200 and "政治生态总体向好" in response.content.decode()
    entry = AuditEvent.objects.get(event=AuditEvent.Event.READ)
    assert (entry.actor, entry.object_type) == (county.member1, "rounds.briefinganswer")


def test_answer_attachments_are_confidential_group_material(client, county):
    attachment = attachment_upload(owner=county.answer1, file=upload("通报材料.pdf", make_pdf()), actor=county.office)
    assert set(Attachment.objects.visible_to(county.member1)) >= {attachment}
    assert attachment not in Attachment.objects.visible_to(county.unit1)
    for other_group in (county.member2, county.liaison2):  # liaison2 still reaches group 2's material
        assert attachment not in Attachment.objects.visible_to(other_group)
        client.force_login(other_group)
        assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 404
    client.force_login(county.member1)
    assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 200
    # the group reads what the office filed; it does not add to it
    response = client.post(reverse("files:add", args=["rounds.briefinganswer", county.answer1.pk]),
                           {"file": upload("自己加的.pdf", make_pdf())})
    assert response.status_code == 403


def test_the_office_records_an_answer_through_the_form(client, county):
    client.force_login(county.office)
    response = client.post(reverse("rounds:answer_create", args=[county.briefing_sent.pk]), {
        "group": county.group2.pk, "received_on": "2026-10-15", "summary": "第二组的书面材料",
    })
    answer = BriefingAnswer.objects.get(group=county.group2)
    assert response.status_code == 302 and response["Location"] == answer.get_absolute_url()


@pytest.mark.parametrize("persona", ["secretary", "leader1"])
def test_readers_are_refused_the_briefing_forms(client, county, persona):
    client.force_login(county.users[persona])
    for name, pk in (("briefing_create", county.round.pk), ("briefing_edit", county.briefing_draft.pk),
                     ("answer_create", county.briefing_sent.pk), ("answer_edit", county.answer1.pk),
                     ("material_create", county.inspection1.pk), ("material_edit", county.material1.pk),
                     ("talk_create", county.group1.pk), ("talk_edit", county.discipline_talk1.pk)):
        expected = 404 if persona == "leader1" and name == "briefing_edit" else 403  # a group sees no draft letter
        assert client.get(reverse(f"rounds:{name}", args=[pk])).status_code == expected, name
    response = client.post(reverse("rounds:briefing_prepare", args=[county.round.pk]))
    assert response.status_code == 403
    response = client.post(reverse("rounds:briefing_send", args=[county.briefing_draft.pk]), {"sent_on": "2026-10-13"})
    assert response.status_code == (404 if persona == "leader1" else 403)
    county.briefing_draft.refresh_from_db()
    assert county.briefing_draft.status == "draft"


def test_a_draft_letter_is_not_shown_to_the_groups(client, county):
    client.force_login(county.leader1)
    assert client.get(reverse("rounds:briefing_detail", args=[county.briefing_draft.pk])).status_code == 404
    assert client.get(reverse("rounds:briefing_detail", args=[county.briefing_sent.pk])).status_code == 200


def test_material_per_inspection_is_the_groups(client, county):
    assert set(EarlierMaterialItem.objects.visible_to(county.member1)) == {county.material1}
    assert not EarlierMaterialItem.objects.visible_to(county.member2).exists()
    assert not EarlierMaterialItem.objects.visible_to(county.liaison2).exists()  # still reaches group 2's
    assert not EarlierMaterialItem.objects.visible_to(county.unit1).exists()
    client.force_login(county.unit1)  # unit1 sees the inspection of its unit, not the group's material
    assert client.get(reverse("rounds:inspection_material", args=[county.inspection1.pk])).status_code == 404
    assert client.get(reverse("rounds:material_detail", args=[county.material1.pk])).status_code == 404


def test_the_talk_records_who_and_when_only(county):
    people = list(county.group1.memberships.filter(role__in=["leader", "deputy"]))
    talk = discipline_talk_record(group=county.group1, actor=county.office, held_on=D(2026, 10, 13),
                                  group_participants=people, commission_participants="县纪委书记")
    assert set(talk.group_participants.all()) == set(people)
    assert {f.name for f in DisciplineTalk._meta.concrete_fields} == {
        "id", "group", "held_on", "commission_participants", "recorded_by"
    }
    with pytest.raises(ValidationError):
        discipline_talk_record(group=county.group1, actor=county.office, held_on=D(2026, 10, 13),
                               group_participants=list(county.group2.memberships.all()), commission_participants="x")
    assert set(DisciplineTalk.objects.visible_to(county.member2)) == set()
    assert set(DisciplineTalk.objects.visible_to(county.liaison2)) == set()  # group 2 has none; group 1's is not its


def test_the_briefing_list_makes_the_same_queries_for_few_or_many(client, county):
    client.force_login(county.office)
    url = reverse("rounds:briefing_list", args=[county.round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        request = BriefingRequest.objects.create(
            round=county.round, department="other", addressee=f"示例县第{i}局", prepared_by=county.office,
            status="sent", year=2026, serial=10 + i, sent_on=D(2026, 10, 12), due_on=D(2026, 10, 16),
        )
        for group in (county.group1, county.group2):
            BriefingAnswer.objects.create(request=request, group=group, received_on=D(2026, 10, 14), summary="x",
                                          recorded_by=county.office)
        discipline_talk_record(group=county.group2, actor=county.office, held_on=D(2026, 10, 13),
                               group_participants=list(county.group2.memberships.all()), commission_participants="x")
        InspectionFactory(group=county.group2, unit=UnitFactory())
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["rows"]) == 12
    assert len(many) == len(few)


def test_the_material_page_makes_the_same_queries_for_few_or_many(client, county):
    client.force_login(county.member1)
    url = reverse("rounds:inspection_material", args=[county.inspection1.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        earlier_material_record(inspection=county.inspection1, actor=county.office, kind="other", title=f"材料{i}",
                                provided_by="县审计局", received_on=D(2026, 10, 13))
        discipline_talk_record(group=county.group1, actor=county.office, held_on=D(2026, 10, 13),
                               group_participants=list(county.group1.memberships.all()), commission_participants="x")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
