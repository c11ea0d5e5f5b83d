"""S21: what the helping body is told never carries a clue."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clues import services
from clues.models import HelpRequest
from clues.services import HelpRequestData

from .records import HEAD_NAME, TOLD_TO_BODY

pytestmark = pytest.mark.django_db


def data(county, told):
    return HelpRequestData(body=county.help_body, channel="through_unit", what_is_asked="核实资金", told_to_body=told,
                           helpers="审计局赵某", starts_on=datetime.date(2026, 10, 27))


def test_a_clues_person_is_refused(inquiries):
    with pytest.raises(ValidationError) as refused:
        services.help_request_create(group=inquiries.group1, actor=inquiries.leader1, data=data(inquiries, f"请协助核实{HEAD_NAME}的房产情况"))
    assert HEAD_NAME in refused.value.message_dict["told_to_body"][0]


def test_words_of_a_clues_summary_are_refused(inquiries):
    for told in ("协助了解有无漏报房产情况", "协助核查配偶违规经商问题"):
        with pytest.raises(ValidationError):
            services.help_request_create(group=inquiries.group1, actor=inquiries.leader1, data=data(inquiries, told))
    assert not HelpRequest.objects.filter(told_to_body__contains="协助了解").exists()


def test_a_neutral_task_is_saved_and_links_no_clue(inquiries):
    c = inquiries
    assert services.clue_words_in(c.group1, TOLD_TO_BODY) == []
    help_request = services.help_request_create(group=c.group1, actor=c.liaison1, data=data(c, "协助核对基建项目工程量"))
    assert help_request.told_to_body == "协助核对基建项目工程量"
    assert not [f for f in HelpRequest._meta.get_fields() if f.related_model and f.related_model._meta.app_label == "clues"]


def test_another_groups_clues_do_not_block(inquiries):
    # group 2 keeps no clue about 钱振华: its request may name the person
    services.help_request_create(group=inquiries.group2, actor=inquiries.leader2, data=data(inquiries, f"协助了解{HEAD_NAME}分管工作"))


def test_only_the_groups_leader_deputy_or_liaison_ask(inquiries):
    with pytest.raises(PermissionDenied):
        services.help_request_create(group=inquiries.group1, actor=inquiries.member1, data=data(inquiries, "协助核对账目"))


def test_the_page_shows_the_refusal_and_the_office_lists_every_request(client, inquiries):
    c = inquiries
    client.force_login(c.leader1)
    response = client.post(reverse("clues:help_list", args=[c.group1.pk]), {
        "body": c.help_body.pk, "channel": "through_office", "what_is_asked": "核实", "told_to_body": f"核实{HEAD_NAME}房产",
        "helpers": "赵某", "starts_on": "2026-10-27",
    })
    assert response.status_code == 200 and f"“{HEAD_NAME}”" in response.content.decode()
    assert not HelpRequest.objects.filter(told_to_body__contains=HEAD_NAME).exists()
    client.force_login(c.office)
    page = client.get(reverse("clues:help_all")).content.decode()
    assert "示例县审计局" in page and TOLD_TO_BODY[:10] in page
    client.force_login(c.leader1)
    assert client.get(reverse("clues:help_all")).status_code == 403
