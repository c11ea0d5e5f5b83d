"""S16: requested → (approved by the leader, if important) → signed out to a named custodian →
returned; or not provided. Each move refused when illegal, and repeated without effect."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groups.docrequests import services
from groups.docrequests.models import DocumentItem
from groups.docrequests.services import ItemData
from xunchar.approvals.models import ApprovalRequest
from xunchar.approvals.services import approval_decide, approval_request, approval_state, approval_submit
from xunchar.files.models import Attachment
from xunchar.files.services import UploadRefused, attachment_upload

from ..files.samples import make_pdf, upload
from .records import ASKED, item, seat, sign_out

pytestmark = pytest.mark.django_db
State = DocumentItem.State


def give_back(county, document, *, actor="member1", on=datetime.date(2026, 11, 10)):
    return services.item_return(item=document, actor=county.users[actor], returned_on=on, received_back_by="财政局办公室王主任")


def test_an_item_is_numbered_in_its_units_list_with_the_last_three_years_by_default(documents):
    c = documents
    assert [i.number for i in DocumentItem.objects.filter(inspection=c.inspection1).order_by("number")] == [1, 2, 3, 4]
    other_unit = item(c, "2024年度工作总结", inspection=c.inspection2, actor="liaison2")
    assert other_unit.number == 1
    from groups.docrequests.forms import ItemForm

    form = ItemForm()
    today = timezone.localdate()
    assert form.fields["period_from"].initial == datetime.date(today.year - 3, 1, 1)
    assert form.fields["period_to"].initial == today


def test_only_the_leader_deputy_and_liaison_keep_the_list(documents):
    c = documents
    for username in ("leader1", "deputy1", "liaison1"):
        item(c, f"{username}提出的资料", actor=username)
    for username in ("member1", "office", "secretary", "member2", "liaison2"):
        with pytest.raises(PermissionDenied):
            item(c, "不应列入", actor=username)
    assert not DocumentItem.objects.filter(title="不应列入").exists()


def test_bad_input_is_refused_with_every_field_named_and_nothing_saved(documents):
    c = documents
    with pytest.raises(ValidationError) as refused:
        services.item_create(inspection=c.inspection1, actor=c.liaison1, data=ItemData(
            title=" ", category="nonsense", period_from=datetime.date(2025, 1, 1), period_to=datetime.date(2024, 1, 1), copies=0,
        ))
    assert set(refused.value.message_dict) == {"title", "category", "period_to", "copies"}
    assert DocumentItem.objects.filter(inspection=c.inspection1).count() == 4


def test_a_plain_item_goes_out_to_its_custodian_and_comes_back(documents):
    c = documents
    out = sign_out(c, c.doc_requested, actor="member1", custodian="deputy1", due_back_on=datetime.date(2026, 11, 30))
    assert (out.state, out.received_by, out.custodian) == (State.SIGNED_OUT, seat(c, "member1"), seat(c, "deputy1"))
    assert out.handed_over_by == "财政局办公室王主任"
    again = sign_out(c, out, actor="liaison1", custodian="leader1")  # repeated: nothing changes
    assert (again.received_by, again.custodian) == (seat(c, "member1"), seat(c, "deputy1"))
    back = give_back(c, out, actor="deputy1")
    assert (back.state, back.returned_by, back.received_back_by) == (State.RETURNED, seat(c, "deputy1"), "财政局办公室王主任")
    assert give_back(c, back, actor="member1").returned_by == seat(c, "deputy1")
    assert back.history.count() == 3  # requested, signed out, returned


@pytest.mark.parametrize("move", ["return_requested", "sign_out_returned", "not_provided_after_sign_out", "sign_out_not_provided"])
def test_illegal_moves_are_refused(documents, move):
    c = documents
    if move == "return_requested":
        document, call = c.doc_requested, lambda d: give_back(c, d)
    elif move == "sign_out_returned":
        document, call = give_back(c, c.doc_out), lambda d: sign_out(c, d)
    elif move == "not_provided_after_sign_out":
        document, call = c.doc_out, lambda d: services.item_mark_not_provided(item=d, actor=c.liaison1, reason="没有")
    else:
        document = services.item_mark_not_provided(item=c.doc_requested, actor=c.liaison1, reason="单位称无此资料")
        call = lambda d: sign_out(c, d)  # noqa: E731
    before = DocumentItem.objects.get(pk=document.pk).state
    with pytest.raises(ValidationError):
        call(document)
    assert DocumentItem.objects.get(pk=document.pk).state == before


def test_the_unit_may_say_a_document_does_not_exist(documents):
    c = documents
    with pytest.raises(ValidationError) as refused:
        services.item_mark_not_provided(item=c.doc_requested, actor=c.liaison1, reason="  ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.item_mark_not_provided(item=c.doc_requested, actor=c.member1, reason="无此资料")
    done = services.item_mark_not_provided(item=c.doc_requested, actor=c.liaison1, reason="单位称2025年账目尚未装订，无此资料")
    assert (done.state, done.not_provided_on) == (State.NOT_PROVIDED, timezone.localdate())
    assert services.item_mark_not_provided(item=done, actor=c.liaison1, reason="别的").not_provided_reason.startswith("单位称")


def test_any_member_receives_but_no_one_outside_the_group(documents):
    c = documents
    for username in ("office", "secretary", "member2", "liaison2", "unit1"):
        with pytest.raises(PermissionDenied):
            sign_out(c, c.doc_requested, actor=username)
    with pytest.raises(ValidationError) as refused:
        services.item_sign_out(
            item=c.doc_requested, actor=c.member1, signed_out_on=ASKED, handed_over_by="王主任", custodian=seat(c, "member2", c.group2))
    assert "custodian" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        give_back(c, c.doc_out, actor="office")
    assert DocumentItem.objects.get(pk=c.doc_requested.pk).state == State.REQUESTED


def test_dates_are_neither_in_the_future_nor_out_of_order_nor_after_the_withdrawal(documents):
    c = documents
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="future|将来|未来|晚于今天"):
        sign_out(c, c.doc_requested, on=tomorrow)
    with pytest.raises(ValidationError):
        sign_out(c, c.doc_requested, on=ASKED - datetime.timedelta(days=1))  # before it was asked for
    with pytest.raises(ValidationError):
        give_back(c, c.doc_out, on=datetime.date(2026, 10, 15))  # before it was signed out
    withdrawn = item(c, "2024年度工作总结", inspection=c.inspection2, actor="liaison2")  # asked before the withdrawal
    with pytest.raises(ValidationError):
        sign_out(c, withdrawn, actor="liaison2", custodian="liaison2", on=datetime.date(2026, 11, 23))  # group 2 left on 11-20
    assert sign_out(c, withdrawn, actor="liaison2", custodian="liaison2", on=datetime.date(2026, 11, 19)).state == State.SIGNED_OUT


# --- The important item: the leader's approval first ---------------------------------------------------------


def test_an_important_item_is_signed_out_only_after_the_leaders_approval(documents):
    c = documents
    important = c.doc_important
    with pytest.raises(ValidationError, match="approved|批准"):
        sign_out(c, important)
    with pytest.raises(PermissionDenied):
        approval_submit(chain=services.IMPORTANT_CHAIN, subject=important, actor=c.member1)  # members do not submit
    with pytest.raises(PermissionDenied):
        approval_submit(chain=services.IMPORTANT_CHAIN, subject=c.doc_requested, actor=c.liaison1)  # not important
    request = approval_submit(chain=services.IMPORTANT_CHAIN, subject=important, actor=c.liaison1)
    with pytest.raises(ValidationError):  # under review: no longer changed
        services.item_update(item=important, actor=c.liaison1, data=ItemData(
            title="改了", category="personnel", period_from=ASKED, period_to=ASKED, important=False))
    with pytest.raises(ValidationError):
        sign_out(c, important)
    for username in ("deputy1", "liaison1", "secretary", "leader2"):
        with pytest.raises(PermissionDenied):
            approval_decide(request=request, actor=c.users[username], passed=True, opinion="同意")
    approval_decide(request=request, actor=c.leader1, passed=True, opinion="同意调阅，专人保管。")
    important.refresh_from_db()
    assert important.state == State.APPROVED and important.approved_at is not None
    assert approval_state(important, services.IMPORTANT_CHAIN) == ApprovalRequest.State.APPROVED
    out = sign_out(c, important)
    assert out.state == State.SIGNED_OUT


def test_a_returned_approval_leaves_the_item_requested_and_changeable(documents):
    c = documents
    request = approval_submit(chain=services.IMPORTANT_CHAIN, subject=c.doc_important, actor=c.liaison1)
    approval_decide(request=request, actor=c.leader1, passed=False, opinion="范围过宽，限定为2024年以来。")
    c.doc_important.refresh_from_db()
    assert c.doc_important.state == State.REQUESTED
    with pytest.raises(ValidationError):
        sign_out(c, c.doc_important)
    changed = services.item_update(item=c.doc_important, actor=c.liaison1, data=ItemData(
        title="2024年以来干部选拔任用工作纪实材料", category="personnel", period_from=datetime.date(2024, 1, 1), period_to=ASKED,
        important=True, requested_on=ASKED))
    assert changed.period_from == datetime.date(2024, 1, 1)
    assert approval_request(changed, services.IMPORTANT_CHAIN).state == ApprovalRequest.State.RETURNED
    with pytest.raises(ValidationError) as refused:  # un-marking it would get round the leader's return
        services.item_update(item=changed, actor=c.liaison1, data=ItemData(
            title=changed.title, category="personnel", period_from=changed.period_from, period_to=ASKED, important=False, requested_on=ASKED))
    assert "important" in refused.value.message_dict
    assert DocumentItem.objects.get(pk=changed.pk).important


# --- Classified items: registration data only, locked away, never uploaded -----------------------------------


def test_a_classified_item_is_registered_by_its_number_and_locked_away(documents):
    c = documents
    with pytest.raises(ValidationError) as refused:
        item(c, "涉密文件", classification=DocumentItem.Classification.CONFIDENTIAL)
    assert "document_number" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        sign_out(c, c.doc_classified)
    assert "cabinet" in refused.value.message_dict
    out = sign_out(c, c.doc_classified, actor="liaison1", custodian="liaison1", cabinet="驻地保密柜1号")
    assert (out.state, out.cabinet, out.level_display) == (State.SIGNED_OUT, "驻地保密柜1号", "秘密")
    with transaction.atomic(), pytest.raises(IntegrityError):  # the database holds the rule too
        DocumentItem.objects.filter(pk=out.pk).update(cabinet="")


def test_nothing_is_ever_uploaded_to_a_classified_item(documents):
    c = documents
    for actor in (c.liaison1, c.leader1, c.office):
        with pytest.raises(UploadRefused):
            attachment_upload(owner=c.doc_classified, file=upload("请示.pdf", make_pdf()), actor=actor)
    assert not Attachment.objects.filter(owner_id=c.doc_classified.pk).exists()
    scan = attachment_upload(owner=c.doc_requested, file=upload("账目扫描.pdf", make_pdf()), actor=c.member1)
    assert scan.pk
    with pytest.raises(ValidationError) as refused:  # an item with files attached never becomes classified
        services.item_update(item=c.doc_requested, actor=c.liaison1, data=ItemData(
            title=c.doc_requested.title, category="accounts", period_from=ASKED, period_to=ASKED,
            classification="secret", document_number="示财〔2025〕1号", requested_on=ASKED))
    assert "classification" in refused.value.message_dict
    assert DocumentItem.objects.get(pk=c.doc_requested.pk).classification == "none"


def test_after_the_withdrawal_the_custodian_is_one_who_still_holds_the_groups_material(documents):
    c = documents
    late = item(c, "2024年度工作总结", inspection=c.inspection2, actor="liaison2")  # group 2 left on 11-20
    with pytest.raises(ValidationError) as refused:
        sign_out(c, late, actor="liaison2", custodian="member2", on=datetime.date(2026, 11, 19))
    assert "custodian" in refused.value.message_dict
    assert sign_out(c, late, actor="liaison2", custodian="liaison2", on=datetime.date(2026, 11, 19)).custodian.cadre == c.liaison2.cadre
