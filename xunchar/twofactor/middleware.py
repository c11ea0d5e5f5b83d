"""Until the second factor is given, a signed-in user who needs one reaches nothing but the code page.

Runs after django-otp's OTPMiddleware (which sets `request.user.is_verified()`) and after Django's
LoginRequiredMiddleware (which has already sent anonymous visitors to the sign-in page).
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import urlencode

from xunchar.core.htmx import is_htmx

from .policy import second_factor_due

# Pages reachable before the code: signing out, and switching the language of the code page.
EXEMPT_URL_NAMES = frozenset({"logout", "set_language"})


def second_factor_not_required(view):
    """Mark a view reachable before the second factor is given (the code pages themselves)."""
    view.second_factor_exempt = True
    return view


def otp_url(request) -> str:
    url = resolve_url("twofactor:verify")
    # Only a page the user asked to see is worth coming back to; a form post is not repeated.
    if request.method == "GET" and not is_htmx(request):
        url += "?" + urlencode({"next": request.get_full_path()})
    return url


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "second_factor_exempt", False):
            return None
        match = request.resolver_match
        if match is not None and not match.namespace and match.url_name in EXEMPT_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or not second_factor_due(user) or user.is_verified():
            return None
        if is_htmx(request):
            # htmx would swap the code page into a fragment; have it load the whole page instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = otp_url(request)
            return response
        return HttpResponseRedirect(otp_url(request))
