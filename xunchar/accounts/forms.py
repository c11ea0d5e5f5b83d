from django.contrib.auth import authenticate, hashers
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from xunchar.audit.services import client_address

from .selectors import login_lock_message
from .services import login_refusal_record


class LockoutMixin:
    """Refuses a locked username or address before the password is looked at.

    Failures are counted by the `user_login_failed` receiver, which `authenticate()` fires for any
    sign-in form; this mixin only turns the lock into a refusal with a clear message.
    """

    @sensitive_variables("password")
    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        address = client_address(self.request)
        if message := login_lock_message(username=username, address=address):
            login_refusal_record(username=username, request=self.request)
            raise ValidationError(message, code="locked")
        self.user_cache = authenticate(self.request, username=username, password=password)
        # Looked up again after the password: the failure just counted may have started a lock, or a
        # concurrent attempt may have, and then even the right password does not sign in.
        if message := login_lock_message(username=username, address=address):
            self.user_cache = None
            raise ValidationError(message, code="locked")
        if self.user_cache is None:
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LoginForm(LockoutMixin, auth_forms.AuthenticationForm):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is wrong. Note that both are case-sensitive."),
    }


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def clean(self):
        cleaned_data = super().clean()
        new_password = cleaned_data.get("new_password1")
        # Without a setter: this comparison must not rewrite the stored hash.
        if new_password and hashers.check_password(new_password, self.user.password):
            self.add_error("new_password1", ValidationError("新密码不能与当前密码相同。", code="password_unchanged"))
        return cleaned_data
