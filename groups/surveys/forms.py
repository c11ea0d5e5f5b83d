from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import Inspection

from .models import Question, Survey
from .services import OPTION_KEYS, QuestionData, SurveyData


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SurveyForm(forms.Form):
    inspection = forms.ModelChoiceField(label=gettext_lazy("Inspected unit"), queryset=Inspection.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Survey.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    instructions = forms.CharField(label=gettext_lazy("Instructions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    respondent_groups = forms.CharField(
        label=gettext_lazy("Respondent groups"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
        help_text=gettext_lazy("One a line, e.g. 县管干部, 中层干部, 一般干部, 退休干部, 服务对象."),
    )
    method = forms.ChoiceField(label=gettext_lazy("Census or sample"), choices=Survey.Method.choices)
    planned_size = forms.IntegerField(label=gettext_lazy("Planned number of respondents"), min_value=1, required=False)

    def __init__(self, *args, group=None, survey=None, **kwargs):
        if survey is not None:
            kwargs.setdefault("initial", {
                "kind": survey.kind, "title": survey.title, "instructions": survey.instructions,
                "respondent_groups": "\n".join(survey.respondent_groups), "method": survey.method,
                "planned_size": survey.planned_size,
            })
        super().__init__(*args, **kwargs)
        if survey is not None:
            del self.fields["inspection"]
        else:
            self.fields["inspection"].queryset = Inspection.objects.filter(group=group).select_related("unit")
            self.fields["inspection"].label_from_instance = lambda inspection: inspection.unit.name

    def data_object(self) -> SurveyData:
        data = self.cleaned_data
        return SurveyData(
            title=data["title"], kind=data["kind"], instructions=data["instructions"],
            respondent_groups=_lines(data["respondent_groups"]), method=data["method"], planned_size=data["planned_size"],
        )


def is_number(text: str) -> bool:
    """Plain ASCII digits only: '²'.isdigit() is true, yet int('²') fails."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def _numbers(text: str) -> list[int]:
    numbers = []
    for part in (text or "").replace("，", ",").replace("、", ",").replace(" ", ",").split(","):
        if part.strip():
            if not is_number(part.strip()):
                raise forms.ValidationError(_("Give the numbers of the options, e.g. 1,2."))
            numbers.append(int(part))
    return numbers


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of question"), choices=Question.Kind.choices)
    text = forms.CharField(label=gettext_lazy("Question"), max_length=300)
    options = forms.CharField(
        label=gettext_lazy("Options"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=gettext_lazy("One a line. A rating scale left empty gets 好 / 较好 / 一般 / 差."),
    )
    satisfied = forms.CharField(
        label=gettext_lazy("Options counted as satisfied"), required=False, initial="1,2",
        help_text=gettext_lazy("Rating scales only: the numbers of the options, e.g. 1,2 for 好 and 较好."),
    )

    def __init__(self, *args, question=None, **kwargs):
        if question is not None:
            options = list(question.options.all())
            kwargs.setdefault("initial", {
                "text": question.text, "options": "\n".join(o.label for o in options),
                "satisfied": ",".join(str(n) for n, o in enumerate(options, 1) if o.satisfied),
            })
        super().__init__(*args, **kwargs)
        if question is not None:
            del self.fields["kind"]
            self.kind = question.kind
            if question.kind == Question.Kind.TEXT:
                del self.fields["options"], self.fields["satisfied"]

    def clean_satisfied(self):
        return _numbers(self.cleaned_data["satisfied"])

    def data_object(self) -> QuestionData:
        data = self.cleaned_data
        return QuestionData(
            kind=data.get("kind") or self.kind, text=data["text"], options=_lines(data.get("options", "")),
            satisfied=data.get("satisfied", []),
        )


class CodesForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("Number of codes"), min_value=1, max_value=1000)
    respondent_group = forms.ChoiceField(label=gettext_lazy("For respondent group"), required=False)

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent_group"].choices = [("", _("Respondent chooses"))] + [(n, n) for n in survey.respondent_groups]


class VoidForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for voiding"), max_length=200)


# --- The keyboard entry screen --------------------------------------------------------------------------------


def option_key(position: int) -> str:
    return OPTION_KEYS[position - 1]


def parse_entry(survey, questions, data) -> tuple[str, dict, dict, list[str]]:
    """Read the entry screen: the respondent group's number, and per question the keys typed (one
    per ticked option: 1–9 then a–z) or the text. Returns (respondent group, answers, the raw values
    to show again, errors)."""
    errors = []
    raw = {"group": (data.get("group") or "").strip()}
    respondent_group = ""
    if survey.respondent_groups:
        keys = {option_key(n): name for n, name in enumerate(survey.respondent_groups, 1)}
        respondent_group = keys.get(raw["group"].lower(), "")
        if not respondent_group:
            errors.append(_("Respondent group: type its key (%(keys)s).") % {"keys": "".join(keys)})
    answers = {}
    for question in questions:
        value = (data.get(f"q{question.pk}") or "").strip()
        raw[question.pk] = value
        if question.kind == Question.Kind.TEXT:
            answers[question.pk] = value
            continue
        keys = {option_key(o.position): o for o in question.options.all()}
        typed = [char for char in value.lower() if not char.isspace() and char not in ",，"]
        if any(char not in keys for char in typed):
            errors.append(_("Question %(number)d: “%(value)s” is not an option key.") % {"number": question.position, "value": value})
            continue
        if question.kind != Question.Kind.MULTIPLE and len(typed) > 1:
            errors.append(_("Question %(number)d takes one answer.") % {"number": question.position})
            continue
        answers[question.pk] = [keys[char].pk for char in typed]
    return respondent_group, answers, raw, errors


def entry_values(survey, sheet) -> dict:
    """The entry screen's values for an entered sheet (to correct it)."""
    groups = survey.respondent_groups
    raw = {"group": option_key(groups.index(sheet.respondent_group) + 1) if sheet.respondent_group in groups else ""}
    for answer in sheet.answers.select_related("option").order_by("question_id", "option__position"):
        if answer.option_id:
            raw[answer.question_id] = raw.get(answer.question_id, "") + option_key(answer.option.position)
        else:
            raw[answer.question_id] = answer.text
    return raw


def parse_public(questions, data) -> dict:
    """The browser form: radio buttons and check boxes carry option ids, text boxes the text."""
    answers = {}
    for question in questions:
        name = f"q{question.pk}"
        if question.kind == Question.Kind.TEXT:
            answers[question.pk] = data.get(name, "")
        else:
            values = data.getlist(name)
            if any(not is_number(v) for v in values):
                values = []
            answers[question.pk] = [int(v) for v in values]
    return answers
