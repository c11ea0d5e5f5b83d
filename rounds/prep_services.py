"""Writes of the preparation phase's round-level records (S02, S04, S06).

Every service takes keyword arguments, runs in one transaction, checks the actor's right and the
record's state, and raises a `ValidationError` with a Chinese message on an illegal move. The office
(`policy.can_manage_rounds`) keeps these records; the one exception is a group's own version of the
leader's speech, which its leader, deputy leader and liaison also edit (S06: 巡察组结合实际形成正式讲话稿).
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groups.models import GroupMembership, Inspection, InspectionGroup
from xunchar.access import policy
from xunchar.notifications.services import notifications_create_many
from xunchar.workdays.calendar import chinese_date

from .models import Round
from .prep_models import (
    BriefingAnswer,
    BriefingRequest,
    DisciplineTalk,
    EarlierMaterialItem,
    InspectionNotice,
    MobilizationMeeting,
    OfficeDocumentSerial,
    SpeechDraft,
    SpeechDraftVersion,
    TrainingSession,
)

# The placeholder the office writes in a generic speech where each group puts its unit's name.
UNIT_PLACEHOLDER = "××单位"


def county_name() -> str:
    """The county's name as documents print it (the setting is translated: take the Chinese)."""
    with translation.override("zh-hans"):
        return str(settings.XUNCHAR_COUNTY_NAME)


def _require_office(actor) -> None:
    if not policy.can_manage_rounds(actor):
        raise PermissionDenied


def _require_open(round_: Round) -> None:
    if round_.phase == Round.Phase.CLOSED:
        raise ValidationError(_("This round is closed; its records can no longer be changed."))


