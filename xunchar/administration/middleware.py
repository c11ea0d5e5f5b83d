"""Three rules applied to every request of a signed-in user, in this order:

1. `SessionTimeoutMiddleware`: a session ends after XUNCHAR_SESSION_IDLE_MINUTES without a request
   and XUNCHAR_SESSION_MAX_HOURS after sign-in, whatever the activity. Enforced here, on the server,
   from times kept in the session; the user is signed out (the session is deleted from the store) and
   the request continues as anonymous, so LoginRequiredMiddleware sends it to the sign-in page.
   It also keeps the user's session index (`UserSession`) on the current key when a view cycles it.
2. `AdministratorScopeMiddleware`: an administrator (三员) reaches only the administrators' tools and
   the pages every account needs (home, sign-in and out, password, second factor, language). Every
   other page is refused with 403 — which is audited (see `views.permission_denied`).
3. `NoStoreMiddleware`: a signed-in user's pages are never kept by the browser or a proxy.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control

from xunchar.core.htmx import is_htmx

from . import services
from .permissions import administrator_role

# What an administrator may open: the three tools (each view checks its own role) and what every
# account needs — home, sign-in and out, own password, second factor, language.
ADMINISTRATOR_NAMESPACES = {"administration", "accounts", "twofactor"}
ADMINISTRATOR_VIEWS = {"core:home", "login", "logout", "set_language"}


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key_before = None
        if request.user.is_authenticated:
            reason = services.session_timeout(request=request)
            if reason is not None:
                services.session_end_on_timeout(request=request, reason=reason)
                request.session_timed_out = True
            else:
                key_before = request.session.session_key
        response = self.get_response(request)
        if key_before is not None and request.user.is_authenticated:
            key_after = request.session.session_key
            if key_after is not None and key_after != key_before:
                services.session_rekey(old_key=key_before, new_key=key_after)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The message store exists only once MessageMiddleware has seen the request, i.e. by now.
        if not getattr(request, "session_timed_out", False):
            return None
        messages.warning(request, services.TIMEOUT_MESSAGE)
        if is_htmx(request):
            # htmx would swap the sign-in page into a fragment; have it load the whole page instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
            return response
        return None


class AdministratorScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if administrator_role(request.user) is None:
            return None
        match = request.resolver_match
        if match.view_name in ADMINISTRATOR_VIEWS or (match.namespaces and match.namespaces[0] in ADMINISTRATOR_NAMESPACES):
            return None
        raise PermissionDenied


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
