"""Staffing a round by the rules (S01, S02.3): groups, their units and people, secondments, the
rotation rule (三个不固定) and recusal (回避).

Every change goes through a service here; each one checks that the round is still being prepared,
that the actor is the office, and the rules, and refuses with a Chinese message that says why.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.access import policy
from xunchar.accounts.roles import ADMIN_ROLES
from xunchar.registry.models import Cadre, CadrePost, CadreRelative, Unit

from .models import RecusalConflict, RecusalDeclaration, RotationJustification, Round, Secondment

Role = GroupMembership.RoundRole

# Leader, deputy and the units are what the task allocation plan proposes: frozen while it is in
# review or approved. Liaisons and members can still be arranged (secondments come later).
PLAN_ROLES = frozenset({Role.LEADER, Role.DEPUTY})


def _require_office(actor) -> None:
    if not policy.can_manage_rounds(actor):
        raise PermissionDenied(_("Only the inspection office arranges the staffing of a round."))


def _require_preparation(round_: Round) -> None:
    """Staffing is open while the round is prepared, and for a group that has not entered yet while
    others are already on site."""
    if round_.phase not in (Round.Phase.PREPARATION, Round.Phase.ON_SITE):
        raise ValidationError(_("%(round)s is no longer in preparation; its staffing can no longer be changed.") % {"round": round_})


def _require_group_not_entered(group: InspectionGroup) -> None:
    if group.entered_on is not None:
        raise ValidationError(_("%(group)s has entered its units; its staffing can no longer be changed.") % {"group": group})


def task_plan_locked(round_: Round) -> bool:
    """Whether the task allocation plan is in review or approved (its leaders and units frozen).
    The plan's row is locked first, as `approval_submit` locks it, so that a change of leader cannot
    slip in beside a submission and be missing from the frozen plan."""
    from .models import TaskAllocationPlan

    plan = TaskAllocationPlan.objects.select_for_update().filter(round=round_).first()
    if plan is None:
        return False
    from xunchar.approvals.services import approval_is_locked

    return approval_is_locked(plan)


def _require_plan_open(round_: Round) -> None:
    if task_plan_locked(round_):
        raise ValidationError(
            _("The task allocation plan is in review or approved: its leaders, deputies and units are frozen. "
              "While it is in review, ask the reviewer to return it; once approved, the office reopens it on its page "
              "(it then goes through review and approval again).")
        )


# --- groups and units -------------------------------------------------------------------------


@transaction.atomic
def round_create(*, actor, year: int, number: int, **dates_and_focus) -> Round:
    """A new round in preparation, with its task allocation plan and work plan to draft."""
    from .models import RoundWorkPlan, TaskAllocationPlan

    _require_office(actor)
    if Round.objects.filter(year=year, number=number).exists():
        raise ValidationError(_("%(year)s already has a round %(number)s.") % {"year": year, "number": number})
    round_ = Round(year=year, number=number, phase=Round.Phase.PREPARATION, **dates_and_focus)
    round_._change_reason = "新建巡察轮次"
    round_.save()
    TaskAllocationPlan.objects.create(round=round_)
    RoundWorkPlan.objects.create(round=round_)
    return round_


@transaction.atomic
def group_create(*, round: Round, actor) -> InspectionGroup:
    _require_office(actor)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _require_preparation(round_)
    _require_plan_open(round_)
    number = (round_.groups.aggregate(top=Max("number"))["top"] or 0) + 1
    group = InspectionGroup(round=round_, number=number)
    group._change_reason = "组建巡察组"
    group.save()
    from .models import AuthorizationDecision

    AuthorizationDecision.objects.create(group=group)
    return group


@transaction.atomic
def inspection_add(*, group: InspectionGroup, unit: Unit, actor, justification: str = "") -> Inspection:
    """Give a group a unit to inspect. Refused when another group of the round has it, or when the
    group's leader led a group for it in an earlier round and no justification is given."""
    _require_office(actor)
    group = InspectionGroup.objects.select_for_update().select_related("round").get(pk=group.pk)
    _require_preparation(group.round)
    _require_group_not_entered(group)
    _require_plan_open(group.round)
    existing = Inspection.objects.filter(round=group.round, unit=unit).select_related("group").first()
    if existing is not None:
        if existing.group_id == group.pk:
            return existing
        raise ValidationError(
            _("%(unit)s is already inspected by %(group)s in this round.") % {"unit": unit, "group": existing.group}
        )
    leader = group.memberships.filter(role=Role.LEADER).select_related("cadre").first()
    if leader is not None:
        _check_rotation(round_=group.round, cadre=leader.cadre, units=[unit], justification=justification, actor=actor)
    inspection = Inspection(round=group.round, group=group, unit=unit)
    inspection._change_reason = "确定巡察对象"
    inspection.save()
    recusal_scan(group=group)
    return inspection


