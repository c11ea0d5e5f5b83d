"""Reading a user's second-factor devices and showing a new one to the authenticator app."""

from base64 import b32encode
from urllib.parse import quote, urlencode

import segno
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

# What the authenticator app shows above the account name.
ISSUER = "县委巡察工作管理系统"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def secret_text(device: TOTPDevice) -> str:
    """The key in Base32, in groups of four, for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    """The otpauth:// address that the QR code carries (Google's Key URI format)."""
    label = f"{ISSUER}:{device.user.get_username()}"
    params = urlencode(
        {
            "secret": b32encode(device.bin_key).decode().rstrip("="),
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        }
    )
    return f"otpauth://totp/{quote(label)}?{params}&issuer={quote(ISSUER)}"


def qr_svg(device: TOTPDevice, *, title: str = "") -> SafeString:
    """The QR code as inline SVG markup, drawn here: no image service, no script, no style attribute.
    segno writes only paths and escapes the title, so the markup is safe to put in the page."""
    qr = segno.make(provisioning_uri(device), error="m", micro=False)
    return mark_safe(qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title or None))