def _apply(obj, values: dict) -> list[str]:
    """Set the changed fields; return their names (empty: nothing to save)."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _save(obj, values: dict, reason: str) -> list[str]:
    changed = _apply(obj, values)
    if changed:
        obj._change_reason = reason
        obj.save(update_fields=changed)
    return changed


def _next_serial(series: str, year: int) -> int:
    """The next serial number in a series and year. The counter row is locked until the caller's
    transaction ends, so two issues at once get consecutive numbers and a rolled-back issue gives
    its number back."""
    OfficeDocumentSerial.objects.get_or_create(series=series, year=year)
    counter = OfficeDocumentSerial.objects.select_for_update().get(series=series, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


def _people_of(group_ids) -> list:
    """The accounts of the people of these groups."""
    cadres = GroupMembership.objects.filter(group_id__in=group_ids).values("cadre_id")
    return list(get_user_model().objects.filter(cadre_id__in=cadres, is_active=True))


# --- S02.1 Mobilization meeting ----------------------------------------------------------------------


@transaction.atomic
def mobilization_meeting_record(
    *, round: Round, actor, held_on: date, place: str, chair: str, attendees: str = "", checked_in=(),
    agenda: str, documents: str = "", notes: str = "",
) -> MobilizationMeeting:
    """Record (or correct) the round's mobilization meeting; its date becomes the round's."""
    _require_office(actor)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(round_)
    checked_in = list(checked_in)
    if any(m.group.round_id != round_.pk for m in checked_in):
        raise ValidationError(_("Only the people of this round's groups can be checked in."))
    earliest_notice = (
        InspectionNotice.objects.filter(inspection__round=round_, status=InspectionNotice.Status.ISSUED)
        .order_by("issued_on").values_list("issued_on", flat=True).first()
    )
    if earliest_notice and held_on > earliest_notice:
        raise ValidationError(
            _("Notices were issued on %(date)s, after the meeting: the meeting cannot be later.")
            % {"date": chinese_date(earliest_notice)}
        )
    first_entry = round_.groups.filter(entered_on__isnull=False).order_by("entered_on").values_list("entered_on", flat=True).first()
    if first_entry and held_on > first_entry:
        raise ValidationError(
            _("A group entered its units on %(date)s: the mobilization meeting cannot be later.") % {"date": chinese_date(first_entry)}
        )
    values = {"held_on": held_on, "place": place, "chair": chair, "attendees": attendees, "agenda": agenda,
              "documents": documents, "notes": notes}
    meeting = MobilizationMeeting.objects.filter(round=round_).first()
    if meeting is None:
        meeting = MobilizationMeeting(round=round_, recorded_by=actor, **values)
        meeting._change_reason = "记录动员部署会"
        meeting.save()
    else:
        _save(meeting, values, "修改动员部署会记录")
    meeting.checked_in.set(checked_in)
    if round_.mobilization_date != held_on:
        round_.mobilization_date = held_on
        round_._change_reason = "召开动员部署会"
        round_.save(update_fields=["mobilization_date"])
    return meeting


# --- S02.2 Inspection notices ------------------------------------------------------------------------


def notice_defaults(inspection: Inspection) -> dict:
    """The text of a new notice, from the round and the group; the office edits it before issuing."""
    round_, group, unit = inspection.round, inspection.group, inspection.unit
    county = county_name()
    people = {m.role: m.cadre.name for m in group.memberships.select_related("cadre")}
    entry = chinese_date(round_.entry_date) if round_.entry_date else "近期"
    opening = (
        f"根据{county}委巡察工作统一部署，经县委批准，县委{group}将对你单位党组织开展巡察。"
        "现将有关事项通知如下："
    )
    main_tasks = (
        "深入贯彻新时代党的建设总要求和巡视巡察工作方针，坚持以人民为中心，聚焦被巡察党组织职能责任，"
        "重点监督检查贯彻落实党的理论和路线方针政策及党中央和上级党委决策部署情况、落实全面从严治党战略部署情况、"
        "落实新时代党的组织路线情况、落实巡视巡察和审计等监督发现问题整改情况，发现问题、形成震慑，推动改革、促进发展。"
    )
    if round_.focus:
        main_tasks += f"\n本轮巡察{round_.focus.rstrip('。')}。"
    working_methods = (
        "巡察组主要通过听取工作汇报、个别谈话、受理来信来电来访、调阅复制有关资料、召开座谈会、列席有关会议、"
        "开展民主测评和问卷调查、走访调研、专项检查等方式开展工作。巡察组不干预被巡察党组织的正常工作，"
        "不履行执纪审查职责。"
    )
    schedule = f"巡察组于{entry}进驻，"
    if round_.planned_withdrawal_date:
        schedule += f"计划于{chinese_date(round_.planned_withdrawal_date)}前后结束驻点工作。"
    else:
        schedule += "驻点时间约为一个半月。"
    schedule += "进驻后召开巡察工作动员会，会议时间、参会范围由巡察组另行商定。"
    sibling_phone = (
        InspectionNotice.objects.filter(inspection__group=group).exclude(contact_phone="")
        .values_list("contact_phone", flat=True).first()
    )
    return {
        "title": f"关于县委{group}对{unit}党组织开展巡察的通知",
        "addressee": f"{unit}党组织",
        "opening": opening,
        "main_tasks": main_tasks,
        "working_methods": working_methods,
        "schedule": schedule,
        "contact_person": people.get(GroupMembership.RoundRole.LIAISON, ""),
        "contact_phone": sibling_phone or "",
        "contact_mailbox": "",
        "contact_arrangements": (
            "请你单位明确一名负责同志和一名联络员，负责与巡察组的日常联系，于收到本通知后3个工作日内将名单报巡察组。"
            "巡察期间，巡察组设立值班电话和意见箱，受理反映被巡察党组织领导班子及其成员、下一级党组织主要负责人问题的来信来电来访。"
        ),
        "requirements": (
            "请你单位党组织高度重视，主动接受监督，认真做好配合工作：如实提供巡察所需的文件资料，按要求准备工作汇报；"
            "为巡察组提供必要的办公场所和工作条件；按要求组织召开巡察工作动员会，做好巡察公告的张贴和发布；"
            "严守纪律，不得干扰、阻碍巡察工作，对反映问题的干部群众严禁打击报复。"
        ),
    }


@transaction.atomic
def notices_prepare(*, round: Round, actor) -> list[InspectionNotice]:
    """A draft notice for every inspection of the round that has none yet."""
    _require_office(actor)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(round_)
    created = []
    missing = (
        Inspection.objects.filter(round=round_, notice__isnull=True)
        .select_related("round", "group", "unit").order_by("group__number", "unit__name")
    )
    for inspection in missing:
        notice = InspectionNotice(inspection=inspection, prepared_by=actor, **notice_defaults(inspection))
        notice._change_reason = "起草巡察通知"
        notice.save()
        created.append(notice)
    return created


NOTICE_TEXT_FIELDS = (
    "title", "addressee", "opening", "main_tasks", "working_methods", "schedule", "contact_person",
    "contact_phone", "contact_mailbox", "contact_arrangements", "requirements",
)


@transaction.atomic
def notice_update(*, notice: InspectionNotice, actor, **values) -> InspectionNotice:
    _require_office(actor)
    notice = InspectionNotice.objects.select_for_update(of=("self",)).select_related("inspection__round").get(pk=notice.pk)
    _require_open(notice.inspection.round)
    if notice.is_issued:
        raise ValidationError(_("An issued notice can no longer be changed."))
    unknown = set(values) - set(NOTICE_TEXT_FIELDS)
    if unknown:
        raise ValueError(f"not a notice text field: {sorted(unknown)}")
    _save(notice, values, "修改巡察通知")
    return notice


def _issue_problems(notice: InspectionNotice, meeting: MobilizationMeeting | None, issued_on: date) -> list[str]:
    unit = notice.inspection.unit
    problems = []
    if meeting is None:
        problems.append(_("The mobilization meeting has not been recorded: notices are issued after it."))
    elif issued_on < meeting.held_on:
        problems.append(
            _("A notice is issued after the mobilization meeting (%(date)s).") % {"date": chinese_date(meeting.held_on)}
        )
    for field in ("title", "addressee", "opening", "main_tasks", "working_methods", "schedule",
                  "contact_person", "contact_phone", "contact_arrangements", "requirements"):
        if not getattr(notice, field).strip():
            label = InspectionNotice._meta.get_field(field).verbose_name
            problems.append(_("%(unit)s: “%(field)s” is empty.") % {"unit": unit, "field": label})
    return problems


def _issue(notice: InspectionNotice, actor, issued_on: date) -> None:
    notice.year = issued_on.year
    notice.serial = _next_serial(OfficeDocumentSerial.Series.NOTICE, issued_on.year)
    notice.document_prefix = settings.XUNCHAR_OFFICE_DOCUMENT_PREFIX
    notice.issued_on = issued_on
    notice.issued_by = actor
    notice.status = InspectionNotice.Status.ISSUED
    notice._change_reason = f"印发巡察通知 {notice.number}"
    notice.save(update_fields=["year", "serial", "document_prefix", "issued_on", "issued_by", "status"])


def _announce(notices: list[InspectionNotice]) -> None:
    """The unit's contacts receive the notice; the group its copy (抄送)."""
    messages = []
    for notice in notices:
        inspection = notice.inspection
        recipients = list(get_user_model().objects.filter(contact_unit_id=inspection.unit_id, is_active=True))
        recipients += _people_of([inspection.group_id])
        messages.append((recipients, f"巡察通知已印发：{notice.title}", notice.number, notice.get_absolute_url()))
    notifications_create_many(messages=messages)


