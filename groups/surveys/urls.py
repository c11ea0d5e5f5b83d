from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("groups/<int:pk>/", views.survey_list, name="list"),
    path("groups/<int:pk>/new/", views.survey_create, name="create"),
    path("groups/<int:pk>/template/", views.survey_from_template, name="create_from_template"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/questions/", views.question_add, name="question_add"),
    path("<int:pk>/open/", views.survey_open, name="open"),
    path("<int:pk>/close/", views.survey_close, name="close"),
    path("<int:pk>/entry/", views.sheet_entry, name="entry"),
    path("<int:pk>/sheets/", views.sheet_list, name="sheet_list"),
    path("<int:pk>/codes/", views.codes, name="codes"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.xlsx", views.results_export, name="results_export"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("sheets/<int:pk>/", views.sheet_edit, name="sheet_edit"),
    path("sheets/<int:pk>/void/", views.sheet_void, name="sheet_void"),
]
