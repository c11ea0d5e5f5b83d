from django.urls import path

from . import views

app_name = "files"
urlpatterns = [
    path("<int:pk>/download/", views.attachment_get, name="download"),
    path("<str:model>/<int:pk>/", views.attachment_list, name="list"),
    path("<str:model>/<int:pk>/add/", views.attachment_add, name="add"),
]