def _meeting_of(round_id) -> MobilizationMeeting | None:
    return MobilizationMeeting.objects.filter(round_id=round_id).first()


@transaction.atomic
def notice_issue(*, notice: InspectionNotice, actor, issued_on: date) -> InspectionNotice:
    """Issue one notice: it gets the next number of the year and is frozen from then on."""
    _require_office(actor)
    notice = (
        InspectionNotice.objects.select_for_update(of=("self",))
        .select_related("inspection__round", "inspection__unit").get(pk=notice.pk)
    )
    if notice.is_issued:
        return notice
    _require_open(notice.inspection.round)
    problems = _issue_problems(notice, _meeting_of(notice.inspection.round_id), issued_on)
    if problems:
        raise ValidationError(problems)
    _issue(notice, actor, issued_on)
    _announce([notice])
    return notice


@transaction.atomic
def notices_issue_all(*, round: Round, actor, issued_on: date) -> list[InspectionNotice]:
    """Issue every draft notice of the round at once, numbered in group order — or none of them
    when one is not ready (all problems are listed)."""
    _require_office(actor)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(round_)
    missing = list(Inspection.objects.filter(round=round_, notice__isnull=True).select_related("unit", "group"))
    drafts = list(
        InspectionNotice.objects.select_for_update(of=("self",))
        .filter(inspection__round=round_, status=InspectionNotice.Status.DRAFT)
        .select_related("inspection__unit", "inspection__group")
        .order_by("inspection__group__number", "inspection__unit__name")
    )
    problems = [_("%(unit)s has no notice yet: prepare the drafts first.") % {"unit": i.unit} for i in missing]
    meeting = _meeting_of(round_.pk)
    for notice in drafts:
        problems += _issue_problems(notice, meeting, issued_on)
    if problems:
        # one message per problem, the meeting's only once
        raise ValidationError(list(dict.fromkeys(problems)))
    for notice in drafts:
        _issue(notice, actor, issued_on)
    _announce(drafts)
    return drafts


