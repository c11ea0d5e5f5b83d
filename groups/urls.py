from django.urls import path

from . import views

app_name = "groups"
urlpatterns = [
    path("<int:pk>/", views.group_detail, name="detail"),
    path("<int:pk>/withdraw/", views.group_withdraw, name="withdraw"),
]
