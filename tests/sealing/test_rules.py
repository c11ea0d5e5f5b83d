"""When the system proposes a direct-delivery item: the people S13.2 lists, read from the cadre pool."""

import datetime

import pytest

from tests.factories import CadreFactory, CadrePostFactory, InspectionFactory, UnitFactory
from xunchar.registry.models import Cadre, Unit
from xunchar.sealing.rules import direct_delivery_reason

pytestmark = pytest.mark.django_db
F, R = Unit.Function, Cadre.Rank


def _cadre(function, rank, post="", retired=False, name="某某"):
    unit = UnitFactory(function=function)
    return CadreFactory(name=name, unit=None if retired else unit, post=post, rank=rank, is_retired=retired), unit


@pytest.mark.parametrize(("function", "rank", "post", "expected"), [
    (F.GOVERNMENT, R.COUNTY_DEPUTY, "副县长", "县四大班子成员"),
    (F.PEOPLES_CONGRESS, R.COUNTY_PRINCIPAL, "主任", "县四大班子成员"),
    (F.COURT, R.COUNTY_DEPUTY, "院长", "县法院主要负责同志"),
    (F.PROCURATORATE, R.COUNTY_DEPUTY, "检察长", "县检察院主要负责同志"),
    (F.DISCIPLINE_COMMISSION, R.SECTION_DEPUTY, "案件审理室副主任", "县纪委监委副科级以上"),
    (F.ORGANIZATION_DEPARTMENT, R.SECTION_PRINCIPAL, "干部监督室主任", "县委组织部副科级以上"),
])
def test_listed_posts_are_proposed(county, function, rank, post, expected):
    cadre, _unit = _cadre(function, rank, post)
    assert expected in direct_delivery_reason(cadre, county.round)


@pytest.mark.parametrize(("function", "rank", "post"), [
    (F.COURT, R.SECTION_PRINCIPAL, "副院长"),  # a vice-president is not the principal
    (F.DISCIPLINE_COMMISSION, R.STAFF, "科员"),  # below deputy-section level
    (F.ORGANIZATION_DEPARTMENT, R.CLERK_PRINCIPAL, "一级主任科员"),
    (F.FINANCE, R.SECTION_PRINCIPAL, "局长"),  # an ordinary unit
    (F.GOVERNMENT, R.SECTION_PRINCIPAL, "办公室主任"),  # works for the government, not one of its leaders
])
def test_other_people_are_not_proposed(county, function, rank, post):
    cadre, _unit = _cadre(function, rank, post)
    assert direct_delivery_reason(cadre, county.round) == ""


def test_retired_from_a_listed_post_is_proposed_and_says_so(county):
    cadre, unit = _cadre(F.COURT, R.COUNTY_DEPUTY, retired=True)
    CadrePostFactory(cadre=cadre, unit=unit, title="院长", start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2020, 1, 1))
    reason = direct_delivery_reason(cadre, county.round)
    assert "县法院主要负责同志" in reason and "已离退休" in reason


def test_leader_of_a_unit_inspected_in_this_round_is_the_rounds_own_work(county):
    cadre, unit = _cadre(F.GOVERNMENT, R.COUNTY_DEPUTY, "副县长")
    InspectionFactory(group=county.group1, unit=unit)
    assert direct_delivery_reason(cadre, county.round) == ""


def test_no_cadre_no_proposal(county):
    assert direct_delivery_reason(None, county.round) == ""