# --- S02.4/5 Training ----------------------------------------------------------------------------------


TRAINING_FIELDS = ("held_on", "place", "topic", "speakers", "attendees", "content")


def _check_training_group(round_: Round, kind: str, group: InspectionGroup | None) -> None:
    if kind == TrainingSession.Kind.GROUP and (group is None or group.round_id != round_.pk):
        raise ValidationError(_("Choose the group of this round that held the study session."))
    if kind == TrainingSession.Kind.CENTRAL and group is not None:
        raise ValidationError(_("Central training belongs to the whole round, not to one group."))


@transaction.atomic
def training_record(*, round: Round, actor, kind: str, group: InspectionGroup | None = None, **values) -> TrainingSession:
    _require_office(actor)
    _require_open(round)
    _check_training_group(round, kind, group)
    session = TrainingSession(round=round, kind=kind, group=group, recorded_by=actor, **values)
    session._change_reason = "记录学习培训"
    session.save()
    return session


@transaction.atomic
def training_update(*, session: TrainingSession, actor, group: InspectionGroup | None = None, **values) -> TrainingSession:
    _require_office(actor)
    session = TrainingSession.objects.select_for_update(of=("self",)).select_related("round").get(pk=session.pk)
    _require_open(session.round)
    _check_training_group(session.round, session.kind, group)
    _save(session, {"group": group, **values}, "修改学习培训记录")
    return session


# --- S04 Briefings ---------------------------------------------------------------------------------------

Department = BriefingRequest.Department
Topic = BriefingRequest.Topic

# Who is asked about what (S04.1, S04.2); education and development-reform only when the round
# inspects schools or enterprises.
DEPARTMENT_DEFAULTS = {
    Department.DISCIPLINE: (
        "{county}纪委监委",
        [Topic.POLITICAL_ECOLOGY, Topic.PRIMARY_RESPONSIBILITY, Topic.REPORTS, Topic.CLUE_HANDLING],
        "巡察组组长、副组长将与你委负责同志单独沟通，重点了解涉及领导干部的重要问题线索和巡察中需要重点关注的问题。",
    ),
    Department.ORGANIZATION: (
        "{county}委组织部",
        [Topic.POLITICAL_ECOLOGY, Topic.PRIMARY_RESPONSIBILITY, Topic.CADRE_SELECTION, Topic.REPORTS],
        "请提供被巡察党组织领导班子成员任免审批表。",
    ),
    Department.AUDIT: (
        "{county}审计局",
        [Topic.PRIMARY_RESPONSIBILITY],
        "请提供近年来涉及被巡察单位的各类审计报告；巡察组根据需要，经巡察办协调，可到你局查阅审计底稿。",
    ),
    Department.PETITION: ("{county}信访局", [Topic.REPORTS], ""),
    Department.PROPAGANDA: ("{county}委宣传部", [Topic.IDEOLOGY], ""),
    Department.EDUCATION: ("{county}教育局", [Topic.SECTOR, Topic.POLITICAL_ECOLOGY], ""),
    Department.DEVELOPMENT_REFORM: ("{county}发展和改革局", [Topic.SECTOR], ""),
}


