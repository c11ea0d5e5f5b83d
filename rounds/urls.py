from django.urls import path

from . import plan_views, staffing_views, views

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
    path("<int:pk>/work-plan/", plan_views.work_plan, name="work_plan"),
    path("<int:pk>/work-plan/filing/", plan_views.work_plan_file, name="work_plan_file"),
    path("groups/<int:pk>/authorization/", plan_views.authorization, name="authorization"),
    path("groups/<int:pk>/authorization/announce/", plan_views.authorization_announce, name="authorization_announce"),
    path("<int:pk>/secondments/", staffing_views.secondment_list, name="secondments"),
    path("<int:pk>/secondments/request/", staffing_views.secondment_request, name="secondment_request"),
    path("secondments/<int:pk>/confirm/", staffing_views.secondment_confirm, name="secondment_confirm"),
    path("secondments/<int:pk>/swap/", staffing_views.secondment_swap, name="secondment_swap"),
]
