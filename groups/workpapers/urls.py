from django.urls import path

from . import views

app_name = "workpapers"
urlpatterns = [
    path("groups/<int:pk>/", views.paper_list, name="list"),
    path("groups/<int:pk>/new/", views.paper_create, name="create"),
    path("<int:pk>/", views.paper_detail, name="detail"),
    path("<int:pk>/edit/", views.paper_edit, name="edit"),
    path("<int:pk>/submit/", views.paper_submit, name="submit"),
    path("<int:pk>/decide/", views.paper_decide, name="decide"),
    path("<int:pk>/hand-over/", views.paper_hand_over, name="hand_over"),
    path("<int:pk>/reopen/", views.paper_reopen, name="reopen"),
    path("<int:pk>/tags/", views.paper_tag, name="tag"),
]
