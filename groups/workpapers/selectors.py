"""Reads of the working papers. Everything starts from a `visible_to(user)` queryset, so a list, a
count, a source and a PDF never reach a record the reader may not see; and no source under seal
(径送件, xunchar/sealing) ever shows its content here — not even to its readers, who open it on the
sealing page."""

from dataclasses import dataclass

from django.db.models import Count

from groups.docrequests.models import DocumentItem
from groups.models import InspectionGroup
from groups.surveys.models import Survey
from groups.talk_models import Talk, TalkProblem, TalkRecord
from petitions.models import Petition, PetitionContent
from xunchar.access import policy
from xunchar.approvals.models import ApprovalDecision, ApprovalRequest
from xunchar.sealing.policy import without_sealed

from .models import CHAIN, Stage, WorkingPaper

SEALED_LABEL = "径送件（已密封）"


def group_for(user, pk):
    """A group whose working papers the user may see (None: out of scope, a 404)."""
    return policy.group_material_visible_to(InspectionGroup.objects.select_related("round"), user, group_field="pk").filter(pk=pk).first()


def papers_of(user, group, stage: str | None = None):
    papers = (
        WorkingPaper.objects.visible_to(user).filter(group=group).with_stage()
        .select_related("group__round", "inspection__unit", "author", "custodian__cadre")
        .order_by("-number")
    )
    if stage:
        papers = papers.filter(stage=stage)
    return papers


