"""Who reaches what: the organization department's receiver sees only the spot check handed to it;
group 2's people nothing of group 1; an ordinary member of group 1 no clue and no inquiry that does
not name them."""

import pytest
from django.urls import reverse

from clues.models import Clue, ClueEntry, HelpRequest, Inquiry, SpotCheck, SpotCheckPerson
from xunchar.access import policy

from .records import DISCREPANCY, HEAD_NAME, INFORMANT, SPOT_REASON

pytestmark = pytest.mark.django_db


def group1_urls(c):
    """Every page and action of this app that reaches group 1's material."""
    return [
        ("get", reverse("clues:clue_list", args=[c.group1.pk])),
        ("get", reverse("clues:spot_check_list", args=[c.group1.pk])),
        ("get", reverse("clues:inquiry_list", args=[c.group1.pk])),
        ("get", reverse("clues:help_list", args=[c.group1.pk])),
        ("get", reverse("clues:clue_detail", args=[c.clue.pk])),
        ("post", reverse("clues:clue_add_entry", args=[c.clue.pk])),
        ("get", reverse("clues:spot_check_detail", args=[c.spot_check.pk])),
        ("get", reverse("clues:spot_check_detail", args=[c.spot_check_other.pk])),
        ("post", reverse("clues:spot_check_add_person", args=[c.spot_check_other.pk])),
        ("post", reverse("clues:spot_check_propose", args=[c.spot_check_other.pk])),
        ("post", reverse("clues:spot_check_send", args=[c.spot_check.pk])),
        ("post", reverse("clues:spot_check_answer", args=[c.spot_check.pk])),
        ("post", reverse("clues:spot_check_deliver", args=[c.spot_check.pk])),
        ("post", reverse("clues:spot_check_remove_person", args=[c.spot_check_other.people.get().pk])),
        ("post", reverse("clues:spot_check_fill", args=[c.spot_person.pk])),
        ("post", reverse("clues:spot_check_to_clue", args=[c.spot_person.pk])),
        ("get", reverse("clues:inquiry_detail", args=[c.inquiry.pk])),
        ("post", reverse("clues:inquiry_arrange", args=[c.inquiry_detained.pk])),
        ("post", reverse("clues:inquiry_interview", args=[c.inquiry.pk])),
        ("get", reverse("clues:help_detail", args=[c.help_request.pk])),
        ("post", reverse("documents:request", args=["clues.spot_check_table", c.spot_check.pk])),
        ("post", reverse("approvals:submit", args=["clues.spot_check", c.spot_check_other.pk])),
    ]


@pytest.mark.parametrize("persona", ["member2", "liaison2"])  # liaison2 still reaches group 2's material
def test_group2_is_refused_every_group1_url(client, inquiries, persona):
    client.force_login(inquiries.users[persona])
    for method, url in group1_urls(inquiries):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (url, response.status_code)
        for secret in (HEAD_NAME, INFORMANT, SPOT_REASON, DISCREPANCY):
            assert secret not in response.content.decode()


GROUP_PATH = {ClueEntry: "clue__group", SpotCheckPerson: "spot_check__group"}


def test_member2_lists_and_counts_hold_nothing_of_group1(client, inquiries):
    # group 2 has withdrawn (S28): member2 no longer reaches its material; liaison2 still reads group 2's pages
    for user in (inquiries.member2, inquiries.liaison2):
        for model in (Clue, ClueEntry, SpotCheck, SpotCheckPerson, Inquiry, HelpRequest):
            group_path = GROUP_PATH.get(model, "group")
            assert model.objects.filter(**{group_path: inquiries.group1}).exists(), model
            assert not model.objects.visible_to(user).filter(**{group_path: inquiries.group1}).exists(), model
    client.force_login(inquiries.liaison2)
    page = client.get(reverse("clues:index")).content.decode()
    assert "第二巡察组" in page and "第一巡察组" not in page


