from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xunchar.deadlines.services import deadline_start
from xunchar.workdays.calendar import chinese_date

from .models import InspectionGroup


@transaction.atomic
def group_record_withdrawal(*, group: InspectionGroup, withdrawn_on, actor) -> InspectionGroup:
    """S28: the group leaves the unit. Starts D1 (10 working days) and D2 (one month)."""
    group = InspectionGroup.objects.select_for_update().select_related("round").get(pk=group.pk)
    if group.entered_on is None:
        raise ValidationError(_("The group has not entered its units yet."))
    if withdrawn_on < group.entered_on:
        raise ValidationError(
            _("The withdrawal date cannot be before the entry date (%(date)s).") % {"date": chinese_date(group.entered_on)}
        )
    if group.withdrawn_on == withdrawn_on:
        return group
    if group.withdrawn_on is not None and group.deadlines.exclude(state="open").exists():
        raise ValidationError(_("The report has already been heard; the withdrawal date can no longer be changed."))
    group.withdrawn_on = withdrawn_on
    group._change_reason = "撤离驻地"
    group.save(update_fields=["withdrawn_on"])
    for code in ("D1", "D2"):
        deadline_start(rule_code=code, round=group.round, group=group, started_on=withdrawn_on)
    return group
