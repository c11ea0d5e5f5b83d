from django.urls import path

from . import views

app_name = "docrequests"
urlpatterns = [
    path("groups/<int:pk>/", views.register, name="register"),
    path("groups/<int:pk>/export/", views.export, name="export"),
    path("inspections/<int:pk>/", views.request_list, name="request_list"),
    path("inspections/<int:pk>/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/sign-out/", views.item_sign_out, name="item_sign_out"),
    path("items/<int:pk>/return/", views.item_return, name="item_return"),
    path("items/<int:pk>/not-provided/", views.item_not_provided, name="item_not_provided"),
]
