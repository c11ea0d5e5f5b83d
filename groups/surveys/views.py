from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xunchar.access.services import access_log_export, access_log_record
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless

from . import exports, rules, selectors, services
from .forms import (
    CodesForm,
    QuestionForm,
    SurveyForm,
    VoidForm,
    entry_values,
    is_number,
    option_key,
    parse_entry,
)
from .models import Question, Sheet, Survey

SHEETS_PER_PAGE = 50


def _group(user, pk):
    group = selectors.group_for(user, pk)
    if group is None:
        raise Http404
    return group, rules.survey_rights(user, group)


def _survey(user, pk):
    survey = get_object_or_404(Survey.objects.visible_to(user).select_related("inspection__group__round", "inspection__unit", "created_by"), pk=pk)
    return survey, rules.survey_rights(user, survey.group)


def _question(user, pk):
    question = get_object_or_404(
        Question.objects.filter(survey__in=Survey.objects.visible_to(user)).select_related("survey__inspection__group__round"), pk=pk,
    )
    return question, rules.survey_rights(user, question.survey.group)


def _sheet(user, pk):
    sheet = get_object_or_404(Sheet.objects.visible_to(user).select_related("survey__inspection__group__round", "survey__inspection__unit"), pk=pk)
    return sheet, rules.survey_rights(user, sheet.survey.group)


# --- The group's surveys ---------------------------------------------------------------------------------------


def survey_list(request, pk):
    group, rights = _group(request.user, pk)
    context = {
        "group": group, "rights": rights, "surveys": selectors.surveys_of(request.user, group),
        "inspections": selectors.inspections_of(group) if rights.designs else (),
    }
    return render(request, "surveys/survey_list.html", context)


def survey_create(request, pk):
    group, rights = _group(request.user, pk)
    refuse_unless(rights.designs)
    form = SurveyForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(inspection=form.cleaned_data["inspection"], actor=request.user, data=form.data_object())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return redirect(survey)
    return render(request, "surveys/survey_form.html", {"group": group, "rights": rights, "form": form})


@require_POST
def survey_from_template(request, pk):
    group, rights = _group(request.user, pk)
    refuse_unless(rights.designs)
    posted = request.POST.get("inspection", "")
    inspection = selectors.inspections_of(group).filter(pk=int(posted)).first() if is_number(posted) else None
    if inspection is None:
        messages.error(request, _("Choose the inspected unit."))
        return redirect("surveys:list", group.pk)
    try:
        survey = services.survey_from_template(inspection=inspection, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect("surveys:list", group.pk)
    messages.success(request, _("The standard democratic evaluation form was made; check it and open it."))
    return redirect(survey)


def survey_detail(request, pk):
    survey, rights = _survey(request.user, pk)
    questions = selectors.questions_of(survey)
    for question in questions:
        for option in question.options.all():
            option.key = option_key(option.position)
    draft = survey.state == Survey.State.DRAFT
    context = {
        "group": survey.group, "survey": survey, "rights": rights, "questions": questions,
        "question_form": QuestionForm() if rights.designs and draft else None,
        "codes": selectors.code_counts(survey),
        "sheet_count": survey.sheets.valid().count(),
    }
    return render(request, "surveys/survey_detail.html", context)


def survey_edit(request, pk):
    survey, rights = _survey(request.user, pk)
    refuse_unless(rights.designs)
    form = SurveyForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, actor=request.user, data=form.data_object())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return redirect(survey)
    return render(request, "surveys/survey_form.html", {"group": survey.group, "rights": rights, "form": form, "survey": survey})


@require_POST
def question_add(request, pk):
    survey, rights = _survey(request.user, pk)
    refuse_unless(rights.designs)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(survey=survey, actor=request.user, data=form.data_object())
        except ValidationError as error:
            errors_to_messages(request, error)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(survey)


def question_edit(request, pk):
    question, rights = _question(request.user, pk)
    refuse_unless(rights.designs)
    form = QuestionForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, actor=request.user, data=form.data_object())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return redirect(question.survey)
    context = {"group": question.survey.group, "survey": question.survey, "question": question, "form": form, "rights": rights}
    return render(request, "surveys/question_form.html", context)


