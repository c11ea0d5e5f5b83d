"""Writes of the surveys (S19): one service per move, keyword-only, atomic, refusing an illegal one
with a Chinese message; repeated moves change nothing."""

import hashlib
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules, standards
from .models import AccessCode, Answer, Option, Question, Sheet, Survey

MAX_CODES = 1000
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a slip without doubt
CODE_LENGTH = 10
OPTION_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"  # the key that picks an option on the entry screen


@dataclass
class SurveyData:
    title: str
    kind: str = Survey.Kind.QUESTIONNAIRE
    instructions: str = ""
    respondent_groups: list[str] = field(default_factory=list)
    method: str = Survey.Method.CENSUS
    planned_size: int | None = None


@dataclass
class QuestionData:
    kind: str
    text: str
    options: list[str] = field(default_factory=list)
    satisfied: list[int] = field(default_factory=list)  # 1-based positions of the "satisfied" options


# --- Design ------------------------------------------------------------------------------------------------


def _require_designer(actor, survey_or_group) -> None:
    group = survey_or_group.group if isinstance(survey_or_group, Survey) else survey_or_group
    if not rules.survey_rights(actor, group).designs:
        raise ValidationError(_("Only the group's leader, deputy leader or liaison designs its surveys."))


def _require_draft(survey) -> None:
    if survey.state != Survey.State.DRAFT:
        raise ValidationError(_("The survey is open or closed: its form can no longer be changed."))


def _clean_survey(data: SurveyData) -> SurveyData:
    data.title = data.title.strip()
    if not data.title:
        raise ValidationError({"title": _("Give the survey a title.")})
    names = []
    for name in data.respondent_groups:
        name = name.strip()
        if name and name not in names:
            names.append(name[:50])
    data.respondent_groups = names
    if data.method == Survey.Method.SAMPLE:
        if not data.planned_size:
            raise ValidationError({"planned_size": _("A sample needs its planned size.")})
    else:
        data.planned_size = data.planned_size or None
    return data


@transaction.atomic
def survey_create(*, inspection, actor, data: SurveyData) -> Survey:
    _require_designer(actor, inspection.group)
    data = _clean_survey(data)
    survey = Survey(inspection=inspection, created_by=actor, **vars(data))
    survey.save()
    return survey