def stage_counts(user, group) -> dict[str, int]:
    """{stage: count} of the group's papers the user sees, every stage present (one query)."""
    rows = (
        WorkingPaper.objects.visible_to(user).filter(group=group).with_stage()
        .order_by().values("stage").annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(Stage.values, 0)
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


def custodians_to_choose(group):
    """The group's people a paper may be handed to: those who still reach its material — after the
    withdrawal the leader and the liaison only (policy.access_giving)."""
    from groups.models import GroupMembership

    return policy.access_giving(GroupMembership.objects.filter(group=group))


# --- Sources --------------------------------------------------------------------------------------------------


def petitions_to_choose(user, group):
    """The group's petitions the user may see and that are not under seal."""
    return without_sealed(Petition.objects.visible_to(user).filter(group=group), source_model=Petition).select_related("round", "group")


def talks_to_choose(user, group):
    return without_sealed(Talk.objects.visible_to(user).filter(group=group), source_model=TalkRecord, source_field="record")


def talk_problems_to_choose(user, group):
    return without_sealed(
        TalkProblem.objects.visible_to(user).filter(record__talk__group=group), source_model=TalkRecord, source_field="record",
    ).select_related("record__talk")


def documents_to_choose(user, group):
    """The group's requested documents (调阅资料) the user may see. A classified item may be chosen: it
    is only ever named by its registration data (document_label)."""
    return DocumentItem.objects.visible_to(user).filter(inspection__group=group).select_related("inspection__unit")


def surveys_to_choose(user, group):
    """The surveys of the group's inspections the user may see."""
    return Survey.objects.visible_to(user).filter(inspection__group=group)


SURVEY_KINDS = {Survey.Kind.EVALUATION: "民主测评", Survey.Kind.QUESTIONNAIRE: "问卷调查"}


def document_label(item: DocumentItem) -> str:
    """调阅资料 财政局第3项“2024年局党组会议纪要”（秘密，示财〔2024〕7号）: registration data only —
    a classified item has no content here, and none is ever shown."""
    label = f"调阅资料 {item.inspection.unit}第{item.number}项“{item.title}”"
    if item.classified:
        label += f"（{'，'.join(filter(None, [item.level_display, item.document_number]))}）"
    return label


def survey_label(survey: Survey) -> str:
    """问卷调查“财政局干部作风问卷”."""
    return f"{SURVEY_KINDS.get(survey.kind, survey.kind)}“{survey.title}”"


@dataclass(frozen=True)
class SourceLine:
    kind: str
    label: str
    url: str = ""
    sealed: bool = False


def sources_for(user, paper: WorkingPaper) -> list[SourceLine]:
    """The paper's sources as this reader may see them: a linked item the reader may not see is left
    out; one under seal shows as 径送件（已密封） only."""
    lines: list[SourceLine] = []
    linked_petitions = list(paper.petitions.select_related("round", "group").order_by("number"))
    if linked_petitions:
        ids = [p.pk for p in linked_petitions]
        visible = set(Petition.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        open_ = set(without_sealed(Petition.objects.filter(pk__in=ids), source_model=Petition).values_list("pk", flat=True))
        summaries = dict(PetitionContent.objects.visible_to(user).filter(petition__in=open_ & visible).values_list("petition", "summary"))
        for petition in linked_petitions:
            if petition.pk not in visible:
                continue
            if petition.pk not in open_:
                lines.append(SourceLine("petition", SEALED_LABEL, sealed=True))
            else:
                summary = summaries.get(petition.pk, "")
                label = f"{petition.reference}　{summary}" if summary else petition.reference
                lines.append(SourceLine("petition", label, petition.get_absolute_url()))
    linked_talks = list(paper.talks.select_related("group").order_by("planned_on", "id"))
    if linked_talks:
        ids = [t.pk for t in linked_talks]
        visible = set(Talk.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        open_ = set(without_sealed(Talk.objects.filter(pk__in=ids), source_model=TalkRecord, source_field="record").values_list("pk", flat=True))
        for talk in linked_talks:
            if talk.pk in visible:
                if talk.pk in open_:
                    lines.append(SourceLine("talk", str(talk), talk.get_absolute_url()))
                else:
                    lines.append(SourceLine("talk", SEALED_LABEL, sealed=True))
    linked_problems = list(paper.talk_problems.select_related("record__talk__group").order_by("id"))
    if linked_problems:
        ids = [p.pk for p in linked_problems]
        readable = set(
            without_sealed(TalkProblem.objects.visible_to(user).filter(pk__in=ids), source_model=TalkRecord, source_field="record")
            .values_list("pk", flat=True)
        )
        seen = set(TalkProblem.objects.filter(pk__in=ids, record__talk__in=Talk.objects.visible_to(user)).values_list("pk", flat=True))
        for problem in linked_problems:
            if problem.pk in readable:
                lines.append(SourceLine(
                    "talk_problem", f"{problem.record.talk}：【{problem.get_category_display()}】{problem.text}",
                    problem.record.get_absolute_url(),
                ))
            elif problem.pk in seen:
                lines.append(SourceLine("talk_problem", SEALED_LABEL, sealed=True))
    linked_documents = list(paper.documents.select_related("inspection__unit").order_by("inspection", "number"))
    if linked_documents:
        visible = set(DocumentItem.objects.visible_to(user).filter(pk__in=[d.pk for d in linked_documents]).values_list("pk", flat=True))
        lines += [SourceLine("document", document_label(d), d.get_absolute_url()) for d in linked_documents if d.pk in visible]
    linked_surveys = list(paper.surveys.order_by("created_at", "id"))
    if linked_surveys:
        visible = set(Survey.objects.visible_to(user).filter(pk__in=[s.pk for s in linked_surveys]).values_list("pk", flat=True))
        lines += [SourceLine("survey", survey_label(s), s.get_absolute_url()) for s in linked_surveys if s.pk in visible]
    lines.extend(SourceLine("other", text) for text in paper.other_source_list)
    return lines


# --- Review -----------------------------------------------------------------------------------------------------


def approval_of(paper) -> ApprovalRequest | None:
    return ApprovalRequest.objects.of(paper).filter(chain=CHAIN).first()


def signature(paper) -> dict:
    """The checker's and signer's names, titles and days of the latest approval (empty until decided)."""
    from django.utils import timezone

    from xunchar.workdays.calendar import chinese_date

    request = approval_of(paper)
    result = dict.fromkeys(("checker", "checked_on", "checker_title", "check_opinion", "signer", "signed_on", "signer_title", "sign_opinion"), "")
    if request is None:
        return result
    decisions = list(request.decisions.select_related("actor").order_by("id"))
    last_submission = max((i for i, d in enumerate(decisions) if d.outcome == ApprovalDecision.Outcome.SUBMITTED), default=None)
    if last_submission is None:
        return result
    for decision in decisions[last_submission:]:
        day = chinese_date(timezone.localdate(decision.decided_at))
        if decision.outcome == ApprovalDecision.Outcome.CHECKED:
            result.update(checker=decision.actor.display_name, checked_on=day, checker_title=decision.actor_title, check_opinion=decision.opinion)
        elif decision.outcome == ApprovalDecision.Outcome.SIGNED:
            result.update(signer=decision.actor.display_name, signed_on=day, signer_title=decision.actor_title, sign_opinion=decision.opinion)
    return result


def withdrawal_open_items(group: InspectionGroup) -> list[str]:
    """For the withdrawal gate (S28): a paper still being written or reviewed, or signed but not yet with its
    custodian. After withdrawal its author and the deputy leader no longer reach it, so each is finished
    on site."""
    sentences = []
    papers = WorkingPaper.objects.filter(group=group).with_stage().select_related("group__round").order_by("number")
    for paper in papers:
        if paper.stage == Stage.HANDED:
            continue
        if paper.stage == Stage.SIGNED:
            sentences.append(f"工作底稿{paper.reference}“{paper.title}”已签批，尚未交保管人保管。")
        else:
            sentences.append(f"工作底稿{paper.reference}“{paper.title}”尚未完成审核签批（{Stage(paper.stage).label}）。")
    return sentences
