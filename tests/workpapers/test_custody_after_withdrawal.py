"""After the group withdraws only its leader and liaison keep its material (policy.access_giving): a paper
cannot be handed to a member who no longer reaches it — the custody would be a name on paper, and the
notice of the handover (the paper's reference and title) would reach someone who has lost the right."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.workpapers import services
from groups.workpapers.forms import HandOverForm
from tests.petitions.records import membership
from xunchar.notifications.models import Notification

from .records import signed

pytestmark = pytest.mark.django_db


def _withdraw(group):
    group.withdrawn_on = datetime.date(2026, 11, 25)
    group.save(update_fields=["withdrawn_on"])


def test_no_handover_to_a_member_who_lost_access_with_the_withdrawal(county):
    paper = signed(county)
    services.working_paper_hand_over(paper=paper, actor=county.leader1, custodian=membership(county, "liaison1"))
    _withdraw(county.group1)
    Notification.objects.all().delete()
    for who in ("member1", "deputy1"):
        with pytest.raises(ValidationError) as refused:
            services.working_paper_hand_over(paper=paper, actor=county.leader1, custodian=membership(county, who))
        assert "custodian" in refused.value.error_dict
    paper.refresh_from_db()
    assert paper.custodian == membership(county, "liaison1")
    assert not Notification.objects.exists()
    services.working_paper_hand_over(paper=paper, actor=county.leader1, custodian=membership(county, "leader1"))
    paper.refresh_from_db()
    assert paper.custodian == membership(county, "leader1")


def test_the_handover_form_offers_only_who_keeps_access(client, county):
    paper = signed(county)
    _withdraw(county.group1)
    offered = set(HandOverForm(group=county.group1).fields["custodian"].queryset)
    assert offered == {membership(county, "leader1"), membership(county, "liaison1")}
    client.force_login(county.leader1)
    response = client.post(reverse("workpapers:hand_over", args=[paper.pk]), {"custodian": membership(county, "member1").pk})
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.custodian is None


def test_a_paper_reopened_after_withdrawal_is_checked_by_the_leader(county):
    """The deputy no longer reaches the group's papers, so the leader checks in the deputy's stead — as
    in a group without a deputy — and the paper is not left without anyone who may check it."""
    from groups.workpapers import rules
    from groups.workpapers.models import Stage, WorkingPaper

    paper = signed(county)
    _withdraw(county.group1)
    services.working_paper_reopen(paper=paper, actor=county.leader1, reason="报告阶段补充事实")
    services.working_paper_submit(paper=paper, actor=county.leader1)
    assert not rules.may_check(county.deputy1, paper)
    services.working_paper_check(paper=paper, actor=county.leader1, opinion="已核")
    services.working_paper_sign(paper=paper, actor=county.leader1, opinion="同意")
    assert WorkingPaper.objects.with_stage().get(pk=paper.pk).stage == Stage.SIGNED