@transaction.atomic
def survey_update(*, survey, actor, data: SurveyData) -> Survey:
    _require_designer(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    data = _clean_survey(data)
    changed = [name for name, value in vars(data).items() if getattr(survey, name) != value]
    if changed:
        for name in changed:
            setattr(survey, name, getattr(data, name))
        survey.save(update_fields=changed)
    return survey


def _options_of(data: QuestionData) -> list[tuple[str, bool]]:
    if data.kind == Question.Kind.TEXT:
        return []
    labels = [label.strip()[:100] for label in data.options if label.strip()]
    if data.kind == Question.Kind.RATING and not labels:
        return list(standards.DEFAULT_SCALE)
    if len(labels) != len(set(labels)):
        raise ValidationError({"options": _("Two options have the same wording.")})
    if len(labels) < 2:
        raise ValidationError({"options": _("A choice question needs at least two options, one a line.")})
    if len(labels) > len(OPTION_KEYS):
        raise ValidationError({"options": _("A question has at most %(count)d options.") % {"count": len(OPTION_KEYS)}})
    satisfied = set(data.satisfied)
    if data.kind == Question.Kind.RATING:
        if any(n < 1 or n > len(labels) for n in satisfied):
            raise ValidationError({"satisfied": _("The satisfied options are given by their numbers in the list.")})
        if not satisfied:
            raise ValidationError({"satisfied": _("Say which options of the scale count as satisfied.")})
    return [(label, data.kind == Question.Kind.RATING and n in satisfied) for n, label in enumerate(labels, 1)]


def _write_options(question, options) -> None:
    for position, (label, satisfied) in enumerate(options, 1):
        Option(question=question, position=position, label=label, satisfied=satisfied).save()


@transaction.atomic
def question_add(*, survey, actor, data: QuestionData) -> Question:
    _require_designer(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    text = data.text.strip()
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    if data.kind not in Question.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of question.")})
    options = _options_of(data)
    position = (survey.questions.aggregate(last=Max("position"))["last"] or 0) + 1
    question = Question(survey=survey, position=position, kind=data.kind, text=text[:300])
    question.save()
    _write_options(question, options)
    return question


@transaction.atomic
def question_update(*, question, actor, data: QuestionData) -> Question:
    survey = question.survey
    _require_designer(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    text = data.text.strip()
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    data.kind = question.kind  # the kind is chosen once; remove and add to change it
    options = _options_of(data)
    if question.text != text[:300]:
        question.text = text[:300]
        question.save(update_fields=["text"])
    if [(o.label, o.satisfied) for o in question.options.order_by("position")] != options:
        for option in question.options.all():
            option.delete()
        _write_options(question, options)
    return question


@transaction.atomic
def question_remove(*, question, actor) -> None:
    survey = question.survey
    _require_designer(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    question.delete()
    for position, later in enumerate(survey.questions.order_by("position", "id"), 1):
        if later.position != position:
            later.position = position
            later.save(update_fields=["position"])


@transaction.atomic
def question_move(*, question, actor, up: bool) -> None:
    survey = question.survey
    _require_designer(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    ordered = list(survey.questions.order_by("position", "id"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return  # already first (or last)
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, 1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def survey_from_template(*, inspection, actor) -> Survey:
    """The standard 民主测评表 in one click: the usual items on the default scale, an opinion box."""
    unit = inspection.unit.name
    survey = survey_create(inspection=inspection, actor=actor, data=SurveyData(
        title=standards.EVALUATION_TITLE.format(unit=unit), kind=Survey.Kind.EVALUATION,
        instructions=standards.EVALUATION_INSTRUCTIONS.format(unit=unit),
        respondent_groups=list(standards.DEFAULT_RESPONDENT_GROUPS),
    ))
    for item in standards.EVALUATION_ITEMS:
        question_add(survey=survey, actor=actor, data=QuestionData(kind=Question.Kind.RATING, text=item))
    question_add(survey=survey, actor=actor, data=QuestionData(kind=Question.Kind.TEXT, text=standards.EVALUATION_FREE_TEXT))
    return survey


@transaction.atomic
def survey_open(*, survey, actor) -> Survey:
    _require_designer(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.state == Survey.State.OPEN:
        return survey
    if survey.state == Survey.State.CLOSED:
        raise ValidationError(_("A closed survey is not opened again."))
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    survey.state = Survey.State.OPEN
    survey.opened_at = timezone.now()
    survey.save(update_fields=["state", "opened_at"])
    return survey


@transaction.atomic
def survey_close(*, survey, actor) -> Survey:
    _require_designer(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.state == Survey.State.CLOSED:
        return survey
    if survey.state == Survey.State.DRAFT:
        raise ValidationError(_("The survey has not been opened."))
    survey.state = Survey.State.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["state", "closed_at"])
    return survey


# --- One-time codes ----------------------------------------------------------------------------------------


def normalize_code(code: str) -> str:
    return "".join(char for char in (code or "").upper() if char.isalnum())


def code_digest(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def codes_generate(*, survey, actor, count: int, respondent_group: str = "") -> list[str]:
    """`count` new codes; the plain codes are returned once (to be printed), only their hashes kept."""
    if not rules.survey_rights(actor, survey.group).makes_codes:
        raise ValidationError(_("Only the group's leader, deputy leader, liaison or the office makes codes."))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.state == Survey.State.CLOSED:
        raise ValidationError(_("The survey is closed."))
    if not 1 <= count <= MAX_CODES:
        raise ValidationError({"count": _("Between 1 and %(max)d codes at a time.") % {"max": MAX_CODES}})
    if respondent_group and respondent_group not in survey.respondent_groups:
        raise ValidationError({"respondent_group": _("Choose one of the survey's respondent groups.")})
    codes = []
    while len(codes) < count:
        code = "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))
        digest = code_digest(code)
        if AccessCode.objects.filter(digest=digest).exists():
            continue  # 31^10 codes: practically never
        AccessCode(survey=survey, digest=digest, respondent_group=respondent_group, created_by=actor).save()
        codes.append(format_code(code))
    return codes


class CodeRefused(ValidationError):
    pass


def code_check(code: str) -> AccessCode:
    """The unspent code of an open survey, or a refusal that says why (and nothing about any survey)."""
    found = AccessCode.objects.select_related("survey").filter(digest=code_digest(code)).first() if normalize_code(code) else None
    if found is None:
        raise CodeRefused(_("This code is not valid. Check it against your slip and type it again."))
    if found.spent_at is not None:
        raise CodeRefused(_("This code has already been used. Each code answers once."))
    if found.survey.state != Survey.State.OPEN:
        raise CodeRefused(_("This survey is not open for answers."))
    return found


# --- Answer sheets ----------------------------------------------------------------------------------------


def _answer_rows(survey, answers: dict) -> list[Answer]:
    """Answer rows (unsaved, without sheet) for `answers`: {question id: [option ids] or text}.
    A question left out or empty is simply not answered."""
    questions = {q.pk: q for q in survey.questions.prefetch_related("options")}
    rows = []
    for question_id, value in answers.items():
        question = questions.get(int(question_id))
        if question is None:
            raise ValidationError(_("An answer belongs to a question of another form."))
        if question.kind == Question.Kind.TEXT:
            text = (value or "").strip() if isinstance(value, str) else ""
            if text:
                rows.append(Answer(question=question, text=text[:4000]))
            continue
        chosen = list(dict.fromkeys(int(v) for v in (value or [])))
        options = {o.pk: o for o in question.options.all()}
        if any(pk not in options for pk in chosen):
            raise ValidationError(_("Question %(number)d: an option that is not on the form.") % {"number": question.position})
        if question.kind != Question.Kind.MULTIPLE and len(chosen) > 1:
            raise ValidationError(_("Question %(number)d takes one answer.") % {"number": question.position})
        rows.extend(Answer(question=question, option=options[pk]) for pk in chosen)
    if not rows:
        raise ValidationError(_("The sheet answers nothing: a blank sheet is not counted."))
    return rows


def _check_group(survey, respondent_group: str) -> str:
    respondent_group = (respondent_group or "").strip()
    if survey.respondent_groups and respondent_group not in survey.respondent_groups:
        raise ValidationError({"respondent_group": _("Choose the respondent group of the sheet.")})
    return respondent_group


def _new_sheet(survey, **fields) -> Sheet:
    number = (survey.sheets.aggregate(last=Max("number"))["last"] or 0) + 1
    sheet = Sheet(survey=survey, number=number, **fields)
    sheet.save()
    return sheet


def _save_answers(sheet, rows) -> None:
    for row in rows:
        row.sheet = sheet
        row.save()


@transaction.atomic
def sheet_enter(*, survey, actor, respondent_group: str, answers: dict) -> Sheet:
    """A paper answer sheet typed in by one of the group's people."""
    if not rules.survey_rights(actor, survey.group).enters:
        raise ValidationError(_("Only the group's people type in answer sheets."))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.state != Survey.State.OPEN:
        raise ValidationError(_("Answer sheets are entered while the survey is open."))
    respondent_group = _check_group(survey, respondent_group)
    rows = _answer_rows(survey, answers)
    sheet = _new_sheet(survey, respondent_group=respondent_group, channel=Sheet.Channel.PAPER, entered_by=actor)
    _save_answers(sheet, rows)
    return sheet


def _require_changeable(actor, sheet) -> Survey:
    if not rules.survey_rights(actor, sheet.survey.group).enters:
        raise ValidationError(_("Only the group's people correct or void answer sheets."))
    survey = Survey.objects.select_for_update().get(pk=sheet.survey_id)
    if survey.state != Survey.State.OPEN:
        raise ValidationError(_("Answer sheets are corrected while the survey is open."))
    return survey


@transaction.atomic
def sheet_correct(*, sheet, actor, respondent_group: str, answers: dict) -> Sheet:
    """A typing mistake put right: the sheet's answers replaced (the old ones stay in the history)."""
    survey = _require_changeable(actor, sheet)
    sheet = Sheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.voided:
        raise ValidationError(_("A voided sheet is not corrected."))
    if sheet.channel != Sheet.Channel.PAPER:
        raise ValidationError(_("An answer given online is the respondent's own: it is voided, not corrected."))
    respondent_group = _check_group(survey, respondent_group)
    rows = _answer_rows(survey, answers)
    old = {(a.question_id, a.option_id, a.text) for a in sheet.answers.all()}
    if old == {(a.question.pk, a.option.pk if a.option else None, a.text) for a in rows} and sheet.respondent_group == respondent_group:
        return sheet
    for answer in sheet.answers.all():
        answer.delete()
    _save_answers(sheet, rows)
    sheet.respondent_group = respondent_group
    sheet.save(update_fields=["respondent_group"])
    return sheet


@transaction.atomic
def sheet_void(*, sheet, actor, reason: str) -> Sheet:
    _require_changeable(actor, sheet)
    sheet = Sheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.voided:
        return sheet
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the sheet is voided.")})
    sheet.voided = True
    sheet.void_reason = reason[:200]
    sheet.save(update_fields=["voided", "void_reason"])
    return sheet


@transaction.atomic
def sheet_submit_online(*, code: str, respondent_group: str, answers: dict) -> Sheet:
    """A respondent's answers given in the browser with a one-time code, which is spent by it."""
    found = code_check(code)
    access = AccessCode.objects.select_for_update().get(pk=found.pk)
    survey = Survey.objects.select_for_update().get(pk=access.survey_id)
    if access.spent_at is not None:
        raise CodeRefused(_("This code has already been used. Each code answers once."))
    if survey.state != Survey.State.OPEN:
        raise CodeRefused(_("This survey is not open for answers."))
    respondent_group = access.respondent_group or _check_group(survey, respondent_group)
    rows = _answer_rows(survey, answers)
    access.spent_at = timezone.now()
    access.save(update_fields=["spent_at"])
    sheet = _new_sheet(survey, respondent_group=respondent_group, channel=Sheet.Channel.ONLINE, code=access)
    _save_answers(sheet, rows)
    return sheet
