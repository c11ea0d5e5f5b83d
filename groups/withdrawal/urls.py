from django.urls import path

from . import views

app_name = "withdrawal"
urlpatterns = [
    path("groups/<int:pk>/", views.checklist, name="checklist"),
    path("groups/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("groups/<int:pk>/equipment/", views.equipment_add, name="equipment_add"),
    path("groups/<int:pk>/destructions/", views.destruction_add, name="destruction_add"),
    path("groups/<int:pk>/zero-holding/", views.zero_holding_sign, name="zero_holding_sign"),
    path("inspections/<int:pk>/talk/", views.exit_talk, name="exit_talk"),
    path("equipment/<int:pk>/return/", views.equipment_return, name="equipment_return"),
    path("destructions/<int:pk>/check/", views.destruction_check, name="destruction_check"),
    path("members/<int:pk>/zero-holding/paper/", views.zero_holding_paper, name="zero_holding_paper"),
]
