"""The office's own calendar entries, for years the chinesecalendar package does not cover (or gets wrong)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CalendarYear(models.Model):
    """A year whose holiday arrangement the office has entered from the State Council notice."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    notice = models.CharField(_("State Council notice"), max_length=200, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_("Tick once every holiday and adjusted working day of the notice has been entered."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """A day whose status differs from the weekday rule: a holiday on a weekday or a working weekend day."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    name = models.CharField(_("note"), max_length=50, blank=True, help_text=_("e.g. Spring Festival"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}"
