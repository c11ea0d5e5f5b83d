"""What blocks the withdrawal (S28's gate asks `withdrawal_open_items`), and the daily reminders about
items still out."""

import datetime

import pytest

from groups.docrequests import services
from groups.docrequests.models import DocumentItem, DocumentReminder
from groups.docrequests.selectors import withdrawal_open_items
from groups.docrequests.tasks import remind_documents_out
from xunchar.approvals.services import approval_decide, approval_submit
from xunchar.notifications.models import Notification

from .records import ACCOUNTS, CADRE_FILES, CLASSIFIED, MINUTES, sign_out

pytestmark = pytest.mark.django_db


def member_name(county, username):
    return county.users[username].cadre.name


def test_each_open_item_is_named_with_its_unit_and_custodian(documents):
    c = documents
    sign_out(c, c.doc_classified, actor="liaison1", custodian="liaison1", cabinet="驻地保密柜1号")
    request = approval_submit(chain=services.IMPORTANT_CHAIN, subject=c.doc_important, actor=c.liaison1)
    approval_decide(request=request, actor=c.leader1, passed=True, opinion="同意")
    assert withdrawal_open_items(c.group1) == [
        f"调阅资料“{MINUTES}”（示例县财政局，原件）尚未清退，保管人：{member_name(c, 'member1')}",
        f"涉密资料“{CLASSIFIED}”（示例县财政局，秘密，文号示财〔2024〕7号，1份）尚未清退，保管人：{member_name(c, 'liaison1')}，存放：驻地保密柜1号",
        f"调阅资料“{ACCOUNTS}”（示例县财政局）尚未提供，也未登记为单位不提供",
        f"调阅资料“{CADRE_FILES}”（示例县财政局）已经组长批准，尚未提供，也未登记为单位不提供",
    ]
    assert withdrawal_open_items(c.group2) == []


def test_nothing_blocks_once_everything_is_returned_or_not_provided(documents):
    c = documents
    for document in (c.doc_out, sign_out(c, c.doc_classified, custodian="liaison1", cabinet="保密柜")):
        services.item_return(item=document, actor=c.member1, returned_on=datetime.date(2026, 11, 10), received_back_by="王主任")
    for document in (c.doc_requested, c.doc_important):
        services.item_mark_not_provided(item=document, actor=c.liaison1, reason="单位称无此资料")
    assert withdrawal_open_items(c.group1) == []


# --- Reminders -----------------------------------------------------------------------------------------------


def reminders_to(user):
    return Notification.objects.filter(recipient=user, title__startswith="调阅资料待清退")


def test_an_item_past_its_due_date_is_reminded_once_a_day_to_its_custodian_and_the_liaison(documents):
    c = documents
    sign_out(c, c.doc_requested, custodian="deputy1", due_back_on=datetime.date(2026, 11, 20))
    assert remind_documents_out(as_of="2026-11-20") == 0  # due today: not yet late
    assert remind_documents_out(as_of="2026-11-23") == 1
    assert remind_documents_out(as_of="2026-11-23") == 0  # the same day again: nothing more
    assert reminders_to(c.deputy1).count() == reminders_to(c.liaison1).count() == 1
    assert not reminders_to(c.member1).exists() and not reminders_to(c.leader1).exists()
    note = reminders_to(c.deputy1).get()
    assert ACCOUNTS in note.title and "2026年11月20日" in note.body and note.url == c.doc_requested.get_absolute_url()
    assert remind_documents_out(as_of="2026-11-24") == 1  # the next day: again
    assert DocumentReminder.objects.filter(item=c.doc_requested).count() == 2


def test_items_out_are_reminded_when_the_planned_withdrawal_is_three_working_days_away(documents):
    c = documents
    c.round.planned_withdrawal_date = datetime.date(2026, 11, 27)  # a Friday
    c.round.save()
    assert remind_documents_out(as_of="2026-11-20") == 0  # five working days before
    assert remind_documents_out(as_of="2026-11-24") == 1  # three: doc_out (no due date) is chased
    assert reminders_to(c.member1).filter(body__contains="2026年11月27日").exists()
    c.group1.withdrawn_on = datetime.date(2026, 11, 25)
    c.group1.save()
    assert remind_documents_out(as_of="2026-11-26") == 0  # withdrawn: the gate's business, not a reminder's


def test_returned_items_are_not_reminded(documents):
    c = documents
    services.item_return(item=c.doc_out, actor=c.member1, returned_on=datetime.date(2026, 10, 20), received_back_by="王主任")
    c.round.planned_withdrawal_date = datetime.date(2026, 11, 27)
    c.round.save()
    assert remind_documents_out(as_of="2026-11-26") == 0
    assert DocumentItem.objects.still_out().count() == 0