@transaction.atomic
def inspection_remove(*, inspection: Inspection, actor) -> None:
    _require_office(actor)
    inspection = Inspection.objects.select_related("group__round").get(pk=inspection.pk)
    group = InspectionGroup.objects.select_for_update().get(pk=inspection.group_id)
    _require_preparation(inspection.round)
    _require_group_not_entered(group)
    _require_plan_open(inspection.round)
    _refuse_if_held(inspection, _("%(unit)s cannot be taken from the group: %(records)s already refer to it."), unit=inspection.unit)
    inspection.delete()
    recusal_scan(group=group)


# --- people -------------------------------------------------------------------------------------


def _check_person(*, group: InspectionGroup, cadre: Cadre) -> None:
    from django.contrib.auth import get_user_model

    if cadre.is_retired:
        raise ValidationError(_("%(name)s is retired and cannot be staffed.") % {"name": cadre})
    if get_user_model().objects.filter(cadre=cadre, role_grants__role__in=ADMIN_ROLES).exists():
        # 三员分立: a system, security or audit administrator holds no business role.
        raise ValidationError(
            _("%(name)s is a system, security or audit administrator and cannot work in an inspection group.") % {"name": cadre}
        )
    other = (
        GroupMembership.objects.filter(group__round=group.round, cadre=cadre)
        .exclude(group=group)
        .select_related("group")
        .first()
    )
    if other is not None:
        raise ValidationError(
            _("%(name)s already works in %(group)s in this round.") % {"name": cadre, "group": other.group}
        )


@transaction.atomic
def membership_add(*, group: InspectionGroup, cadre: Cadre, role: str, actor, justification: str = "") -> GroupMembership:
    """Put a person into a group in a round role. A leader is checked against the rotation rule
    for every unit of the group; everyone is checked for recusal once they are in."""
    _require_office(actor)
    group = InspectionGroup.objects.select_for_update().select_related("round").get(pk=group.pk)
    _require_preparation(group.round)
    _require_group_not_entered(group)
    if role not in Role.values:
        raise ValidationError(_("Unknown role in the group."))
    if role in PLAN_ROLES:
        _require_plan_open(group.round)
    current = group.memberships.filter(cadre=cadre).first()
    if current is not None and current.role == role:
        return current
    if current is not None:
        raise ValidationError(
            _("%(name)s is already %(role)s of this group; remove them first to change the role.")
            % {"name": cadre, "role": current.get_role_display()}
        )
    _check_person(group=group, cadre=cadre)
    if role == Role.LEADER:
        if group.memberships.filter(role=Role.LEADER).exists():
            raise ValidationError(_("%(group)s already has a leader; remove them first.") % {"group": group})
        units = [inspection.unit for inspection in group.inspections.select_related("unit")]
        _check_rotation(round_=group.round, cadre=cadre, units=units, justification=justification, actor=actor)
    membership = GroupMembership(group=group, cadre=cadre, role=role)
    membership._change_reason = "人员编组"
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        raise ValidationError(_("This person could not be added; the group has changed meanwhile. Please reload.")) from error
    recusal_scan(group=group)
    return membership


