"""A signed-in user whose password must change (first sign-in, or older than 90 days) reaches nothing
but the password change page until it is changed.

Runs right after Django's LoginRequiredMiddleware, which has already sent anonymous visitors to the
sign-in page, and before the second-factor middleware.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from xunchar.core.htmx import is_htmx

from .services import password_must_change

# Reachable while the password must change: the change page itself, signing out, switching the
# language of the change page.
ALLOWED_VIEW_NAMES = frozenset({"accounts:password_change", "logout", "set_language"})


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_VIEW_NAMES:
            return None
        # The second-factor code page finishes the sign-in: a user who owes both gives the code
        # first, so that nobody changes a password with the password alone.
        if getattr(view_func, "second_factor_exempt", False):
            return None
        user = request.user
        if not user.is_authenticated or not password_must_change(user):
            return None
        url = reverse("accounts:password_change")
        if is_htmx(request):
            # htmx would swap the change page into a fragment; have it load the whole page instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
