"""S27: a major matter reported directly to the head bypasses the office; a problem with the group's own
staff is kept from the deputy leader and the liaison, who may be the staff concerned."""

import datetime

import pytest

from groups.onsite import services
from groups.onsite.models import MajorMatter

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 2)


def _report(county, *, kind, channel, actor="leader1"):
    return services.major_matter_report(group=county.group1, actor=county.users[actor], kind=kind, channel=channel,
                                        occurred_on=DAY, text="某工作人员私下向被巡察单位透露谈话内容。")


def _readers(matter, county):
    return {name for name, user in county.users.items() if MajorMatter.objects.visible_to(user).filter(pk=matter.pk).exists()}


def test_a_matter_reported_directly_reaches_the_head_and_the_reporter_only(county):
    matter = _report(county, kind=MajorMatter.Kind.RISK, channel=MajorMatter.Channel.DIRECT)
    assert _readers(matter, county) == {"secretary", "leader1"}


def test_through_the_office_the_keepers_office_and_leadership_read_it(county):
    matter = _report(county, kind=MajorMatter.Kind.RISK, channel=MajorMatter.Channel.THROUGH_OFFICE, actor="liaison1")
    assert _readers(matter, county) == {"secretary", "deputy", "director", "office", "leader1", "deputy1", "liaison1"}


def test_a_staff_problem_is_kept_from_the_deputy_and_the_liaison(county):
    matter = _report(county, kind=MajorMatter.Kind.STAFF, channel=MajorMatter.Channel.THROUGH_OFFICE)
    assert _readers(matter, county) == {"secretary", "deputy", "director", "office", "leader1"}
