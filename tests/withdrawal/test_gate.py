"""S28: the group cannot be marked withdrawn while anything is open, and says what (issue 6 §7)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups.withdrawal import selectors, services
from xunchar.deadlines.models import Deadline
from xunchar.sealing.models import DirectDelivery

from .records import DAY, settle

pytestmark = pytest.mark.django_db


def _withdraw(county, actor=None):
    return services.group_withdraw(group=county.group1, withdrawn_on=DAY, actor=actor or county.leader1)


def _refusal(county) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        _withdraw(county)
    county.group1.refresh_from_db()
    assert county.group1.withdrawn_on is None
    assert not Deadline.objects.filter(group=county.group1, rule__in=["D1", "D2"]).exists()
    return refused.value.messages


def test_a_settled_group_withdraws_and_starts_d1_and_d2(county):
    settle(county.group1, county.leader1)
    assert selectors.open_items(county.group1) == []
    _withdraw(county)
    county.group1.refresh_from_db()
    assert county.group1.withdrawn_on == DAY
    assert set(Deadline.objects.filter(group=county.group1).values_list("rule", flat=True)) >= {"D1", "D2"}


def test_nothing_settled_names_every_open_item(county):
    messages = _refusal(county)
    text = "\n".join(messages)
    assert "示例县财政局" in text  # the talk with the unit's principal leader
    assert "销毁" in text
    for username in ("leader1", "deputy1", "liaison1", "member1"):
        assert county.users[username].cadre.name in text  # each member's zero-holding report


@pytest.mark.parametrize(("skip", "expected"), [
    ("talks", "示例县财政局"),
    ("destruction", "销毁"),
    ("check", "核查"),
])
def test_each_open_item_blocks_with_its_name(county, skip, expected):
    settle(county.group1, county.leader1, skip=skip)
    messages = _refusal(county)
    assert len(messages) == 2  # the heading and the one open item
    assert expected in messages[1]


def test_one_missing_zero_holding_report_blocks_and_names_the_member(county):
    settle(county.group1, county.leader1, skip="zero_holding")
    for username in ("leader1", "deputy1", "liaison1"):
        membership = county.group1.memberships.get(cadre=county.users[username].cadre)
        services.zero_holding_sign(membership=membership, actor=county.users[username])
    messages = _refusal(county)
    assert len(messages) == 2
    assert county.member1.cadre.name in messages[1] and "零持有" in messages[1]


def test_equipment_not_returned_blocks_and_names_the_item_and_holder(county):
    settle(county.group1, county.leader1)
    holder = county.group1.memberships.get(cadre=county.member1.cadre)
    item = services.equipment_add(group=county.group1, data=services.EquipmentData(
        name="涉密笔记本电脑", lent_by="县委巡察办", holder=holder, lent_on=datetime.date(2026, 10, 14),
        asset_number="XC-07", classified=True), actor=county.liaison1)
    messages = _refusal(county)
    assert "涉密笔记本电脑" in messages[1] and county.member1.cadre.name in messages[1]
    # Classified equipment comes back checked by a named member other than who held it.
    with pytest.raises(ValidationError, match="专人|核对|清点"):
        services.equipment_return(equipment=item, returned_on=DAY, returned_to="巡察办张科长", checked_by=None, actor=county.liaison1)
    with pytest.raises(ValidationError):
        services.equipment_return(equipment=item, returned_on=DAY, returned_to="巡察办张科长", checked_by=holder, actor=county.liaison1)
    checker = county.group1.memberships.get(cadre=county.liaison1.cadre)
    services.equipment_return(equipment=item, returned_on=DAY, returned_to="巡察办张科长", checked_by=checker, actor=county.liaison1)
    _withdraw(county)


def test_a_direct_delivery_item_not_yet_sealed_blocks(county):
    from tests.sealing.records import proposed_petition

    settle(county.group1, county.leader1)
    proposed_petition(county)
    messages = _refusal(county)
    assert "径送件" in messages[1]
    assert DirectDelivery.objects.filter(group=county.group1).count() == 1


def test_only_the_leader_or_the_office_marks_the_group_withdrawn(county):
    settle(county.group1, county.leader1)
    for username in ("deputy1", "liaison1", "member1", "leader2", "secretary"):
        with pytest.raises(PermissionDenied):
            _withdraw(county, actor=county.users[username])
    _withdraw(county, actor=county.office)


def test_a_future_date_and_a_date_before_entry_are_refused(county):
    settle(county.group1, county.leader1)
    for day in (datetime.date(2099, 1, 4), datetime.date(2026, 10, 1)):
        with pytest.raises(ValidationError):
            services.group_withdraw(group=county.group1, withdrawn_on=day, actor=county.leader1)


def test_once_withdrawn_the_checklist_is_a_record(county):
    settle(county.group1, county.leader1)
    _withdraw(county)
    with pytest.raises(ValidationError, match="撤离"):
        services.exit_talk_record(inspection=county.inspection1, held_on=DAY, unit_leader="另一人", notes="", actor=county.leader1)
    # The office may still correct the date until the report is heard; the leader may not.
    with pytest.raises(PermissionDenied):
        services.group_withdraw(group=county.group1, withdrawn_on=datetime.date(2026, 11, 19), actor=county.leader1)
    services.group_withdraw(group=county.group1, withdrawn_on=datetime.date(2026, 11, 19), actor=county.office)
    county.group1.refresh_from_db()
    assert county.group1.withdrawn_on == datetime.date(2026, 11, 19)


def test_repeating_the_withdrawal_is_a_no_op(county):
    settle(county.group1, county.leader1)
    _withdraw(county)
    _withdraw(county)
    assert Deadline.objects.filter(group=county.group1, rule="D1").count() == 1


def test_a_borrowed_document_still_out_blocks_and_names_the_item_and_custodian(county):
    from groups.docrequests import services as documents
    from tests.docrequests.records import item, sign_out

    settle(county.group1, county.leader1)
    minutes = sign_out(county, item(county, "2025年局党组会议纪要"))
    messages = _refusal(county)
    assert len(messages) == 2
    assert "2025年局党组会议纪要" in messages[1] and county.member1.cadre.name in messages[1]
    documents.item_return(item=minutes, actor=county.member1, returned_on=DAY, received_back_by="财政局办公室王主任")
    _withdraw(county)


def test_a_working_paper_not_signed_or_not_with_its_custodian_blocks(county):
    from groups.workpapers import services as papers
    from tests.workpapers.records import paper_data

    settle(county.group1, county.leader1)
    paper = papers.working_paper_create(group=county.group1, actor=county.member1, data=paper_data(county, title="违规发放津补贴"))
    messages = _refusal(county)
    assert len(messages) == 2 and "违规发放津补贴" in messages[1] and "审核签批" in messages[1]
    papers.working_paper_submit(paper=paper, actor=county.member1)
    papers.working_paper_check(paper=paper, actor=county.deputy1)
    papers.working_paper_sign(paper=paper, actor=county.leader1)
    messages = _refusal(county)
    assert "保管人" in messages[1]
    papers.working_paper_hand_over(paper=paper, actor=county.leader1, custodian=county.group1.memberships.get(cadre=county.liaison1.cadre))
    _withdraw(county)


def test_a_survey_still_taking_answers_blocks(county):
    from groups.surveys import services as surveys

    settle(county.group1, county.leader1)
    survey = surveys.survey_from_template(inspection=county.inspection1, actor=county.leader1)
    surveys.survey_open(survey=survey, actor=county.leader1)
    messages = _refusal(county)
    assert len(messages) == 2 and survey.title in messages[1]
    surveys.survey_close(survey=survey, actor=county.leader1)
    _withdraw(county)


def test_an_immediate_fix_without_the_units_response_blocks(county):
    from groups.onsite import services as onsite
    from tests.onsite.records import fix

    settle(county.group1, county.leader1)
    item = fix(county)
    messages = _refusal(county)
    assert len(messages) == 2 and "立行立改" in messages[1]
    onsite.immediate_fix_record_response(fix=item, actor=county.liaison1, response="已整改到位。", responded_on=DAY)
    _withdraw(county)
