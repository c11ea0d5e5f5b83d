from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from xunchar.accounts.forms import LoginForm

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True), name="login"),
    path("accounts/", include("xunchar.accounts.urls")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/otp/", include("xunchar.twofactor.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("xunchar.core.urls")),
    path("registry/", include("xunchar.registry.urls")),
    path("calendar/", include("xunchar.workdays.urls")),
    path("deadlines/", include("xunchar.deadlines.urls")),
    path("notifications/", include("xunchar.notifications.urls")),
    path("rounds/", include("rounds.urls")),
    path("groups/", include("groups.urls")),
    path("files/", include("xunchar.files.urls")),
    path("documents/", include("xunchar.documents.urls")),
    path("manage/", include("xunchar.administration.urls")),
    path("approvals/", include("xunchar.approvals.urls")),
    path("petitions/", include("petitions.urls")),
    path("sealed/", include("xunchar.sealing.urls")),
    path("clues/", include("clues.urls")),
    path("withdrawal/", include("groups.withdrawal.urls")),
    path("docrequests/", include("groups.docrequests.urls")),
    path("workpapers/", include("groups.workpapers.urls")),
    path("surveys/", include("groups.surveys.urls")),
    path("s/", include("groups.surveys.public_urls")),  # respondents, no account: surveys/public.py
    path("onsite/", include("groups.onsite.urls")),
]

# Every refusal (PermissionDenied) is written to the audit log before the 403 page is shown.
handler403 = "xunchar.administration.views.permission_denied"
