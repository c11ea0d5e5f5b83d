"""An inspection round (巡察轮次): the year's Nth round, its phase and its dates."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy

CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_ordinal(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十; numbers past 99 stay in Arabic digits."""
    if not 0 <= number <= 99:
        return str(number)
    if number <= 10:
        return CHINESE_NUMERALS[number]
    if number < 20:
        return "十" + CHINESE_NUMERALS[number - 10]
    tens, ones = divmod(number, 10)
    return CHINESE_NUMERALS[tens] + "十" + (CHINESE_NUMERALS[ones] if ones else "")


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.rounds_visible_to(self, user)


class Round(models.Model):
    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        ON_SITE = "on_site", _("On-site inspection")
        REPORTING = "reporting", _("Reporting")
        FEEDBACK = "feedback", _("Feedback")
        TRANSFER = "transfer", _("Transfer")
        RECTIFICATION = "rectification", _("Rectification")
        ARCHIVING = "archiving", _("Archiving")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("round number"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION)
    mobilization_date = models.DateField(_("mobilization meeting"), null=True, blank=True)
    entry_date = models.DateField(_("entry into the units"), null=True, blank=True)
    planned_withdrawal_date = models.DateField(_("planned withdrawal"), null=True, blank=True)
    focus = models.TextField(_("focus of the round"), blank=True)
    history = HistoricalRecords()

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="%(app_label)s_%(class)s_unique_year_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"),
        ]

    def __str__(self):
        return f"{self.year}年第{chinese_ordinal(self.number)}轮巡察"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rounds:detail", args=[self.pk])


from .prep_models import *  # noqa: E402, F403  (the preparation phase's records, S02/S04/S06)
