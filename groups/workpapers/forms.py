from django import forms
from django.utils.translation import gettext_lazy as _

from groups.forms import MembershipChoice
from groups.models import GroupMembership, Inspection

from . import selectors
from .services import PaperData


def _text(rows=4):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class InspectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, inspection):
        return str(inspection.unit)


class PetitionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, petition):
        return petition.reference


class TalkChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, talk):
        return f"{talk.subject_display}（{talk.day:%Y-%m-%d}）"


class ProblemChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, problem):
        text = problem.text if len(problem.text) <= 40 else f"{problem.text[:40]}…"
        return f"{problem.record.talk.subject_name}：【{problem.get_category_display()}】{text}"


class DocumentChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, item):
        return selectors.document_label(item)


class SurveyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, survey):
        return selectors.survey_label(survey)


class WorkingPaperForm(forms.Form):
    """The author's form: plain fields in reading order, sources as checkboxes (Tab and Space), the
    first field focused."""

    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"size": 80, "autofocus": True}))
    inspection = InspectionChoice(label=_("Unit concerned"), queryset=Inspection.objects.none(), required=False)
    summary = forms.CharField(label=_("Problem summary"), widget=_text(4))
    petitions = PetitionChoice(label=_("Petitions"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    talks = TalkChoice(label=_("Talks"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    talk_problems = ProblemChoice(label=_("Problems raised in talks"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    documents = DocumentChoice(label=_("Documents consulted"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    surveys = SurveyChoice(label=_("Surveys"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    other_sources = forms.CharField(label=_("Other sources"), required=False, widget=_text(3),
                                    help_text=_("Field visits and anything not listed above … one a line."))
    investigation = forms.CharField(label=_("How it was looked into"), required=False, widget=_text(6))
    facts = forms.CharField(label=_("Facts established"), required=False, widget=_text(6))
    evidence = forms.CharField(label=_("Supporting material"), required=False, widget=_text(4),
                               help_text=_("One item a line; upload the files on the paper's page."))

    def __init__(self, *args, group, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = Inspection.objects.filter(group=group).select_related("unit")
        self.fields["petitions"].queryset = selectors.petitions_to_choose(user, group).order_by("number")
        self.fields["talks"].queryset = selectors.talks_to_choose(user, group).order_by("planned_on", "id")
        self.fields["talk_problems"].queryset = selectors.talk_problems_to_choose(user, group).order_by("record__talk__planned_on", "id")
        self.fields["documents"].queryset = selectors.documents_to_choose(user, group).order_by("inspection", "number")
        self.fields["surveys"].queryset = selectors.surveys_to_choose(user, group).order_by("created_at", "id")

    @classmethod
    def initial_for(cls, paper) -> dict:
        return {
            "title": paper.title, "inspection": paper.inspection_id, "summary": paper.summary,
            "petitions": list(paper.petitions.values_list("pk", flat=True)),
            "talks": list(paper.talks.values_list("pk", flat=True)),
            "talk_problems": list(paper.talk_problems.values_list("pk", flat=True)),
            "documents": list(paper.documents.values_list("pk", flat=True)),
            "surveys": list(paper.surveys.values_list("pk", flat=True)),
            "other_sources": paper.other_sources, "investigation": paper.investigation, "facts": paper.facts,
            "evidence": paper.evidence,
        }

    def data_for_service(self) -> PaperData:
        data = self.cleaned_data
        return PaperData(
            title=data["title"], summary=data["summary"], investigation=data["investigation"], facts=data["facts"],
            evidence=data["evidence"], other_sources=data["other_sources"], inspection=data["inspection"],
            talks=list(data["talks"]), talk_problems=list(data["talk_problems"]), petitions=list(data["petitions"]),
            documents=list(data["documents"]), surveys=list(data["surveys"]),
        )


class DecisionForm(forms.Form):
    opinion = forms.CharField(label=_("Opinion"), required=False, widget=_text(3))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why it is reopened"), widget=_text(2))


class HandOverForm(forms.Form):
    custodian = MembershipChoice(label=_("Custodian"), queryset=GroupMembership.objects.none())

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["custodian"].queryset = selectors.custodians_to_choose(group).in_role_order().select_related("cadre")


class ClueChoice(forms.ModelChoiceField):
    def label_from_instance(self, clue):
        return f"{clue}（{clue.person}）"


class TagForm(forms.Form):
    for_report = forms.BooleanField(label=_("Into the inspection report"), required=False)
    for_problem_list = forms.BooleanField(label=_("Into the problem list"), required=False)
    as_clue = forms.BooleanField(label=_("As a clue"), required=False)
    clue = ClueChoice(label=_("Linked clue"), queryset=None, required=False)

    def __init__(self, *args, group, user, **kwargs):
        from clues.models import Clue

        super().__init__(*args, **kwargs)
        self.fields["clue"].queryset = Clue.objects.visible_to(user).filter(group=group).select_related("group")
