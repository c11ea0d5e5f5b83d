from django.urls import path

from . import talk_views, views

app_name = "groups"
urlpatterns = [
    path("<int:pk>/", views.group_detail, name="detail"),
    # Preparation: the group's own part (S03, S05, S07)
    path("<int:pk>/enter/", views.group_mark_entered, name="mark_entered"),
    path("<int:pk>/meetings/", views.meeting_list, name="meeting_list"),
    path("<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/meetings/deputy/", views.meetings_deputy, name="meetings_deputy"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/branch/", views.branch, name="branch"),
    path("<int:pk>/pledges/", views.pledge_list, name="pledge_list"),
    path("<int:pk>/pledges/sign/", views.pledge_sign, name="pledge_sign"),
    path("<int:pk>/work-plan/", views.work_plan, name="work_plan"),
    path("<int:pk>/work-plan/edit/", views.work_plan_edit, name="work_plan_edit"),
    path("<int:pk>/work-plan/file/", views.work_plan_file, name="work_plan_file"),
    path("<int:pk>/work-plan/reopen/", views.work_plan_reopen, name="work_plan_reopen"),
    path("<int:pk>/duties/", views.duties, name="duties"),
    path("work-plans/<int:pk>/", views.work_plan_revision, name="work_plan_revision"),
    path("work-plans/<int:pk>/receive/", views.work_plan_acknowledge, name="work_plan_acknowledge"),
    path("inspections/<int:pk>/opinions/", views.opinion_list, name="opinion_list"),
    path("inspections/<int:pk>/opinions/new/", views.opinion_create, name="opinion_create"),
    path("opinions/<int:pk>/edit/", views.opinion_edit, name="opinion_edit"),
    path("inspections/<int:pk>/focus/", views.focus_list, name="focus_list"),
    path("inspections/<int:pk>/focus/new/", views.focus_create, name="focus_create"),
    path("focus/<int:pk>/edit/", views.focus_edit, name="focus_edit"),
    path("focus/<int:pk>/move/", views.focus_move, name="focus_move"),
    path("inspections/<int:pk>/checklist/", views.checklist, name="checklist"),
    path("inspections/<int:pk>/self-report/", views.self_report, name="self_report"),
    path("inspections/<int:pk>/self-report/submit/", views.self_report_submit, name="self_report_submit"),
    path("self-reports/<int:pk>/", views.self_report_version, name="self_report_version"),
    path("self-reports/<int:pk>/decide/", views.self_report_decide, name="self_report_decide"),
    path("inspections/<int:pk>/facilities/", views.facilities, name="facilities"),
    path("rounds/<int:pk>/entry/", views.entry_rollup, name="entry_rollup"),
    path("rounds/<int:pk>/entry/export/", views.entry_rollup_export, name="entry_rollup_export"),
]

# Individual talks (S12, issue 5 §3): groups/talk_views.py
urlpatterns += [
    path("talks/groups/<int:pk>/", talk_views.talk_list, name="talk_list"),
    path("talks/groups/<int:pk>/new/", talk_views.talk_create, name="talk_create"),
    path("talks/groups/<int:pk>/export/", talk_views.talk_export, name="talk_export"),
    path("talks/rounds/<int:pk>/outline/", talk_views.talk_outline, name="talk_outline"),
    path("talks/<int:pk>/", talk_views.talk_detail, name="talk_detail"),
    path("talks/<int:pk>/edit/", talk_views.talk_edit, name="talk_edit"),
    path("talks/<int:pk>/held/", talk_views.talk_held, name="talk_held"),
    path("talks/<int:pk>/cancel/", talk_views.talk_cancel, name="talk_cancel"),
    path("talks/<int:pk>/record/", talk_views.talk_record, name="talk_record"),
    path("talks/<int:pk>/record/problems/", talk_views.talk_problem_add, name="talk_problem_add"),
    path("talks/<int:pk>/record/read/", talk_views.talk_record_read, name="talk_record_read"),
    path("talks/problems/<int:pk>/remove/", talk_views.talk_problem_remove, name="talk_problem_remove"),
]
