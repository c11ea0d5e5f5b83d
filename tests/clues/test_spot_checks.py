"""S14: the group proposes → the office submits → the head or executive deputy head approves → the
office sends it to the organization department → the department fills the table and answers → the
office forwards it → a discrepancy goes into the person's clue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from clues import services
from clues.models import ClueEntry, SpotCheck, SpotCheckPerson
from clues.services import SpotCheckResult
from xunchar.access import policy
from xunchar.approvals.services import approval_decide, approval_request, approval_submit
from xunchar.notifications.models import Notification

from .records import DEPUTY_NAME, HEAD_NAME, OTHER_REASON, approve, spot_check_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(inquiries):
    return inquiries.spot_check_other  # proposed to the office, not yet submitted


def test_the_group_draws_up_a_list_of_cadres_of_its_units(client, inquiries):
    c = inquiries
    client.force_login(c.liaison1)
    response = client.post(reverse("clues:spot_check_list", args=[c.group1.pk]))
    spot_check = SpotCheck.objects.get(group=c.group1, number=3)
    assert response["Location"] == spot_check.get_absolute_url()
    client.post(reverse("clues:spot_check_add_person", args=[spot_check.pk]), {"cadre": c.head_cadre.pk, "reason": "核实房产"})
    assert list(spot_check.people.values_list("cadre__name", flat=True)) == [HEAD_NAME]
    outsider = c.member2.cadre  # works in some other unit
    with pytest.raises(ValidationError, match="只能抽查本组巡察单位的干部|units the group inspects"):
        services.spot_check_add_person(spot_check=spot_check, actor=c.liaison1, cadre=outsider, reason="x")
    with pytest.raises(ValidationError):
        services.spot_check_add_person(spot_check=spot_check, actor=c.liaison1, cadre=c.head_cadre, reason="again")
    with pytest.raises(PermissionDenied):
        services.spot_check_add_person(spot_check=spot_check, actor=c.member1, cadre=c.deputy_cadre, reason="x")


def test_an_empty_list_is_not_proposed(inquiries):
    spot_check = services.spot_check_create(group=inquiries.group1, actor=inquiries.leader1)
    with pytest.raises(ValidationError):
        services.spot_check_propose(spot_check=spot_check, actor=inquiries.leader1)


def test_proposing_tells_the_office_and_freezes_the_list(client, inquiries):
    c = inquiries
    spot_check = spot_check_with(c, [(c.head_cadre, "核实")])
    client.force_login(c.liaison1)
    client.post(reverse("clues:spot_check_propose", args=[spot_check.pk]))
    spot_check.refresh_from_db()
    assert spot_check.state == SpotCheck.State.PROPOSED
    assert Notification.objects.filter(recipient=c.office, url=spot_check.get_absolute_url()).exists()
    with pytest.raises(ValidationError):
        services.spot_check_add_person(spot_check=spot_check, actor=c.liaison1, cadre=c.deputy_cadre, reason="x")
    services.spot_check_propose(spot_check=spot_check, actor=c.liaison1)  # again: nothing happens


def test_only_the_office_submits_and_only_the_head_or_executive_deputy_approves(inquiries, proposed):
    c = inquiries
    with pytest.raises(PermissionDenied):
        approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=proposed, actor=c.leader1)
    request = approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=proposed, actor=c.office)
    for refused in (c.director, c.leader1):
        with pytest.raises(PermissionDenied):
            approval_decide(request=request, actor=refused, passed=True, opinion="")
    approve(proposed, services.SPOT_CHECK_CHAIN, c.deputy)
    proposed.refresh_from_db()
    assert proposed.state == SpotCheck.State.APPROVED and proposed.approved_at


def test_returned_by_the_leading_group_it_goes_back_to_the_group(inquiries, proposed):
    c = inquiries
    request = approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=proposed, actor=c.office)
    approval_decide(request=request, actor=c.secretary, passed=False, opinion="名单过宽，请压缩。")
    proposed.refresh_from_db()
    assert proposed.state == SpotCheck.State.DRAFT
    assert Notification.objects.filter(recipient=c.liaison1, url=proposed.get_absolute_url()).exists()
    services.spot_check_add_person(spot_check=proposed, actor=c.liaison1, cadre=c.head_cadre, reason="补充")


def test_sending_before_approval_is_refused(inquiries, proposed):
    with pytest.raises(ValidationError):
        services.spot_check_send(spot_check=proposed, actor=inquiries.office)
    assert not SpotCheck.objects.visible_to(inquiries.zuzhibu).filter(pk=proposed.pk).exists()


def test_sending_hands_this_one_request_to_the_organization_department(client, inquiries, proposed):
    c = inquiries
    approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=proposed, actor=c.office)
    approve(proposed, services.SPOT_CHECK_CHAIN, c.secretary)
    client.force_login(c.leader1)
    assert client.post(reverse("clues:spot_check_send", args=[proposed.pk])).status_code == 403
    client.force_login(c.office)
    client.post(reverse("clues:spot_check_send", args=[proposed.pk]))
    proposed.refresh_from_db()
    assert proposed.state == SpotCheck.State.SENT
    assert list(proposed.sent_to.all()) == [c.zuzhibu]
    assert set(policy.handed_pks(c.zuzhibu, SpotCheck).values_list("pk", flat=True)) == {c.spot_check.pk, proposed.pk}
    assert not policy.handed_pks(c.jiwei, SpotCheck).exists()
    assert Notification.objects.filter(recipient=c.zuzhibu, url=proposed.get_absolute_url()).exists()


def test_the_receiver_fills_the_table_and_answers(client, inquiries, proposed):
    c = inquiries
    approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=proposed, actor=c.office)
    approve(proposed, services.SPOT_CHECK_CHAIN, c.secretary)
    services.spot_check_send(spot_check=proposed, actor=c.office)
    person = proposed.people.get()
    client.force_login(c.zuzhibu)
    page = client.get(proposed.get_absolute_url()).content.decode()
    assert f'data-testid="fill-{person.pk}"' in page and OTHER_REASON in page
    client.post(reverse("clues:spot_check_answer", args=[proposed.pk]))
    proposed.refresh_from_db()
    assert proposed.state == SpotCheck.State.SENT  # not every row filled
    form = {f"p{person.pk}-result": "discrepancy", f"p{person.pk}-details": "", f"p{person.pk}-review_opinion": "建议了解"}
    client.post(reverse("clues:spot_check_fill", args=[person.pk]), form)
    person.refresh_from_db()
    assert person.result == ""  # a discrepancy is described
    form[f"p{person.pk}-details"] = "持有未报告的股权"
    client.post(reverse("clues:spot_check_fill", args=[person.pk]), form)
    person.refresh_from_db()
    assert (person.result, person.details, person.filled_by) == ("discrepancy", "持有未报告的股权", c.zuzhibu)
    client.post(reverse("clues:spot_check_answer", args=[proposed.pk]))
    proposed.refresh_from_db()
    assert proposed.state == SpotCheck.State.ANSWERED
    with pytest.raises(ValidationError):  # the table is closed once returned
        services.spot_check_fill(person=person, actor=c.zuzhibu, data=SpotCheckResult(result="consistent", review_opinion="x"))


def test_the_group_does_not_fill_the_departments_table(inquiries):
    c = inquiries
    with pytest.raises(PermissionDenied):
        services.spot_check_fill(person=c.spot_person, actor=c.office, data=SpotCheckResult(result="consistent", review_opinion="x"))
    with pytest.raises(PermissionDenied):
        services.spot_check_answer(spot_check=c.spot_check, actor=c.leader1)


def test_the_office_forwards_the_answer_and_a_discrepancy_enters_the_clue(client, inquiries):
    c = inquiries
    c.spot_check.refresh_from_db()
    assert c.spot_check.state == SpotCheck.State.DELIVERED
    entry = ClueEntry.objects.get(spot_check_person=c.spot_person)
    assert entry.clue.cadre == c.head_cadre and entry.source == ClueEntry.Source.SPOT_CHECK
    assert "漏报配偶名下房产一处" in entry.text
    # again: the same entry, no second one
    assert services.spot_check_to_clue(person=c.spot_person, actor=c.leader1) == entry
    consistent = c.spot_check.people.get(result=SpotCheckPerson.Result.CONSISTENT)
    with pytest.raises(ValidationError):
        services.spot_check_to_clue(person=consistent, actor=c.leader1)
    client.force_login(c.deputy1)
    page = client.get(c.spot_check.get_absolute_url()).content.decode()
    assert reverse("clues:clue_detail", args=[entry.clue_id]) in page


def test_a_result_enters_a_clue_only_after_the_office_forwarded_it(inquiries, proposed):
    c = inquiries
    approval_submit(chain=services.SPOT_CHECK_CHAIN, subject=proposed, actor=c.office)
    approve(proposed, services.SPOT_CHECK_CHAIN, c.secretary)
    services.spot_check_send(spot_check=proposed, actor=c.office)
    person = proposed.people.get()
    services.spot_check_fill(person=person, actor=c.zuzhibu, data=SpotCheckResult(result="discrepancy", details="x", review_opinion="y"))
    services.spot_check_answer(spot_check=proposed, actor=c.zuzhibu)
    with pytest.raises(ValidationError):
        services.spot_check_to_clue(person=person, actor=c.leader1)
    with pytest.raises(PermissionDenied):
        services.spot_check_deliver(spot_check=proposed, actor=c.zuzhibu)
    services.spot_check_deliver(spot_check=proposed, actor=c.director)
    services.spot_check_to_clue(person=person, actor=c.leader1)
    assert approval_request(proposed, services.SPOT_CHECK_CHAIN).state == "approved"


def test_the_table_prints_for_the_receiver(inquiries):
    from clues.papers import spot_check_table_paper
    from xunchar.documents.registry import document_kind

    c = inquiries
    kind = document_kind("clues.spot_check_table")
    assert list(kind.subjects_for(c.zuzhibu)) == [c.spot_check]
    assert not kind.subjects_for(c.member2).exists()
    assert not kind.subjects_for(c.liaison2).exists()  # group 2's liaison still reaches group 2's material
    template, context = spot_check_table_paper(c.spot_check)
    assert context["title"] == "抽查核实情况表"
    assert [row["name"] for row in context["rows"]] == [HEAD_NAME, DEPUTY_NAME]
    assert all(row["result"] and row["review_opinion"] for row in context["rows"])
    html = render_to_string(template, context)
    assert "审核意见" in html and "漏报配偶名下房产一处" in html
