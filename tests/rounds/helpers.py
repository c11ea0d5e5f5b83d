"""Put a round's S01 papers, declarations and notices in the state a group needs to enter its units."""

import datetime

from groups.models import GroupMembership
from rounds import plans, prep_services, staffing
from rounds.models import RecusalConflict, RecusalDeclaration, Round
from rounds.prep_models import InspectionNotice
from tests.factories import CadreFactory
from xunchar.approvals.services import approval_decide, approval_submit


def s01_done(county, round_=None):
    """Every group of the round with a deputy; the task plan, work plan and authorizations approved;
    everyone declared; every recusal conflict resolved; every unit's notice issued (S02.2) — done
    through the services, as the office, the executive deputy and the secretary would."""
    round_ = round_ or county.round
    phase = round_.phase
    Round.objects.filter(pk=round_.pk).update(phase=Round.Phase.PREPARATION)
    round_.refresh_from_db()
    groups = list(round_.groups.all())
    for group in groups:
        if not group.memberships.filter(role=GroupMembership.RoundRole.DEPUTY).exists():
            GroupMembership.objects.create(group=group, cadre=CadreFactory(), role=GroupMembership.RoundRole.DEPUTY)
    request = approval_submit(chain=plans.TASK_PLAN, subject=plans.task_plan_of(round_), actor=county.office)
    request = approval_decide(request=request, actor=county.deputy, passed=True, opinion="同意")
    approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
    request = approval_submit(chain=plans.WORK_PLAN, subject=plans.work_plan_of(round_), actor=county.office)
    approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
    for group in groups:
        request = approval_submit(chain=plans.AUTHORIZATION, subject=plans.authorization_of(group), actor=county.office)
        approval_decide(request=request, actor=county.secretary, passed=True, opinion="同意")
        declared = set(RecusalDeclaration.objects.filter(group=group).values_list("cadre_id", flat=True))
        for membership in group.memberships.select_related("cadre").exclude(cadre_id__in=declared):
            staffing.recusal_declare(group=group, actor=county.office, cadre=membership.cadre, nothing_to_declare=True)
        for conflict in RecusalConflict.objects.filter(group=group, state=RecusalConflict.State.OPEN):
            staffing.recusal_resolve(conflict=conflict, keep=True, reason="经研究不需回避", actor=county.office)
        for inspection in group.inspections.all():
            notice = InspectionNotice.objects.filter(inspection=inspection).first()
            if notice is None:
                (notice,) = [n for n in prep_services.notices_prepare(round=round_, actor=county.office) if n.inspection_id == inspection.pk]
            if not notice.contact_phone:
                prep_services.notice_update(notice=notice, actor=county.office, contact_phone="0000-1234567")
            issued_on = round_.mobilization_date or datetime.date(2026, 10, 12)
            prep_services.notice_issue(notice=notice, actor=county.office, issued_on=issued_on)
    Round.objects.filter(pk=round_.pk).update(phase=phase)
    round_.refresh_from_db()
