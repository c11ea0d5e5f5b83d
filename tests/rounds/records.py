"""The preparation records of the `county` fixture (tests/conftest.py), made directly — no
notifications, no services — so that they change nothing else the suite looks at.

Group 1's notice (to 示例县财政局) is issued, group 2's (to 示例县教育局) still a draft; the discipline
commission's letter is sent and answered for group 1; the organization department's is a draft;
group 1 has material, a talk with the discipline commission, a study session and its own speech.
"""

import datetime

from rounds.models import (
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

D = datetime.date

NOTICE_TEXT = {
    "opening": "根据县委巡察工作统一部署，县委巡察组将对你单位党组织开展巡察。",
    "main_tasks": "重点监督检查落实全面从严治党战略部署情况。",
    "working_methods": "听取汇报、个别谈话、调阅资料。",
    "schedule": "2026年10月14日进驻。",
    "contact_person": "联络员",
    "contact_phone": "0000-1234567",
    "contact_arrangements": "请明确一名联络员。",
    "requirements": "请认真做好配合工作。",
}


def preparation_records(round_, group1, group2, inspection1, inspection2, users) -> dict:
    office = users["office"]
    meeting = MobilizationMeeting.objects.create(
        round=round_, held_on=D(2026, 10, 12), place="县委第一会议室", chair="县委书记", recorded_by=office
    )
    OfficeDocumentSerial.objects.create(series=OfficeDocumentSerial.Series.NOTICE, year=2026, last_serial=1)
    OfficeDocumentSerial.objects.create(series=OfficeDocumentSerial.Series.LETTER, year=2026, last_serial=1)
    notice1 = InspectionNotice.objects.create(
        inspection=inspection1, title="关于县委第一巡察组对示例县财政局党组织开展巡察的通知", addressee="示例县财政局党组织",
        status=InspectionNotice.Status.ISSUED, document_prefix="巡察办", year=2026, serial=1,
        issued_on=D(2026, 10, 12), issued_by=office, prepared_by=office, **NOTICE_TEXT,
    )
    notice2 = InspectionNotice.objects.create(
        inspection=inspection2, title="关于县委第二巡察组对示例县教育局党组织开展巡察的通知", addressee="示例县教育局党组织",
        prepared_by=office, **NOTICE_TEXT,
    )
    central = TrainingSession.objects.create(
        round=round_, kind=TrainingSession.Kind.CENTRAL, held_on=D(2026, 10, 12), topic="巡察工作集中培训",
        recorded_by=office,
    )
    study1 = TrainingSession.objects.create(
        round=round_, kind=TrainingSession.Kind.GROUP, group=group1, held_on=D(2026, 10, 13),
        topic="第一组分组学习", content="学习财政领域政策法规", recorded_by=office,
    )
    briefing_sent = BriefingRequest.objects.create(
        round=round_, department=BriefingRequest.Department.DISCIPLINE, addressee="示例县纪委监委",
        topics=["political_ecology", "clue_handling"], status=BriefingRequest.Status.SENT, document_prefix="巡察办",
        year=2026, serial=1, sent_on=D(2026, 10, 12), due_on=D(2026, 10, 16), sent_by=office, prepared_by=office,
    )
    briefing_draft = BriefingRequest.objects.create(
        round=round_, department=BriefingRequest.Department.ORGANIZATION, addressee="示例县委组织部",
        topics=["cadre_selection"], prepared_by=office,
    )
    answer1 = BriefingAnswer.objects.create(
        request=briefing_sent, group=group1, received_on=D(2026, 10, 15),
        summary="财政局政治生态总体向好，近三年收到反映该局问题的信访举报4件。", recorded_by=office,
    )
    material1 = EarlierMaterialItem.objects.create(
        inspection=inspection1, kind=EarlierMaterialItem.Kind.AUDIT_REPORT, title="财政局2025年度预算执行审计报告",
        provided_by="示例县审计局", received_on=D(2026, 10, 13), recorded_by=office,
    )
    talk1 = DisciplineTalk.objects.create(
        group=group1, held_on=D(2026, 10, 13), commission_participants="县纪委副书记", recorded_by=office
    )
    talk1.group_participants.set(group1.memberships.filter(role__in=["leader", "deputy"]))
    generic = SpeechDraft.objects.create(
        round=round_, kind=SpeechDraft.Kind.LEADER_GENERIC, title="组长讲话通稿", text="同志们：\n今天召开××单位巡察工作动员会。",
        version_count=1, updated_by=office,
    )
    SpeechDraftVersion.objects.create(draft=generic, number=1, text=generic.text, author=office)
    speech1 = SpeechDraft.objects.create(
        round=round_, kind=SpeechDraft.Kind.LEADER_UNIT, inspection=inspection1, based_on=generic,
        title="组长讲话（财政局）", text="同志们：\n今天召开示例县财政局巡察工作动员会，财政资金监管是重点。",
        version_count=2, updated_by=office,
    )
    SpeechDraftVersion.objects.create(
        draft=speech1, number=1, text="同志们：\n今天召开示例县财政局巡察工作动员会。", author=office
    )
    speech1_v2 = SpeechDraftVersion.objects.create(draft=speech1, number=2, text=speech1.text, author=office)
    return {
        "meeting": meeting, "notice1": notice1, "notice2": notice2, "training_central": central,
        "training_group1": study1, "briefing_sent": briefing_sent, "briefing_draft": briefing_draft,
        "answer1": answer1, "material1": material1, "discipline_talk1": talk1, "speech_generic": generic,
        "speech1": speech1, "speech1_v2": speech1_v2,
    }
