"""The one page open without an account: a respondent types a one-time code and answers the survey
it belongs to, once. It shows that survey's form and nothing else — no results, no other survey —
and counts wrong codes per client so that codes cannot be guessed."""

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from xunchar.audit.services import client_address

from . import selectors, services
from .forms import parse_public

MAX_WRONG = 10
WINDOW_SECONDS = 600


def _key(request) -> str:
    return f"surveys:wrong-codes:{client_address(request) or 'unknown'}"


def _throttled(request) -> bool:
    return (cache.get(_key(request)) or 0) >= MAX_WRONG


def _count_wrong(request) -> None:
    key = _key(request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, WINDOW_SECONDS)


def _refuse(request, message, status=400):
    return render(request, "surveys/public/start.html", {"error": message}, status=status)


def _checked_code(request):
    """(code, AccessCode) or (None, refusal response)."""
    if _throttled(request):
        return None, _refuse(request, _("Too many wrong codes from this computer. Try again in ten minutes."), status=429)
    code = request.POST.get("code", "")
    try:
        return code, services.code_check(code)
    except ValidationError as error:
        _count_wrong(request)
        return None, _refuse(request, error.messages[0])


def _form_page(request, code, access, *, error="", posted=None, status=200):
    survey = access.survey
    questions = selectors.questions_of(survey)
    chosen = posted or {}
    for question in questions:
        question.posted = chosen.get(question.pk, [] if question.has_options else "")
    context = {
        "survey": survey, "questions": questions, "code": services.format_code(services.normalize_code(code)),
        "fixed_group": access.respondent_group, "respondent_groups": survey.respondent_groups,
        "error": error, "chosen_group": request.POST.get("respondent_group", ""),
    }
    return render(request, "surveys/public/answer.html", context, status=status)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    if request.method == "GET":
        return render(request, "surveys/public/start.html", {})
    code, access = _checked_code(request)
    if code is None:
        return access
    return _form_page(request, code, access)


@login_not_required
@never_cache
@require_POST
def answer(request):
    code, access = _checked_code(request)
    if code is None:
        return access
    questions = selectors.questions_of(access.survey)
    answers = parse_public(questions, request.POST)
    try:
        services.sheet_submit_online(code=code, respondent_group=request.POST.get("respondent_group", ""), answers=answers)
    except services.CodeRefused as error:
        return _refuse(request, error.messages[0])
    except ValidationError as error:
        posted = {q.pk: [str(v) for v in answers[q.pk]] if q.has_options else answers[q.pk] for q in questions}
        return _form_page(request, code, access, error=" ".join(error.messages), posted=posted, status=400)
    return render(request, "surveys/public/thanks.html", {"title": access.survey.title})