def test_the_receiver_sees_only_the_spot_check_handed_to_them(client, inquiries):
    c = inquiries
    client.force_login(c.zuzhibu)
    page = client.get(reverse("clues:spot_check_detail", args=[c.spot_check.pk]))
    assert page.status_code == 200
    assert HEAD_NAME in page.content.decode()
    # nothing else of the group: another spot check, the group's lists, its clues, inquiries, help, petitions
    for url in (
        reverse("clues:spot_check_detail", args=[c.spot_check_other.pk]),
        reverse("clues:spot_check_list", args=[c.group1.pk]),
        reverse("clues:clue_list", args=[c.group1.pk]),
        reverse("clues:clue_detail", args=[c.clue.pk]),
        reverse("clues:inquiry_list", args=[c.group1.pk]),
        reverse("clues:inquiry_detail", args=[c.inquiry.pk]),
        reverse("clues:help_detail", args=[c.help_request.pk]),
        reverse("petitions:ledger", args=[c.group1.pk]),
        reverse("groups:detail", args=[c.group1.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("clues:help_all")).status_code == 403
    index = client.get(reverse("clues:index")).content.decode()
    assert c.spot_check.reference in index and c.spot_check_other.reference not in index
    assert list(SpotCheck.objects.visible_to(c.zuzhibu)) == [c.spot_check]
    assert not Clue.objects.visible_to(c.zuzhibu).exists()
    assert not ClueEntry.objects.visible_to(c.zuzhibu).exists()


def test_the_discipline_commission_receiver_gets_nothing_here(client, inquiries):
    client.force_login(inquiries.jiwei)
    assert client.get(reverse("clues:index")).status_code == 403
    assert client.get(reverse("clues:spot_check_detail", args=[inquiries.spot_check.pk])).status_code == 404


def test_an_ordinary_member_is_refused_clues_and_inquiries_not_naming_them(client, inquiries):
    c = inquiries
    client.force_login(c.member1)
    assert client.get(reverse("clues:clue_list", args=[c.group1.pk])).status_code == 404
    assert client.get(reverse("clues:clue_detail", args=[c.clue.pk])).status_code == 404
    assert client.get(reverse("clues:inquiry_detail", args=[c.inquiry.pk])).status_code == 404
    page = client.get(reverse("clues:inquiry_list", args=[c.group1.pk])).content.decode()
    assert INFORMANT not in page
    # the spot checks are the group's: member1 reads them, but does not act
    assert client.get(reverse("clues:spot_check_detail", args=[c.spot_check.pk])).status_code == 200
    assert client.post(reverse("clues:spot_check_to_clue", args=[c.spot_person.pk])).status_code == 403
    assert client.post(reverse("clues:spot_check_list", args=[c.group1.pk])).status_code == 403
    assert client.post(reverse("clues:help_list", args=[c.group1.pk])).status_code == 403
    assert client.post(reverse("clues:inquiry_list", args=[c.group1.pk])).status_code == 403


def test_clues_are_seen_by_the_office_leadership_and_the_group_keepers_only(inquiries):
    c = inquiries
    seen = {name for name in ("office", "director", "secretary", "deputy", "leader1", "deputy1", "liaison1", "member1",
                              "leader2", "liaison2", "member2", "zuzhibu", "jiwei", "unit1")
            if policy.clues_visible_to(Clue.objects.all(), c.users[name]).filter(pk=c.clue.pk).exists()}
    assert seen == {"office", "director", "secretary", "deputy", "leader1", "deputy1", "liaison1"}


def test_an_inquiry_is_seen_by_the_people_named_on_it(inquiries):
    c = inquiries
    seen = {name for name in ("office", "secretary", "leader1", "deputy1", "liaison1", "member1", "member2", "liaison2", "zuzhibu")
            if Inquiry.objects.visible_to(c.users[name]).filter(pk=c.inquiry.pk).exists()}
    assert seen == {"office", "secretary", "leader1", "liaison1"}  # liaison1 made it, leader1 is named


def test_the_clue_list_reads_in_a_fixed_number_of_queries(client, inquiries):
    from clues import services

    c = inquiries
    client.force_login(c.liaison1)
    url = reverse("clues:clue_list", args=[c.group1.pk])
    client.get(url)
    one = _count(client, url)
    for index in range(5):
        services.clue_for_person(group=c.group1, actor=c.liaison1, person=f"某股长{index}", summary="反映问题")
    assert _count(client, url) == one


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