@transaction.atomic
def membership_remove(*, membership: GroupMembership, actor, reason: str = "") -> None:
    """Take a person out of a group. Their open recusal conflicts in the group are thereby resolved
    as "replaced"."""
    _require_office(actor)
    membership = GroupMembership.objects.select_related("group__round", "cadre").get(pk=membership.pk)
    group = InspectionGroup.objects.select_for_update().select_related("round").get(pk=membership.group_id)
    _require_preparation(group.round)
    _require_group_not_entered(group)
    if membership.role in PLAN_ROLES:
        _require_plan_open(group.round)
    _refuse_if_held(
        membership, _("%(name)s cannot be taken out of the group: %(records)s already name them."), name=membership.cadre,
    )
    now = timezone.now()
    for conflict in RecusalConflict.objects.filter(group=group, cadre=membership.cadre, state=RecusalConflict.State.OPEN):
        conflict.state = RecusalConflict.State.REPLACED
        conflict.resolution = reason or _("Taken out of the group.")
        conflict.resolved_by = actor
        conflict.resolved_at = now
        conflict.save(update_fields=["state", "resolution", "resolved_by", "resolved_at"])
    membership._change_reason = reason or "调整出组"
    membership.delete()


def _refuse_if_held(record, message: str, **names) -> None:
    """Refuse to delete a person's seat or a unit that the group's records already refer to —
    minutes they attended or took, the branch, the mobilization meeting, notices, notes — so that
    filed records are never rewritten by a later change of staffing. The message names them."""
    from django.db.models.deletion import Collector, ProtectedError

    def owner_name(model):
        if model._meta.auto_created:  # a many-to-many row: name the record it belongs to
            model = next(f.related_model for f in model._meta.get_fields() if f.many_to_one and f.related_model is not type(record))
        return str(model._meta.verbose_name)

    collector = Collector(using="default")
    try:
        collector.collect([record])
    except ProtectedError as error:
        held = {str(obj._meta.verbose_name) for obj in error.protected_objects}
    else:
        held = {owner_name(model) for model, instances in collector.data.items() if model is not type(record) and instances}
        held |= {owner_name(queryset.model) for queryset in collector.fast_deletes if queryset.exists()}
    if held:
        raise ValidationError(message % {**names, "records": "、".join(sorted(held))})


def liaison_candidates():
    """Liaisons come in principle from the office's own staff (S05.3)."""
    return Cadre.objects.filter(unit__function=Unit.Function.INSPECTION_OFFICE, is_retired=False).select_related("unit")


# --- the rotation rule (三个不固定) -------------------------------------------------------------


def _earlier(round_: Round):
    from django.db.models import Q

    return Q(round__year__lt=round_.year) | Q(round__year=round_.year, round__number__lt=round_.number)


def rotation_history(*, cadre: Cadre, before: Round):
    """The inspections of earlier rounds whose group this person led: units, rounds, groups."""
    led_groups = GroupMembership.objects.filter(cadre=cadre, role=Role.LEADER).values("group_id")
    return (
        Inspection.objects.filter(_earlier(before), group_id__in=led_groups)
        .select_related("round", "group", "unit")
        .order_by("-round__year", "-round__number", "unit__name")
    )


def rotation_repeats(*, round_: Round, cadre: Cadre, units) -> list[Unit]:
    unit_ids = {unit.pk for unit in units}
    if not unit_ids:
        return []
    repeated = {inspection.unit_id: inspection.unit for inspection in rotation_history(cadre=cadre, before=round_) if inspection.unit_id in unit_ids}
    justified = set(
        RotationJustification.objects.filter(round=round_, cadre=cadre, unit_id__in=repeated).values_list("unit_id", flat=True)
    )
    return [unit for unit_id, unit in sorted(repeated.items()) if unit_id not in justified]


