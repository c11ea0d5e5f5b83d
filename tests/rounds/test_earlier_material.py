"""S04.3: for each inspection, what the system holds from the unit's earlier inspections."""

import datetime

import pytest
from django.urls import reverse

from rounds.prep_selectors import EARLIER_SECTIONS, earlier_material
from tests.factories import (
    GroupMembershipFactory,
    InspectionFactory,
    InspectionGroupFactory,
    RoundFactory,
)
from tests.files.samples import make_pdf, upload
from xunchar.files.services import attachment_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(county, settings, tmp_path):
    """The finance bureau (unit_a, group 1's now) was inspected in 2025 and in round 1 of 2026; a later
    round inspects it again. Someone sat in the 2025 group; the office filed a talk record there."""
    settings.MEDIA_ROOT = tmp_path / "media"
    rounds = {}
    for key, (year, number) in {"2025": (2025, 2), "2026-1": (2026, 1), "2027": (2027, 1)}.items():
        round_ = RoundFactory(year=year, number=number)
        group = InspectionGroupFactory(round=round_, number=1, entered_on=datetime.date(year, 3, 2))
        rounds[key] = InspectionFactory(group=group, unit=county.unit_a)
    veteran = GroupMembershipFactory(group=rounds["2025"].group)
    from tests.factories import UserFactory

    county.veteran = UserFactory(username="veteran", cadre=veteran.cadre)
    county.file_2025 = attachment_upload(
        owner=rounds["2025"], file=upload("2025年谈话笔录.pdf", make_pdf()), actor=county.office
    )
    county.earlier = rounds
    return county


def test_the_earlier_inspections_of_the_unit_latest_first(history):
    material = earlier_material(history.inspection1, user=history.office)
    assert [row.inspection for row in material.earlier] == [history.earlier["2026-1"], history.earlier["2025"]]
    # a later round is not "earlier"; another unit is not listed
    assert history.earlier["2027"] not in [row.inspection for row in material.earlier]
    assert earlier_material(history.inspection2, user=history.office).earlier == []


def test_the_office_sees_the_earlier_files(history):
    rows = earlier_material(history.inspection1, user=history.office).earlier
    assert [a.pk for a in rows[1].attachments] == [history.file_2025.pk]
    assert all(row.can_open_group for row in rows)


def test_the_new_group_gets_the_facts_not_the_earlier_groups_working_files(history):
    rows = earlier_material(history.inspection1, user=history.member1).earlier
    assert len(rows) == 2
    assert all(row.attachments == [] and not row.can_open_group for row in rows)


def test_who_sat_in_the_earlier_group_still_sees_its_files(history):
    rows = earlier_material(history.inspection1, user=history.veteran).earlier
    assert [a.pk for a in rows[1].attachments] == [history.file_2025.pk]


def test_the_sections_named_by_s04_are_there_and_empty_for_now(history):
    material = earlier_material(history.inspection1, user=history.office)
    assert [section.title for section in material.sections] == [str(title) for title, _ in EARLIER_SECTIONS]
    assert len(material.sections) == 3 and all(section.rows == [] for section in material.sections)


def test_a_later_phase_plugs_its_records_in(history, monkeypatch):
    class Report:
        def __init__(self, inspection):
            self.inspection = inspection

        def __str__(self):
            return f"{self.inspection.round}巡察报告"

        def get_absolute_url(self):
            return "/reports/1/"

    sections = list(EARLIER_SECTIONS)
    sections[0] = (sections[0][0], lambda earlier, user: [Report(e) for e in earlier[:1]])
    monkeypatch.setattr("rounds.prep_selectors.EARLIER_SECTIONS", sections)
    material = earlier_material(history.inspection1, user=history.office)
    assert [str(r) for r in material.sections[0].rows] == ["2026年第一轮巡察巡察报告"]


def test_the_page_lists_them(client, history):
    client.force_login(history.member1)
    page = client.get(reverse("rounds:inspection_material", args=[history.inspection1.pk])).content.decode()
    assert "2025年第二轮巡察" in page and "2026年第一轮巡察" in page
    assert "2025年谈话笔录.pdf" not in page
    client.force_login(history.director)
    page = client.get(reverse("rounds:inspection_material", args=[history.inspection1.pk])).content.decode()
    assert "2025年谈话笔录.pdf" in page
