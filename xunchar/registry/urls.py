from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/export/", views.unit_export, name="unit_export"),
    path("units/import/", views.unit_import, name="unit_import"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("cadres/", views.cadre_list, name="cadre_list"),
    path("cadres/export/", views.cadre_export, name="cadre_export"),
    path("cadres/import/", views.cadre_import, name="cadre_import"),
    path("cadres/<int:pk>/", views.cadre_detail, name="cadre_detail"),
]