def briefing_departments_for(round_: Round) -> list[str]:
    """The departments S04 asks for this round: the five always, and the sector's where it applies."""
    from xunchar.registry.models import Unit

    kinds = set(Inspection.objects.filter(round=round_).values_list("unit__kind", flat=True))
    departments = [Department.DISCIPLINE, Department.ORGANIZATION, Department.AUDIT, Department.PETITION,
                   Department.PROPAGANDA]
    if Unit.Kind.SCHOOL in kinds:
        departments.append(Department.EDUCATION)
    if Unit.Kind.ENTERPRISE in kinds:
        departments.append(Department.DEVELOPMENT_REFORM)
    return departments


def briefing_defaults(department: str) -> dict:
    addressee, topics, extra = DEPARTMENT_DEFAULTS.get(department, ("", [], ""))
    return {"addressee": addressee.format(county=county_name()), "topics": [str(t) for t in topics], "extra_request": extra}


@transaction.atomic
def briefing_requests_prepare(*, round: Round, actor) -> list[BriefingRequest]:
    """A draft letter to every department S04 names that this round has not asked yet."""
    _require_office(actor)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(round_)
    asked = set(BriefingRequest.objects.filter(round=round_).values_list("department", flat=True))
    created = []
    for department in briefing_departments_for(round_):
        if department in asked:
            continue
        request = BriefingRequest(round=round_, department=department, prepared_by=actor,
                                  contact=f"巡察办 {actor.display_name}", **briefing_defaults(department))
        request._change_reason = "起草商请通报情况函"
        request.save()
        created.append(request)
    return created


BRIEFING_FIELDS = ("addressee", "topics", "extra_request", "contact", "due_on")


@transaction.atomic
def briefing_request_create(*, round: Round, actor, department: str, **values) -> BriefingRequest:
    _require_office(actor)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(round_)
    if department != Department.OTHER and BriefingRequest.objects.filter(round=round_, department=department).exists():
        raise ValidationError(_("This department has already been asked in this round."))
    request = BriefingRequest(round=round_, department=department, prepared_by=actor, **values)
    request._change_reason = "起草商请通报情况函"
    request.save()
    return request


@transaction.atomic
def briefing_request_update(*, request: BriefingRequest, actor, **values) -> BriefingRequest:
    _require_office(actor)
    request = BriefingRequest.objects.select_for_update(of=("self",)).select_related("round").get(pk=request.pk)
    _require_open(request.round)
    if request.is_sent:
        raise ValidationError(_("A letter that has been sent can no longer be changed."))
    _save(request, values, "修改商请通报情况函")
    return request


@transaction.atomic
def briefing_request_send(*, request: BriefingRequest, actor, sent_on: date) -> BriefingRequest:
    """Send the letter: it gets the next letter number of the year and is frozen."""
    _require_office(actor)
    request = BriefingRequest.objects.select_for_update(of=("self",)).select_related("round").get(pk=request.pk)
    if request.is_sent:
        return request
    _require_open(request.round)
    problems = []
    if not request.addressee.strip():
        problems.append(_("The letter has no addressee."))
    if not request.topics and not request.extra_request.strip():
        problems.append(_("Say what the department is asked to brief on."))
    if request.due_on is None:
        problems.append(_("Set the date the answer is due."))
    elif request.due_on < sent_on:
        problems.append(_("The answer cannot be due before the letter is sent."))
    if problems:
        raise ValidationError(problems)
    request.year = sent_on.year
    request.serial = _next_serial(OfficeDocumentSerial.Series.LETTER, sent_on.year)
    request.document_prefix = settings.XUNCHAR_OFFICE_DOCUMENT_PREFIX
    request.sent_on = sent_on
    request.sent_by = actor
    request.status = BriefingRequest.Status.SENT
    request._change_reason = f"发出商请通报情况函 {request.number}"
    request.save(update_fields=["year", "serial", "document_prefix", "sent_on", "sent_by", "status"])
    return request


