from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import selectors, services
from .forms import CodeForm
from .middleware import second_factor_not_required
from .policy import second_factor_due


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@second_factor_not_required
@never_cache
def verify(request):
    """The second step of signing in: bind an authenticator app (the first time), or give its code.

    Someone who needs no second factor, or whose session is verified already, goes on at once.
    """
    user = request.user
    next_url = _next_url(request)
    if not second_factor_due(user) or user.is_verified():
        return redirect(next_url)
    device = selectors.confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = services.otp_enrollment_device(user=user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        transition = services.otp_enroll if enrolling else services.otp_verify
        try:
            transition(request=request, device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            return redirect(next_url)
    context = {"form": form, "next": next_url}
    if enrolling:
        context.update(
            qr_svg=selectors.qr_svg(device, title=_("QR code for the authenticator app")),
            secret=selectors.secret_text(device),
            issuer=selectors.ISSUER,
        )
        return render(request, "twofactor/enroll.html", context)
    return render(request, "twofactor/verify.html", context)
