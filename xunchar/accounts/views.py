from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy

from .forms import PasswordChangeForm
from .services import password_change, password_change_reason


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view, with the change made by the service (which dates and audits it)."""

    form_class = PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reason=password_change_reason(self.request.user),
            max_age_days=settings.XUNCHAR_PASSWORD_MAX_AGE_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        password_change(user=form.user, new_password=form.cleaned_data["new_password1"], request=self.request)
        # The session hash follows the password: the other sessions end, this one stays signed in.
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