@transaction.atomic
def briefing_answer_record(
    *, request: BriefingRequest, group: InspectionGroup, actor, received_on: date, summary: str
) -> BriefingAnswer:
    """Record (or correct) a department's written answer for one group."""
    _require_office(actor)
    request = BriefingRequest.objects.select_for_update(of=("self",)).select_related("round").get(pk=request.pk)
    _require_open(request.round)
    if not request.is_sent:
        raise ValidationError(_("The letter has not been sent yet."))
    if group.round_id != request.round_id:
        raise ValidationError(_("The group is not one of this round's."))
    if received_on < request.sent_on:
        raise ValidationError(
            _("The answer cannot arrive before the letter was sent (%(date)s).") % {"date": chinese_date(request.sent_on)}
        )
    answer = BriefingAnswer.objects.filter(request=request, group=group).first()
    if answer is None:
        answer = BriefingAnswer(request=request, group=group, received_on=received_on, summary=summary, recorded_by=actor)
        answer._change_reason = "登记通报情况书面材料"
        answer.save()
    else:
        _save(answer, {"received_on": received_on, "summary": summary}, "修改通报情况书面材料登记")
    return answer


MATERIAL_FIELDS = ("kind", "title", "provided_by", "received_on", "note")


@transaction.atomic
def earlier_material_record(*, inspection: Inspection, actor, **values) -> EarlierMaterialItem:
    _require_office(actor)
    _require_open(inspection.round)
    item = EarlierMaterialItem(inspection=inspection, recorded_by=actor, **values)
    item._change_reason = "登记通报材料"
    item.save()
    return item


@transaction.atomic
def earlier_material_update(*, item: EarlierMaterialItem, actor, **values) -> EarlierMaterialItem:
    _require_office(actor)
    item = EarlierMaterialItem.objects.select_for_update(of=("self",)).select_related("inspection__round").get(pk=item.pk)
    _require_open(item.inspection.round)
    _save(item, values, "修改通报材料登记")
    return item


def _check_talk_people(group: InspectionGroup, people) -> list:
    people = list(people)
    if not people:
        raise ValidationError(_("Name who talked for the group."))
    if any(m.group_id != group.pk for m in people):
        raise ValidationError(_("Only the group's own people can be named."))
    return people


@transaction.atomic
def discipline_talk_record(
    *, group: InspectionGroup, actor, held_on: date, group_participants, commission_participants: str
) -> DisciplineTalk:
    """S04.2: that the leaders talked with the discipline commission, when and who — never what."""
    _require_office(actor)
    _require_open(group.round)
    people = _check_talk_people(group, group_participants)
    talk = DisciplineTalk(group=group, held_on=held_on, commission_participants=commission_participants, recorded_by=actor)
    talk._change_reason = "记录与纪委监委单独沟通"
    talk.save()
    talk.group_participants.set(people)
    return talk


@transaction.atomic
def discipline_talk_update(
    *, talk: DisciplineTalk, actor, held_on: date, group_participants, commission_participants: str
) -> DisciplineTalk:
    _require_office(actor)
    talk = DisciplineTalk.objects.select_for_update(of=("self",)).select_related("group__round").get(pk=talk.pk)
    _require_open(talk.group.round)
    people = _check_talk_people(talk.group, group_participants)
    _save(talk, {"held_on": held_on, "commission_participants": commission_participants}, "修改单独沟通记录")
    talk.group_participants.set(people)
    return talk


# --- S06 Speech drafts -------------------------------------------------------------------------------------

SPEECH_EDITORS = {GroupMembership.RoundRole.LEADER, GroupMembership.RoundRole.DEPUTY, GroupMembership.RoundRole.LIAISON}


