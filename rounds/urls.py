from django.urls import path

from . import plan_views, prep_views, staffing_views, views

app_name = "rounds"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", staffing_views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    # S01, S02.3: staffing by the rules
    path("<int:pk>/staffing/", staffing_views.round_staffing, name="staffing"),
    path("<int:pk>/staffing/groups/new/", staffing_views.group_create, name="group_create"),
    path("<int:pk>/staffing/units/add/", staffing_views.inspection_add, name="inspection_add"),
    path("inspections/<int:pk>/remove/", staffing_views.inspection_remove, name="inspection_remove"),
    path("<int:pk>/staffing/people/add/", staffing_views.member_add, name="member_add"),
    path("people/<int:pk>/remove/", staffing_views.member_remove, name="member_remove"),
    path("<int:pk>/recusal/", staffing_views.recusal_list, name="recusal"),
    path("recusal/<int:pk>/resolve/", staffing_views.recusal_resolve, name="recusal_resolve"),
    path("people/<int:pk>/declaration/", staffing_views.recusal_declare_for, name="declare_for"),
    path("groups/<int:pk>/declaration/", staffing_views.recusal_declare, name="declare"),
    # S01: the round's papers through the approval chain
    path("<int:pk>/task-plan/", plan_views.task_plan, name="task_plan"),
    path("<int:pk>/task-plan/reopen/", plan_views.task_plan_reopen, name="task_plan_reopen"),
    path("<int:pk>/work-plan/", plan_views.work_plan, name="work_plan"),
    path("<int:pk>/work-plan/filing/", plan_views.work_plan_file, name="work_plan_file"),
    path("groups/<int:pk>/authorization/", plan_views.authorization, name="authorization"),
    path("groups/<int:pk>/authorization/announce/", plan_views.authorization_announce, name="authorization_announce"),
    path("<int:pk>/secondments/", staffing_views.secondment_list, name="secondments"),
    path("<int:pk>/secondments/request/", staffing_views.secondment_request, name="secondment_request"),
    path("secondments/<int:pk>/confirm/", staffing_views.secondment_confirm, name="secondment_confirm"),
    path("secondments/<int:pk>/swap/", staffing_views.secondment_swap, name="secondment_swap"),
]

# Preparation phase, round-level records kept by the office (S02, S04, S06): rounds/prep_views.py.
urlpatterns += [
    path("<int:pk>/mobilization/", prep_views.mobilization, name="mobilization"),
    path("<int:pk>/mobilization/edit/", prep_views.mobilization_edit, name="mobilization_edit"),
    path("<int:pk>/notices/", prep_views.notice_list, name="notice_list"),
    path("<int:pk>/notices/prepare/", prep_views.notice_prepare, name="notice_prepare"),
    path("<int:pk>/notices/issue/", prep_views.notice_issue_all, name="notice_issue_all"),
    path("notices/<int:pk>/", prep_views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/edit/", prep_views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/issue/", prep_views.notice_issue, name="notice_issue"),
    path("<int:pk>/training/", prep_views.training_list, name="training_list"),
    path("<int:pk>/training/new/", prep_views.training_create, name="training_create"),
    path("training/<int:pk>/edit/", prep_views.training_edit, name="training_edit"),
    path("<int:pk>/briefings/", prep_views.briefing_list, name="briefing_list"),
    path("<int:pk>/briefings/prepare/", prep_views.briefing_prepare, name="briefing_prepare"),
    path("<int:pk>/briefings/new/", prep_views.briefing_create, name="briefing_create"),
    path("briefings/<int:pk>/", prep_views.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/edit/", prep_views.briefing_edit, name="briefing_edit"),
    path("briefings/<int:pk>/send/", prep_views.briefing_send, name="briefing_send"),
    path("briefings/<int:pk>/answer/", prep_views.answer_create, name="answer_create"),
    path("briefing-answers/<int:pk>/", prep_views.answer_detail, name="answer_detail"),
    path("briefing-answers/<int:pk>/edit/", prep_views.answer_edit, name="answer_edit"),
    path("inspections/<int:pk>/material/", prep_views.inspection_material, name="inspection_material"),
    path("inspections/<int:pk>/material/new/", prep_views.material_create, name="material_create"),
    path("material/<int:pk>/", prep_views.material_detail, name="material_detail"),
    path("material/<int:pk>/edit/", prep_views.material_edit, name="material_edit"),
    path("groups/<int:pk>/discipline-talks/new/", prep_views.talk_create, name="talk_create"),
    path("discipline-talks/<int:pk>/edit/", prep_views.talk_edit, name="talk_edit"),
    path("<int:pk>/speeches/", prep_views.speech_list, name="speech_list"),
    path("<int:pk>/speeches/new/", prep_views.speech_create, name="speech_create"),
    path("inspections/<int:pk>/speech/", prep_views.speech_adapt, name="speech_adapt"),
    path("speeches/<int:pk>/", prep_views.speech_detail, name="speech_detail"),
    path("speeches/<int:pk>/edit/", prep_views.speech_edit, name="speech_edit"),
    path("speeches/<int:pk>/compare/", prep_views.speech_compare, name="speech_compare"),
    path("speech-versions/<int:pk>/", prep_views.speech_version, name="speech_version"),
]
