from django.urls import path

from . import views

app_name = "clues"
urlpatterns = [
    path("", views.index, name="index"),
    path("groups/<int:pk>/clues/", views.clue_list, name="clue_list"),
    path("groups/<int:pk>/spot-checks/", views.spot_check_list, name="spot_check_list"),
    path("groups/<int:pk>/inquiries/", views.inquiry_list, name="inquiry_list"),
    path("groups/<int:pk>/help/", views.help_list, name="help_list"),
    path("<int:pk>/", views.clue_detail, name="clue_detail"),
    path("<int:pk>/entries/", views.clue_add_entry, name="clue_add_entry"),
    path("spot-checks/<int:pk>/", views.spot_check_detail, name="spot_check_detail"),
    path("spot-checks/<int:pk>/people/", views.spot_check_add_person, name="spot_check_add_person"),
    path("spot-checks/<int:pk>/propose/", views.spot_check_propose, name="spot_check_propose"),
    path("spot-checks/<int:pk>/send/", views.spot_check_send, name="spot_check_send"),
    path("spot-checks/<int:pk>/answer/", views.spot_check_answer, name="spot_check_answer"),
    path("spot-checks/<int:pk>/deliver/", views.spot_check_deliver, name="spot_check_deliver"),
    path("spot-check-people/<int:pk>/remove/", views.spot_check_remove_person, name="spot_check_remove_person"),
    path("spot-check-people/<int:pk>/fill/", views.spot_check_fill, name="spot_check_fill"),
    path("spot-check-people/<int:pk>/to-clue/", views.spot_check_to_clue, name="spot_check_to_clue"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/arrangement/", views.inquiry_arrange, name="inquiry_arrange"),
    path("inquiries/<int:pk>/interview/", views.inquiry_interview, name="inquiry_interview"),
    path("help/", views.help_all, name="help_all"),
    path("help/<int:pk>/", views.help_detail, name="help_detail"),
]