def can_edit_speech(user, draft: SpeechDraft) -> bool:
    """The office edits every draft; a group's leader, deputy leader and liaison their unit's version."""
    if policy.can_manage_rounds(user):
        return True
    if draft.is_generic:
        return False
    return policy.group_role(user, draft.inspection.group) in SPEECH_EDITORS


def can_adapt_speech(user, inspection: Inspection) -> bool:
    return policy.can_manage_rounds(user) or policy.group_role(user, inspection.group) in SPEECH_EDITORS


def _add_version(draft: SpeechDraft, *, text: str, actor, note: str) -> SpeechDraftVersion:
    draft.version_count += 1
    return SpeechDraftVersion.objects.create(draft=draft, number=draft.version_count, text=text, author=actor, note=note)


@transaction.atomic
def speech_draft_create(*, round: Round, kind: str, actor, title: str, text: str, note: str = "") -> SpeechDraft:
    """The office's generic draft (通稿) of one of the two speeches; version 1."""
    _require_office(actor)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(round_)
    if kind not in (SpeechDraft.Kind.LEADER_GENERIC, SpeechDraft.Kind.LEADERSHIP_GENERIC):
        raise ValidationError(_("A unit's version is made from the generic draft."))
    if SpeechDraft.objects.filter(round=round_, kind=kind, inspection__isnull=True).exists():
        raise ValidationError(_("This round already has this generic draft."))
    draft = SpeechDraft(round=round_, kind=kind, title=title, text=text, updated_by=actor, updated_at=timezone.now())
    draft._change_reason = "起草讲话通稿"
    draft.save()
    _add_version(draft, text=text, actor=actor, note=note or "初稿")
    draft.save(update_fields=["version_count"])
    return draft


@transaction.atomic
def speech_adapt(*, inspection: Inspection, actor) -> SpeechDraft:
    """The group's own version of the leader's speech for one unit, started from the generic draft
    with the unit's name put in. Repeating it returns the version that exists."""
    if not can_adapt_speech(actor, inspection):
        raise PermissionDenied
    _require_open(inspection.round)
    # Locking the generic draft serialises two people starting the same unit's version at once.
    generic = (
        SpeechDraft.objects.select_for_update(of=("self",))
        .filter(round_id=inspection.round_id, kind=SpeechDraft.Kind.LEADER_GENERIC, inspection__isnull=True)
        .order_by("pk").first()
    )
    existing = SpeechDraft.objects.filter(inspection=inspection).first()
    if existing is not None:
        return existing
    if generic is None:
        raise ValidationError(_("The office has not drafted the group leader's generic speech yet."))
    unit = str(inspection.unit)
    text = generic.text.replace(UNIT_PLACEHOLDER, unit)
    draft = SpeechDraft(
        round_id=inspection.round_id, kind=SpeechDraft.Kind.LEADER_UNIT, inspection=inspection, based_on=generic,
        title=f"{generic.title}（{unit}）", text=text, updated_by=actor, updated_at=timezone.now(),
    )
    draft._change_reason = "在通稿基础上形成本单位讲话稿"
    draft.save()
    _add_version(draft, text=text, actor=actor, note=f"据通稿第{generic.version_count}稿形成")
    draft.save(update_fields=["version_count"])
    return draft


@transaction.atomic
def speech_save(*, draft: SpeechDraft, actor, text: str, title: str | None = None, note: str = "") -> SpeechDraftVersion | None:
    """Save the draft's text as a new version. Saving the same text again adds nothing (None)."""
    draft = (
        SpeechDraft.objects.select_for_update(of=("self",))
        .select_related("round", "inspection__group").get(pk=draft.pk)
    )
    if not can_edit_speech(actor, draft):
        raise PermissionDenied
    _require_open(draft.round)
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("The speech is empty."))
    title = (title or draft.title).strip()
    if text == draft.text and title == draft.title:
        return None
    version = _add_version(draft, text=text, actor=actor, note=note)
    draft.text, draft.title, draft.updated_by, draft.updated_at = text, title, actor, version.created_at
    draft._change_reason = f"保存第{version.number}稿"
    draft.save(update_fields=["text", "title", "updated_by", "updated_at", "version_count"])
    return version
