from django.urls import path

from . import views

app_name = "sealing"
urlpatterns = [
    path("", views.index, name="index"),
    path("propose/<str:label>/<int:pk>/", views.propose, name="propose"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/open/", views.open_item, name="open"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/deliver/", views.deliver, name="deliver"),
    path("<int:pk>/readers/", views.add_reader, name="add_reader"),
    path("<int:pk>/readers/<int:user_pk>/remove/", views.remove_reader, name="remove_reader"),
]
