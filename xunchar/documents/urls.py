from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<str:kind>/<int:pk>/generate/", views.document_request_view, name="request"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/download/", views.document_get, name="download"),
]
