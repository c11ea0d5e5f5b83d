"""The respondents' page (/s/): the only page of the system reachable without an account."""

from django.urls import path

from . import public

app_name = "surveys_public"
urlpatterns = [
    path("", public.start, name="start"),
    path("answer/", public.answer, name="answer"),
]
