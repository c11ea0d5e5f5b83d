"""S15: an inquiry has a purpose and a plan and is known only to the people named; a detained person
is questioned only after the leading group approves, arranged through the discipline commission."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clues import services
from clues.models import Inquiry
from clues.services import InquiryData
from xunchar.approvals.services import approval_submit

from .records import DETAINED_INFORMANT, INFORMANT, approve_detained, membership

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 10, 28)


def test_the_creator_is_always_named_and_only_the_groups_people_can_be(inquiries):
    c = inquiries
    assert set(c.inquiry.readers.values_list("cadre_id", flat=True)) == {c.liaison1.cadre_id, c.leader1.cadre_id}
    with pytest.raises(ValidationError):
        services.inquiry_create(group=c.group1, actor=c.leader1, data=InquiryData(
            informant="某人", purpose="了解", plan="方案", readers=[membership(c, "member2", c.group2)]))
    with pytest.raises(PermissionDenied):
        services.inquiry_create(group=c.group1, actor=c.member1, data=InquiryData(informant="某人", purpose="了解", plan="方案", readers=[]))


def test_planning_an_inquiry_through_the_page(client, inquiries):
    c = inquiries
    client.force_login(c.deputy1)
    response = client.post(reverse("clues:inquiry_list", args=[c.group1.pk]), {
        "informant": "郑某（财政局出纳）", "purpose": "了解报销情况", "plan": "在驻地询问",
        "readers": [membership(c, "member1").pk],
    })
    inquiry = Inquiry.objects.get(informant="郑某（财政局出纳）")
    assert response["Location"] == inquiry.get_absolute_url()
    client.force_login(c.member1)
    assert client.get(inquiry.get_absolute_url()).status_code == 200
    client.force_login(c.liaison1)  # in the group, not named
    assert client.get(inquiry.get_absolute_url()).status_code == 404


def test_a_named_person_records_the_questioning(client, inquiries):
    c = inquiries
    client.force_login(c.leader1)
    client.post(reverse("clues:inquiry_interview", args=[c.inquiry.pk]), {"interviewed_on": "2026-10-28", "record": "称资金按程序拨付。"})
    c.inquiry.refresh_from_db()
    assert (c.inquiry.interviewed_on, c.inquiry.record, c.inquiry.interview_recorded_by) == (DAY, "称资金按程序拨付。", c.leader1)
    page = client.get(c.inquiry.get_absolute_url()).content.decode()
    assert INFORMANT in page and "称资金按程序拨付。" in page


def test_a_detained_person_is_not_questioned_before_the_leading_group_approves(client, inquiries):
    c = inquiries
    with pytest.raises(ValidationError) as refused:
        services.inquiry_record_interview(inquiry=c.inquiry_detained, actor=c.leader1, interviewed_on=DAY, record="询问情况")
    assert refused.value.messages == [services.DETAINED_NOT_APPROVED]
    assert "须报经领导小组同意" in services.DETAINED_NOT_APPROVED
    client.force_login(c.leader1)
    response = client.post(reverse("clues:inquiry_interview", args=[c.inquiry_detained.pk]),
                           {"interviewed_on": "2026-10-28", "record": "询问情况"}, follow=True)
    assert "须报经领导小组同意" in response.content.decode()
    c.inquiry_detained.refresh_from_db()
    assert c.inquiry_detained.record == ""


def test_after_approval_the_commission_arranges_it_then_it_is_recorded(client, inquiries):
    c = inquiries
    with pytest.raises(ValidationError):  # not before approval
        services.inquiry_record_arrangement(inquiry=c.inquiry_detained, actor=c.office, commission_contact="案管室王某", arranged_on=DAY)
    with pytest.raises(PermissionDenied):  # only the group's leader, deputy or liaison named on it submit
        approval_submit(chain=services.DETAINED_CHAIN, subject=c.inquiry_detained, actor=c.liaison1)
    approve_detained(c)
    with pytest.raises(ValidationError) as refused:
        services.inquiry_record_interview(inquiry=c.inquiry_detained, actor=c.deputy1, interviewed_on=DAY, record="x")
    assert refused.value.messages == [services.DETAINED_NOT_ARRANGED]
    client.force_login(c.office)
    client.post(reverse("clues:inquiry_arrange", args=[c.inquiry_detained.pk]), {"commission_contact": "县纪委监委案管室王某", "arranged_on": "2026-10-27"})
    c.inquiry_detained.refresh_from_db()
    assert (c.inquiry_detained.commission_contact, c.inquiry_detained.arranged_by) == ("县纪委监委案管室王某", c.office)
    services.inquiry_record_interview(inquiry=c.inquiry_detained, actor=c.deputy1, interviewed_on=DAY, record="交代资金流向")
    c.inquiry_detained.refresh_from_db()
    assert c.inquiry_detained.record == "交代资金流向"


def test_the_detained_persons_approval_is_seen_by_those_who_see_the_inquiry(client, inquiries):
    c = inquiries
    approval_submit(chain=services.DETAINED_CHAIN, subject=c.inquiry_detained, actor=c.leader1)
    from xunchar.approvals.services import approval_request

    request = approval_request(c.inquiry_detained, services.DETAINED_CHAIN)
    for name, status in (("secretary", 200), ("deputy1", 200), ("liaison1", 404), ("member1", 404), ("member2", 404),
                         ("liaison2", 404)):
        client.force_login(c.users[name])
        response = client.get(reverse("approvals:detail", args=[request.pk]))
        assert response.status_code == status, name
        if status == 404:
            assert DETAINED_INFORMANT not in response.content.decode()
