from django.urls import path

from . import views

app_name = "twofactor"
urlpatterns = [
    path("", views.verify, name="verify"),
]
