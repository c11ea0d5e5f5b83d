"""Writes of the direct-delivery register (S13.2): propose → the leader fills the 呈报单 (or declines)
→ the named registrar registers and seals → the office delivers to the head; the head names readers;
every opening is recorded. One service per move, atomic, refusing an illegal move with a Chinese
message; repeating a move changes nothing."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, InspectionGroup
from xunchar.access import policy as access
from xunchar.accounts.roles import OFFICE_ROLES, Role
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record, client_address
from xunchar.core.rules import refuse as _refuse
from xunchar.notifications.services import notifications_create

from . import policy
from .models import DirectDelivery, DirectDeliveryOpening, DirectDeliveryReader, DirectDeliveryReport
from .sources import source_for

State = DirectDelivery.State
AUDIT = AuditEvent.Event.DIRECT_DELIVERY
AUDIT_OPENED = AuditEvent.Event.SEALED_OPENED


def _users_of(group: InspectionGroup, role: str):
    cadres = GroupMembership.objects.filter(group=group, role=role).values("cadre_id")
    return get_user_model().objects.filter(is_active=True, cadre_id__in=cadres)


def _users_with(roles):
    return get_user_model().objects.filter(is_active=True, role_grants__role__in=roles).distinct()


def _is_leader(user, group) -> bool:
    return access.group_role(user, group) == GroupMembership.RoundRole.LEADER


def delivery_of(record) -> DirectDelivery | None:
    from django.contrib.contenttypes.models import ContentType

    return DirectDelivery.objects.filter(source_type=ContentType.objects.get_for_model(record), source_id=record.pk).first()


def _locked(delivery: DirectDelivery) -> DirectDelivery:
    return DirectDelivery.objects.select_for_update().select_related("group__round", "round").get(pk=delivery.pk)


@transaction.atomic
def delivery_propose(*, record, actor, reason: str, automatic: bool = False) -> DirectDelivery:
    """Route an item to the group leader as a direct-delivery item. From now on the group no longer
    reads its content; the leader confirms (fills the 呈报单) or declines."""
    from django.contrib.contenttypes.models import ContentType

    source = source_for(record)
    if source is None:
        raise ValidationError(_("This kind of record cannot be a direct-delivery item."))
    group = source.group(record)
    _refuse(access.is_group_member(actor, group), _("Only the group's own people route its items to the group leader."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the item is a direct-delivery item (whom it concerns).")})
    InspectionGroup.objects.select_for_update().filter(pk=group.pk).first()
    delivery = (
        DirectDelivery.objects.select_for_update()
        .filter(source_type=ContentType.objects.get_for_model(record), source_id=record.pk).first()
    )
    if delivery is not None and delivery.state != State.DECLINED:
        return delivery
    if delivery is None:
        delivery = DirectDelivery(group=group, round_id=group.round_id, source=record, proposed_by=actor, automatic=automatic)
        delivery._change_reason = "径报巡察组组长"
        delivery.save()
        DirectDeliveryReport.objects.create(delivery=delivery, reason=reason)
    else:  # declined before, proposed again with a new reason
        delivery.state, delivery.proposed_by, delivery.proposed_at, delivery.automatic = State.PROPOSED, actor, timezone.now(), automatic
        delivery.declined_by = delivery.declined_at = None
        delivery._change_reason = "再次径报巡察组组长"
        delivery.save()
        DirectDeliveryReport.objects.filter(delivery=delivery).update(reason=reason, decline_reason="")
    audit_record(event=AUDIT, actor=actor, obj=delivery, detail=f"{source.label} {source.reference(record)} 径报组长")
    notifications_create(
        recipients=list(_users_of(group, GroupMembership.RoundRole.LEADER)),
        title=f"{group.full_name}有一件径送件待组长处理", body=f"{source.label} {source.reference(record)}",
        url=delivery.get_absolute_url(),
    )
    return delivery


@transaction.atomic
def delivery_decline(*, delivery: DirectDelivery, actor, reason: str) -> DirectDelivery:
    """The leader finds it is not a direct-delivery item: it goes back to the group's ordinary handling."""
    current = _locked(delivery)
    _refuse(_is_leader(actor, current.group), _("Only the group leader decides whether an item is a direct-delivery item."))
    if current.state == State.DECLINED:
        return current
    if current.state != State.PROPOSED:
        raise ValidationError(_("The report form is filled: the item can no longer be taken back into the group."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is not a direct-delivery item.")})
    current.state, current.declined_by, current.declined_at = State.DECLINED, actor, timezone.now()
    current._change_reason = "组长认定不属于径送件"
    current.save(update_fields=["state", "declined_by", "declined_at"])
    report = current.report
    report.decline_reason = reason
    report.save(update_fields=["decline_reason"])
    audit_record(event=AUDIT, actor=actor, obj=current, detail="不属于径送件，退回组内处理")
    return current


@transaction.atomic
def delivery_report(*, delivery: DirectDelivery, actor, person: str, points: str, opinion: str, registrar) -> DirectDelivery:
    """The leader fills the 巡察径送件呈报单 and names who registers it. Until it is registered the leader
    may correct it."""
    current = _locked(delivery)
    _refuse(_is_leader(actor, current.group), _("Only the group leader fills the direct-delivery report form."))
    if current.state not in (State.PROPOSED, State.REPORTED):
        raise ValidationError(_("The item is “%(state)s”: its report form can no longer be changed.") % {"state": current.get_state_display()})
    errors = {}
    if not (person or "").strip():
        errors["person"] = _("Name the person concerned and their post.")
    if not (points or "").strip():
        errors["points"] = _("Summarise the main points.")
    if registrar is None:
        errors["registrar"] = _("Name who registers the item.")
    elif registrar.pk == actor.pk:
        errors["registrar"] = _("The leader names someone else to register the item.")
    elif not (registrar.is_active and access.is_group_member(registrar, current.group)):
        errors["registrar"] = _("The registrar is one of the group's people with an account.")
    if errors:
        raise ValidationError(errors)
    report = current.report
    report.person, report.points, report.leader_opinion = person.strip(), points.strip(), (opinion or "").strip()
    report._change_reason = "填写巡察径送件呈报单"
    report.save(update_fields=["person", "points", "leader_opinion"])
    changed_registrar = current.registrar_id != registrar.pk
    current.state, current.reported_by, current.reported_at, current.registrar = State.REPORTED, actor, timezone.now(), registrar
    current._change_reason = "组长填写呈报单并指定登记人"
    current.save(update_fields=["state", "reported_by", "reported_at", "registrar"])
    audit_record(event=AUDIT, actor=actor, obj=current, detail=f"填写呈报单，指定{registrar}登记")
    if changed_registrar:
        notifications_create(recipients=[registrar], title=f"请登记并密封{current.group.full_name}的径送件",
                             url=current.get_absolute_url())
    return current


def _next_number(group: InspectionGroup) -> int:
    InspectionGroup.objects.select_for_update().filter(pk=group.pk).first()
    last = DirectDelivery.objects.filter(group=group).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


@transaction.atomic
def delivery_register(*, delivery: DirectDelivery, actor) -> DirectDelivery:
    """The named registrar registers the item and seals it: from now on only the head and the head's
    nominees open it."""
    current = _locked(delivery)
    _refuse(current.registrar_id == actor.pk and actor.is_active and access.is_group_member(actor, current.group),
            _("Only the person the group leader named registers this item."))
    if current.state in (State.SEALED, State.DELIVERED):
        return current
    if current.state != State.REPORTED:
        raise ValidationError(_("The group leader has not filled the report form yet."))
    current.number = _next_number(current.group)
    current.state, current.registered_at = State.SEALED, timezone.now()
    current._change_reason = "登记并密封"
    current.save(update_fields=["number", "state", "registered_at"])
    audit_record(event=AUDIT, actor=actor, obj=current, detail="登记并密封")
    notifications_create(
        recipients=list(_users_with(OFFICE_ROLES)), title=f"{current.group.full_name}径送件{current.reference}已密封，请报送领导小组",
        url=current.get_absolute_url(),
    )
    return current


@transaction.atomic
def delivery_deliver(*, delivery: DirectDelivery, actor) -> DirectDelivery:
    """The office carries the sealed envelope to the leading group's head and records it."""
    current = _locked(delivery)
    _refuse(bool(actor.roles & OFFICE_ROLES), _("The office delivers sealed items to the leading group."))
    if current.state == State.DELIVERED:
        return current
    if current.state != State.SEALED:
        raise ValidationError(_("Only a registered and sealed item is delivered."))
    current.state, current.delivered_by, current.delivered_at = State.DELIVERED, actor, timezone.now()
    current._change_reason = "通过巡察办报送领导小组"
    current.save(update_fields=["state", "delivered_by", "delivered_at"])
    audit_record(event=AUDIT, actor=actor, obj=current, detail="报送领导小组")
    notifications_create(recipients=list(_users_with([Role.SECRETARY])), title=f"径送件{current.reference}已报送",
                         url=current.get_absolute_url())
    return current


@transaction.atomic
def delivery_name_reader(*, delivery: DirectDelivery, actor, reader) -> DirectDeliveryReader:
    current = _locked(delivery)
    _refuse(policy.is_head(actor), _("Only the head of the leading group names who may open a sealed item."))
    if not policy.may_be_named(reader):
        raise ValidationError({"reader": _("Name a member of the leading group or the office director.")})
    if not current.sealed:
        raise ValidationError(_("Readers are named once the item is registered and sealed."))
    named, created = DirectDeliveryReader.objects.get_or_create(delivery=current, user=reader, defaults={"named_by": actor})
    if created:
        audit_record(event=AuditEvent.Event.GRANT, actor=actor, obj=current, detail=f"指定{reader}阅看")
        notifications_create(recipients=[reader], title=f"领导小组组长指定您阅看径送件{current.reference}", url=current.get_absolute_url())
    return named


@transaction.atomic
def delivery_remove_reader(*, delivery: DirectDelivery, actor, reader) -> None:
    current = _locked(delivery)
    _refuse(policy.is_head(actor), _("Only the head of the leading group names who may open a sealed item."))
    deleted, _rows = DirectDeliveryReader.objects.filter(delivery=current, user=reader).delete()
    if deleted:
        audit_record(event=AuditEvent.Event.REVOKE, actor=actor, obj=current, detail=f"取消{reader}阅看")


def delivery_open(*, delivery: DirectDelivery, actor, request=None) -> DirectDeliveryOpening:
    """Open the sealed content: allowed only to its readers, and every opening is recorded."""
    _refuse(policy.may_open(actor, delivery), _("Only the head of the leading group and the people the head names open a sealed item."))
    ip = client_address(request)
    opening = DirectDeliveryOpening.objects.create(delivery=delivery, user=actor, ip=ip)
    audit_record(event=AUDIT_OPENED, actor=actor, request=request, obj=delivery, detail="开启径送件")
    return opening

