"""The staffing pages: what the office sees and does, and who is refused."""

import pytest
from django.urls import reverse

from groups.models import GroupMembership
from rounds import staffing
from rounds.models import RecusalConflict, RecusalDeclaration, Round
from tests.factories import CadreFactory, RoundFactory, UnitFactory

pytestmark = pytest.mark.django_db
Leader = GroupMembership.RoundRole.LEADER


@pytest.fixture
def round3(county):
    round_ = RoundFactory(year=2027, number=1, phase=Round.Phase.PREPARATION, mobilization_date=None, entry_date=None)
    staffing.group_create(round=round_, actor=county.office)
    return round_


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_office_creates_a_round_in_preparation(client, county):
    client.force_login(county.office)
    response = client.post(reverse("rounds:create"), {"year": 2027, "number": 1, "focus": "聚焦乡村振兴"})
    round_ = Round.objects.get(year=2027, number=1)
    assert round_.phase == Round.Phase.PREPARATION
    assert response["Location"] == reverse("rounds:staffing", args=[round_.pk])


def test_a_repeated_pairing_is_refused_with_the_reason_and_nothing_changes(client, county, round3):
    group = round3.groups.get()
    client.force_login(county.office)
    client.post(reverse("rounds:inspection_add", args=[round3.pk]), {"group": group.pk, "unit": county.unit_a.pk})
    response = client.post(
        reverse("rounds:member_add", args=[round3.pk]), {"group": group.pk, "cadre": county.leader1.cadre_id, "role": Leader}, follow=True
    )
    assert any("三个不固定" in m and "示例县财政局" in m for m in _messages(response))
    assert not group.memberships.exists()
    # The form comes back as it was sent: only the justification is left to write.
    page = response.content.decode()
    assert f'<option value="{county.leader1.cadre_id}" selected>' in page and '<option value="leader" selected>' in page


def test_staffing_page_shows_earlier_leadership_in_a_fixed_number_of_queries(client, county, round3, django_assert_max_num_queries):
    group = round3.groups.get()
    staffing.membership_add(group=group, cadre=county.leader1.cadre, role=Leader, actor=county.office)
    client.force_login(county.director)
    response = client.get(reverse("rounds:staffing", args=[round3.pk]))
    assert "2026年第二轮巡察：示例县财政局" in response.content.decode().replace("\n", "")
    for _ in range(5):
        extra = staffing.group_create(round=round3, actor=county.office)
        for _ in range(4):
            staffing.membership_add(group=extra, cadre=CadreFactory(), role=GroupMembership.RoundRole.MEMBER, actor=county.office)
        staffing.inspection_add(group=extra, unit=UnitFactory(), actor=county.office)
    with django_assert_max_num_queries(30) as counted:
        client.get(reverse("rounds:staffing", args=[round3.pk]))
    few = len(counted.captured_queries)
    for _ in range(5):
        staffing.group_create(round=round3, actor=county.office)
    with django_assert_max_num_queries(few):
        client.get(reverse("rounds:staffing", args=[round3.pk]))


@pytest.mark.parametrize("persona", ["leader1", "member1", "unit1", "jiwei"])
def test_staffing_pages_refuse_group_people_and_receivers(client, county, round3, persona):
    client.force_login(county.users[persona])
    for name in ("rounds:staffing", "rounds:recusal", "rounds:secondments"):
        assert client.get(reverse(name, args=[round3.pk])).status_code in (403, 404)


def test_leadership_reads_but_cannot_change(client, county, round3):
    client.force_login(county.secretary)
    page = client.get(reverse("rounds:staffing", args=[round3.pk])).content.decode()
    assert reverse("rounds:group_create", args=[round3.pk]) not in page
    assert client.post(reverse("rounds:group_create", args=[round3.pk])).status_code == 403
    assert round3.groups.count() == 1


def test_a_member_declares_once_and_the_office_resolves_it(client, county, round3):
    group = round3.groups.get()
    staffing.inspection_add(group=group, unit=county.unit_b, actor=county.office)
    staffing.membership_add(group=group, cadre=county.member2.cadre, role=GroupMembership.RoundRole.MEMBER, actor=county.office)
    client.force_login(county.member2)
    url = reverse("rounds:declare", args=[group.pk])
    response = client.post(url, {"answer": "declare", "statement": ""})
    assert response.status_code == 200 and not RecusalDeclaration.objects.exists()
    client.post(url, {"answer": "declare", "statement": "妻子在县教育局工作", "unit": county.unit_b.pk})
    assert "妻子在县教育局工作" in client.get(url).content.decode()
    conflict = RecusalConflict.objects.get(source=RecusalConflict.Source.DECLARED)

    client.force_login(county.office)
    client.post(reverse("rounds:recusal_resolve", args=[conflict.pk]), {"decision": "keep", "reason": ""})
    conflict.refresh_from_db()
    assert conflict.state == RecusalConflict.State.OPEN
    client.post(reverse("rounds:recusal_resolve", args=[conflict.pk]), {"decision": "keep", "reason": "妻子在下属学校任教，经研究不需回避"})
    conflict.refresh_from_db()
    assert conflict.state == RecusalConflict.State.KEPT


def test_declaration_page_refuses_people_of_other_groups(client, county):
    for user in (county.member2, county.liaison2):  # liaison2 still reaches group 2's material
        client.force_login(user)
        assert client.get(reverse("rounds:declare", args=[county.group1.pk])).status_code == 404
    client.force_login(county.office)
    assert client.get(reverse("rounds:declare", args=[county.group1.pk])).status_code == 403


def test_a_second_round_of_the_same_number_is_refused_and_nothing_is_made(client, county):
    client.force_login(county.office)
    response = client.post(reverse("rounds:create"), {"year": 2026, "number": 2})  # the county's round 2
    assert response.status_code == 200 and Round.objects.filter(year=2026, number=2).count() == 1


def test_a_swap_without_a_reason_is_refused_by_the_form(client, county, round3):
    from rounds.models import Secondment

    secondment = staffing.secondment_request(round=round3, cadre=CadreFactory(), actor=county.office)
    client.force_login(county.office)
    response = client.post(reverse("rounds:secondment_swap", args=[secondment.pk]),
                           {"replacement": CadreFactory().pk, "reason": ""}, follow=True)
    assert any("原因" in m for m in _messages(response))
    secondment.refresh_from_db()
    assert secondment.state == Secondment.State.REQUESTED