@require_POST
def question_remove(request, pk):
    question, rights = _question(request.user, pk)
    refuse_unless(rights.designs)
    try:
        services.question_remove(question=question, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect(question.survey)


@require_POST
def question_move(request, pk):
    question, rights = _question(request.user, pk)
    refuse_unless(rights.designs)
    try:
        services.question_move(question=question, actor=request.user, up=request.POST.get("direction") != "down")
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect(question.survey)


def _survey_move(request, pk, move, done):
    survey, rights = _survey(request.user, pk)
    refuse_unless(rights.designs)
    try:
        move(survey=survey, actor=request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, done)
    return redirect(survey)


@require_POST
def survey_open(request, pk):
    return _survey_move(request, pk, services.survey_open, _("The survey is open: its questions are now fixed."))


@require_POST
def survey_close(request, pk):
    return _survey_move(request, pk, services.survey_close, _("The survey is closed."))


# --- Paper sheets ------------------------------------------------------------------------------------------


def _entry_questions(survey):
    questions = selectors.questions_of(survey)
    for question in questions:
        for option in question.options.all():
            option.key = option_key(option.position)
    return questions


def sheet_entry(request, pk):
    """The keyboard-first entry screen: one paper sheet per screen; Enter saves and opens the next."""
    survey, rights = _survey(request.user, pk)
    refuse_unless(rights.enters)
    questions = _entry_questions(survey)
    raw, errors = {}, []
    if request.method == "POST":
        respondent_group, answers, raw, errors = parse_entry(survey, questions, request.POST)
        if not errors:
            try:
                sheet = services.sheet_enter(survey=survey, actor=request.user, respondent_group=respondent_group, answers=answers)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Sheet no. %(number)d saved.") % {"number": sheet.number})
                return redirect("surveys:entry", survey.pk)
    return _entry_page(request, survey, rights, questions, raw, errors)


def _entry_page(request, survey, rights, questions, raw, errors, sheet=None):
    for question in questions:
        question.value = raw.get(question.pk, "")
    groups = [(option_key(n), name) for n, name in enumerate(survey.respondent_groups, 1)]
    context = {
        "group": survey.group, "survey": survey, "rights": rights, "questions": questions, "errors": errors,
        "group_value": raw.get("group", ""), "respondent_groups": groups, "sheet": sheet,
        "entered": survey.sheets.valid().count(), "planned": survey.planned_size,
    }
    return render(request, "surveys/sheet_entry.html", context, status=400 if errors else 200)


def sheet_edit(request, pk):
    sheet, rights = _sheet(request.user, pk)
    refuse_unless(rights.enters)
    survey = sheet.survey
    questions = _entry_questions(survey)
    raw, errors = entry_values(survey, sheet), []
    if request.method == "POST":
        respondent_group, answers, raw, errors = parse_entry(survey, questions, request.POST)
        if not errors:
            try:
                services.sheet_correct(sheet=sheet, actor=request.user, respondent_group=respondent_group, answers=answers)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Sheet no. %(number)d corrected.") % {"number": sheet.number})
                return redirect("surveys:sheet_list", survey.pk)
    return _entry_page(request, survey, rights, questions, raw, errors, sheet=sheet)


@require_POST
def sheet_void(request, pk):
    sheet, rights = _sheet(request.user, pk)
    refuse_unless(rights.enters)
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the sheet is voided."))
    else:
        try:
            services.sheet_void(sheet=sheet, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("Sheet no. %(number)d voided.") % {"number": sheet.number})
    return redirect("surveys:sheet_list", sheet.survey_id)


def sheet_list(request, pk):
    survey, rights = _survey(request.user, pk)
    refuse_unless(rights.enters or rights.designs)
    sheets = Sheet.objects.visible_to(request.user).filter(survey=survey).select_related("entered_by").order_by("-number")
    page = Paginator(sheets, SHEETS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"group": survey.group, "survey": survey, "rights": rights, "page_obj": page, "void_form": VoidForm()}
    return render(request, "surveys/sheet_list.html", context)


# --- One-time codes --------------------------------------------------------------------------------------------


def codes(request, pk):
    survey, rights = _survey(request.user, pk)
    refuse_unless(rights.makes_codes)
    form = CodesForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.codes_generate(survey=survey, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            # The plain codes exist only in this response: print the slips now.
            context = {"survey": survey, "codes": made, "respondent_group": form.cleaned_data["respondent_group"],
                       "public_url": request.build_absolute_uri("/s/")}
            return render(request, "surveys/code_slips.html", context)
    context = {"group": survey.group, "survey": survey, "rights": rights, "form": form, "counts": selectors.code_counts(survey)}
    return render(request, "surveys/codes.html", context)


# --- Results -----------------------------------------------------------------------------------------------


def results(request, pk):
    survey, rights = _survey(request.user, pk)
    if survey.state == Survey.State.DRAFT:
        messages.info(request, _("The survey has not been opened: there are no answers yet."))
    outcome = selectors.survey_results(survey)
    access_log_record(request=request, obj=survey)
    context = {
        "group": survey.group, "survey": survey, "rights": rights, "results": outcome,
        "chart_data": selectors.chart_data(outcome),
        "group_names": [selectors.group_label(name) for name in outcome.groups],
        "groups_counts": list(zip([selectors.group_label(name) for name in outcome.groups], outcome.sheets_by_group, strict=True)),
    }
    return render(request, "surveys/results.html", context)


def results_export(request, pk):
    survey, _rights = _survey(request.user, pk)
    outcome = selectors.survey_results(survey)
    access_log_export(request=request, model=Sheet, count=outcome.sheet_count, what=f"{survey.title} 结果")
    response = HttpResponse(exports.results_workbook(outcome), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = exports.attachment_header(f"{survey.title}-结果.xlsx")
    return response
