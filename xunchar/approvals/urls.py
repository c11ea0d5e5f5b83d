from django.urls import path

from . import views

app_name = "approvals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/versions/", views.compare, name="compare"),
    path("submit/<str:chain>/<int:pk>/", views.submit, name="submit"),
]
