"""Two-factor fixtures: a frozen clock for the codes, and the demo exemption switched off.

The county's personas carry the demo usernames, which sign in with the password alone while DEBUG
and DEMO are on (as in the other tests); here DEMO is off unless a test turns it on.
"""

from types import SimpleNamespace
from unittest import mock

import pytest
from django_otp import oath
from django_otp.plugins.otp_totp.models import TOTPDevice

FROZEN = 1_800_000_000  # 2027-01-15 08:00 UTC; a multiple of 30, the start of a time step


class Clock:
    """The time django-otp reads when it checks and computes codes."""

    def __init__(self, now: int):
        self.now = now

    def time(self) -> float:
        return float(self.now)

    def advance(self, seconds: int) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    frozen = Clock(FROZEN)
    with (
        mock.patch("django_otp.plugins.otp_totp.models.time", SimpleNamespace(time=frozen.time)),
        mock.patch("django_otp.oath.time", frozen.time),
    ):
        yield frozen


@pytest.fixture(autouse=True)
def no_demo_exemption(settings):
    settings.DEMO = False


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app shows now, computed from the device's key."""
    device.refresh_from_db()
    token = oath.totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{token:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code that is none of those the device accepts now (the current step and one either side)."""
    device.refresh_from_db()
    accepted = set()
    for steps in (-1, 0, 1):
        totp = oath.TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = oath.time() + steps * device.step
        accepted.add(f"{totp.token():06d}")
    return next(code for code in ("000000", "111111", "123456", "654321") if code not in accepted)