def _check_rotation(*, round_: Round, cadre: Cadre, units, justification: str, actor) -> None:
    repeats = rotation_repeats(round_=round_, cadre=cadre, units=units)
    if not repeats:
        return
    justification = (justification or "").strip()
    if not justification:
        names = "、".join(str(unit) for unit in repeats)
        raise ValidationError(
            _("三个不固定: %(name)s already led a group for %(units)s in an earlier round. "
              "Choose another leader or unit, or record a justification.") % {"name": cadre, "units": names},
            code="rotation",
        )
    for unit in repeats:
        RotationJustification.objects.create(round=round_, cadre=cadre, unit=unit, reason=justification, recorded_by=actor)


# --- recusal (回避) -----------------------------------------------------------------------------


def _conflicts_found(group: InspectionGroup) -> dict[tuple[int, str], dict]:
    """Every conflict the registers show for the group as it is now, keyed (cadre id, basis)."""
    units = {inspection.unit_id: inspection.unit for inspection in group.inspections.select_related("unit")}
    cadre_ids = list(group.memberships.values_list("cadre_id", flat=True))
    found: dict[tuple[int, str], dict] = {}
    if not units or not cadre_ids:
        return found
    for cadre in Cadre.objects.filter(pk__in=cadre_ids, unit_id__in=units).select_related("unit"):
        found[(cadre.pk, f"unit:{cadre.unit_id}")] = {
            "unit": cadre.unit, "source": RecusalConflict.Source.WORKS_THERE,
            "detail": _("Works in %(unit)s as %(post)s.") % {"unit": cadre.unit, "post": cadre.post or "—"},
        }
    for post in CadrePost.objects.filter(cadre_id__in=cadre_ids, unit_id__in=units).select_related("unit", "cadre"):
        if post.end_date is None:
            key = (post.cadre_id, f"unit:{post.unit_id}")
            found.setdefault(key, {
                "unit": post.unit, "source": RecusalConflict.Source.WORKS_THERE,
                "detail": _("Works in %(unit)s as %(post)s.") % {"unit": post.unit, "post": post.title},
            })
            continue
        found[(post.cadre_id, f"post:{post.pk}")] = {
            "unit": post.unit, "source": RecusalConflict.Source.WORKED_THERE,
            "detail": _("Worked in %(unit)s as %(post)s from %(start)s to %(end)s.") % {
                "unit": post.unit, "post": post.title, "start": post.start_date.strftime("%Y.%m"), "end": post.end_date.strftime("%Y.%m"),
            },
        }
    for relative in CadreRelative.objects.filter(cadre_id__in=cadre_ids, workplace_unit_id__in=units).select_related("workplace_unit"):
        found[(relative.cadre_id, f"relative:{relative.pk}")] = {
            "unit": relative.workplace_unit, "source": RecusalConflict.Source.RELATIVE,
            "detail": _("%(relation)s %(name)s works in %(unit)s (%(workplace)s).") % {
                "relation": relative.get_relation_display(), "name": relative.name,
                "unit": relative.workplace_unit, "workplace": relative.workplace or "—",
            },
        }
    return found


@transaction.atomic
def recusal_scan(*, group: InspectionGroup) -> list[RecusalConflict]:
    """Record the conflicts the registers show for the group (each once); open conflicts that no
    longer apply — the person or the unit left the group — are closed as replaced. Returns the new
    ones. Declared conflicts stay until the office resolves them."""
    found = _conflicts_found(group)
    existing = {
        (conflict.cadre_id, conflict.basis_key): conflict
        for conflict in RecusalConflict.objects.filter(group=group).exclude(source=RecusalConflict.Source.DECLARED)
    }
    created = []
    for (cadre_id, basis), facts in found.items():
        if (cadre_id, basis) in existing:
            continue
        created.append(RecusalConflict.objects.create(
            round_id=group.round_id, group=group, cadre_id=cadre_id, basis_key=basis, **facts,
        ))
    now = timezone.now()
    for key, conflict in existing.items():
        if key not in found and conflict.state == RecusalConflict.State.OPEN:
            conflict.state = RecusalConflict.State.REPLACED
            conflict.resolution = _("No longer applies: the person or the unit is no longer in the group.")
            conflict.resolved_at = now
            conflict.save(update_fields=["state", "resolution", "resolved_at"])
    return created


