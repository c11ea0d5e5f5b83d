from django.urls import path

from . import views

app_name = "petitions"
urlpatterns = [
    path("", views.index, name="index"),
    path("groups/<int:pk>/", views.ledger, name="ledger"),
    path("groups/<int:pk>/new/", views.create, name="create"),
    path("groups/<int:pk>/export/", views.export, name="export"),
    path("groups/<int:pk>/emergency-plan/", views.emergency_plan, name="emergency_plan"),
    path("groups/<int:pk>/incidents/", views.incident_list, name="incident_list"),
    path("incidents/", views.incidents_all, name="incidents_all"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/within-scope/", views.mark_within_scope, name="mark_within_scope"),
    path("<int:pk>/important/", views.mark_important, name="mark_important"),
    path("<int:pk>/not-handled/", views.mark_not_handled, name="mark_not_handled"),
]
