"""A clock the tests move by hand: `django.utils.timezone.now` is what the session clocks, the
session store's expiry and the audit log all read."""

import datetime
from unittest import mock

import pytest

START = datetime.datetime(2026, 11, 30, 1, 0, tzinfo=datetime.UTC)  # 09:00 in Beijing, a Monday


class Clock:
    def __init__(self, now: datetime.datetime):
        self.now = now

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock():
    frozen = Clock(START)
    with mock.patch("django.utils.timezone.now", frozen):
        yield frozen