@transaction.atomic
def recusal_resolve(*, conflict: RecusalConflict, keep: bool, reason: str, actor, replacement: Cadre | None = None) -> RecusalConflict:
    """Resolve a conflict: keep the person, with the reason recorded, or replace them (with
    `replacement` in the same role, or after they were taken out of the group)."""
    _require_office(actor)
    conflict = RecusalConflict.objects.select_for_update().select_related("group__round", "cadre").get(pk=conflict.pk)
    reason = (reason or "").strip()
    if conflict.state != RecusalConflict.State.OPEN:
        raise ValidationError(_("This conflict has already been resolved."))
    _require_preparation(conflict.group.round)
    if not reason:
        raise ValidationError(_("Write down the reason for the decision."))
    if keep:
        conflict.state = RecusalConflict.State.KEPT
    else:
        membership = conflict.group.memberships.filter(cadre=conflict.cadre).first()
        if membership is not None:
            if replacement is None:
                raise ValidationError(_("Name the person who replaces %(name)s, or take them out of the group first.") % {"name": conflict.cadre})
            role = membership.role
            membership_remove(membership=membership, actor=actor, reason=reason)
            membership_add(group=conflict.group, cadre=replacement, role=role, actor=actor)
            conflict.refresh_from_db()
            if conflict.state != RecusalConflict.State.OPEN:
                return conflict
        conflict.state = RecusalConflict.State.REPLACED
    conflict.resolution = reason
    conflict.resolved_by = actor
    conflict.resolved_at = timezone.now()
    conflict.save(update_fields=["state", "resolution", "resolved_by", "resolved_at"])
    return conflict


@transaction.atomic
def recusal_declare(
    *, group: InspectionGroup, actor, nothing_to_declare: bool, statement: str = "", unit: Unit | None = None,
    cadre: Cadre | None = None,
) -> RecusalDeclaration:
    """A person of the group declares on the mobilization day (S02.3): for themself in the app, or
    on paper, which the office enters for them (`cadre`)."""
    group = InspectionGroup.objects.select_for_update().select_related("round").get(pk=group.pk)
    own_cadre_id = getattr(actor, "cadre_id", None)
    if cadre is not None and cadre.pk != own_cadre_id:
        _require_office(actor)
        cadre_id = cadre.pk
    else:
        cadre_id = own_cadre_id
    if cadre_id is None or not group.memberships.filter(cadre_id=cadre_id).exists():
        raise PermissionDenied(_("Only the group's own people declare, each for themself."))
    _require_preparation(group.round)
    statement = (statement or "").strip()
    if not nothing_to_declare and not statement:
        raise ValidationError(_("Say what you declare, or choose “nothing to declare”."))
    if nothing_to_declare:
        statement, unit = "", None
    if RecusalDeclaration.objects.filter(group=group, cadre_id=cadre_id).exists():
        raise ValidationError(_("A declaration for this person has already been recorded; ask the office to correct it."))
    declaration = RecusalDeclaration(
        group=group, cadre_id=cadre_id, nothing_to_declare=nothing_to_declare, statement=statement, unit=unit, declared_by=actor,
    )
    declaration._change_reason = "回避申请" if cadre_id == own_cadre_id else "巡察办录入纸质回避申请"
    declaration.save()
    if not nothing_to_declare:
        RecusalConflict.objects.create(
            round_id=group.round_id, group=group, cadre_id=cadre_id, unit=unit, source=RecusalConflict.Source.DECLARED,
            basis_key=f"declared:{declaration.pk}", detail=statement,
        )
    return declaration


