from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_overview, name="overview"),
    path("years/<int:year>/", views.year_edit, name="year"),
    path("days/new/", views.day_create, name="day_create"),
    path("days/<int:pk>/edit/", views.day_edit, name="day_edit"),
    path("days/<int:pk>/delete/", views.day_delete, name="day_delete"),
    path("holidays/new/", views.holiday_create, name="holiday_create"),
]
