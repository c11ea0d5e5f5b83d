"""After the group withdraws, its deputy leader is an ordinary withdrawn member: only the leader and the
liaison keep its material (policy.access_giving) — the referrals and major matters included, which are
kept by the leader, the deputy and the liaison while on site."""

import datetime

import pytest
from django.urls import reverse

from groups.onsite.models import MajorMatter, Referral

pytestmark = pytest.mark.django_db


def _withdraw(group):
    group.withdrawn_on = datetime.date(2026, 11, 25)
    group.save(update_fields=["withdrawn_on"])


def test_a_withdrawn_deputy_no_longer_reads_referrals_and_major_matters(client, onsite):
    c = onsite
    deputy = c.users["deputy1"]
    assert Referral.objects.visible_to(deputy).exists()  # on site, the deputy keeps them
    _withdraw(c.group1)
    assert not Referral.objects.visible_to(deputy).exists()
    assert not MajorMatter.objects.visible_to(deputy).exists()
    client.force_login(deputy)
    assert client.get(reverse("onsite:restricted", args=[c.group1.pk])).status_code == 404
    assert client.get(reverse("onsite:referral_detail", args=[c.onsite_referral.pk])).status_code == 404


@pytest.mark.parametrize("username", ["leader1", "liaison1"])
def test_the_leader_and_the_liaison_keep_them(client, onsite, username):
    c = onsite
    _withdraw(c.group1)
    user = c.users[username]
    assert Referral.objects.visible_to(user).filter(pk=c.onsite_referral.pk).exists()
    assert MajorMatter.objects.visible_to(user).filter(pk=c.onsite_major_matter.pk).exists()
    client.force_login(user)
    assert client.get(reverse("onsite:referral_detail", args=[c.onsite_referral.pk])).status_code == 200


def test_a_referral_returned_after_withdrawal_is_not_told_to_the_withdrawn_deputy(county):
    from groups.onsite import services
    from xunchar.approvals.services import approval_decide, approval_request
    from xunchar.notifications.models import Notification

    referral = services.referral_create(
        group=county.group1, actor=county.liaison1, kind=Referral.Kind.EIGHT_RULES, person="钱某（县管干部）",
        facts="公款吃喝", proposal="移交县纪委监委",
    )
    services.referral_propose(referral=referral, actor=county.liaison1)
    services.referral_submit(referral=referral, actor=county.office)
    _withdraw(county.group1)  # referrals go on through the office after the group leaves
    request = approval_request(referral, services.EIGHT_RULES_CHAIN)
    approval_decide(request=request, actor=county.deputy, passed=False, opinion="补充事实。")
    told = {n.recipient for n in Notification.objects.filter(title__contains="退回修改")}
    assert {county.leader1, county.liaison1} <= told
    assert county.deputy1 not in told