def recusal_blockers(group: InspectionGroup) -> list[str]:
    """What keeps the group from entering its units: open conflicts and missing declarations."""
    reasons = []
    open_conflicts = RecusalConflict.objects.filter(group=group, state=RecusalConflict.State.OPEN).select_related("cadre")
    for conflict in open_conflicts:
        reasons.append(_("Recusal conflict of %(name)s not resolved: %(detail)s") % {"name": conflict.cadre, "detail": conflict.detail})
    declared = set(RecusalDeclaration.objects.filter(group=group).values_list("cadre_id", flat=True))
    missing = [m.cadre.name for m in group.memberships.in_role_order().select_related("cadre") if m.cadre_id not in declared]
    if missing:
        reasons.append(_("No recusal declaration yet from: %(names)s") % {"names": "、".join(missing)})
    return reasons


# --- secondments (抽调) ------------------------------------------------------------------------


def secondment_source(cadre: Cadre) -> str:
    """The discipline commission seconds its own cadres, the organization department the rest."""
    if cadre.unit.function == Unit.Function.DISCIPLINE_COMMISSION:
        return Secondment.Source.DISCIPLINE
    return Secondment.Source.ORGANIZATION


@transaction.atomic
def secondment_request(*, round: Round, cadre: Cadre, actor, requested_on: datetime.date | None = None) -> Secondment:
    _require_office(actor)
    round = Round.objects.select_for_update().get(pk=round.pk)
    _require_preparation(round)
    existing = Secondment.objects.filter(round=round, cadre=cadre).first()
    if existing is not None:
        return existing
    if cadre.is_retired:
        raise ValidationError(_("%(name)s is retired and cannot be seconded.") % {"name": cadre})
    cadre = Cadre.objects.select_related("unit").get(pk=cadre.pk)
    secondment = Secondment(round=round, cadre=cadre, source=secondment_source(cadre), requested_on=requested_on or timezone.localdate())
    secondment._change_reason = "商请抽调"
    secondment.save()
    return secondment


@transaction.atomic
def secondment_confirm(*, secondment: Secondment, actor) -> Secondment:
    _require_office(actor)
    secondment = Secondment.objects.select_for_update().get(pk=secondment.pk)
    if secondment.state == Secondment.State.CONFIRMED:
        return secondment
    if secondment.state != Secondment.State.REQUESTED:
        raise ValidationError(_("A swapped secondment cannot be confirmed."))
    secondment.state = Secondment.State.CONFIRMED
    secondment.save(update_fields=["state"])
    return secondment


@transaction.atomic
def secondment_swap(*, secondment: Secondment, replacement: Cadre, reason: str, actor) -> Secondment:
    """An unsuitable person is swapped (S01.4): the reason kept, the new person requested through
    the same channel rules, and put into the group in the old one's place."""
    _require_office(actor)
    secondment = Secondment.objects.select_for_update().select_related("round", "cadre").get(pk=secondment.pk)
    _require_preparation(secondment.round)
    reason = (reason or "").strip()
    if secondment.state == Secondment.State.SWAPPED:
        raise ValidationError(_("This person has already been swapped."))
    if not reason:
        raise ValidationError(_("Write down why the person is unsuitable."))
    if replacement.pk == secondment.cadre_id:
        raise ValidationError(_("Choose a different person as the replacement."))
    membership = GroupMembership.objects.filter(group__round=secondment.round, cadre=secondment.cadre).select_related("group").first()
    new = secondment_request(round=secondment.round, cadre=replacement, actor=actor)
    if membership is not None:
        group, role = membership.group, membership.role
        membership_remove(membership=membership, actor=actor, reason=reason)
        membership_add(group=group, cadre=replacement, role=role, actor=actor)
    secondment.state = Secondment.State.SWAPPED
    secondment.replaced_by = new
    secondment.swap_reason = reason
    secondment._change_reason = "调整抽调人员"
    secondment.save(update_fields=["state", "replaced_by", "swap_reason"])
    return secondment
