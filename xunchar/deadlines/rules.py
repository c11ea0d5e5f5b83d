"""The procedure's time limits, D1–D8 of PROCEDURE.md, declared once.

Each rule names the event that starts the clock, the limit, who must act, and the event that meets it.
Phase apps call `deadline_start` / `deadline_meet` (services) with the rule's code when they record
those events; this module holds no state.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class LimitKind(StrEnum):
    WORKDAYS = "workdays"
    MONTHS = "months"
    PROMPTLY = "promptly"  # "集中整改结束后": due as soon as the clock starts


class Responsible(StrEnum):
    OFFICE = "office"
    GROUP = "group"
    UNIT = "unit"
    LEADING_GROUP = "leading_group"


class Scope(StrEnum):
    GROUP = "group"
    UNIT = "unit"
    ROUND = "round"


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    title: object
    step: str
    starts_when: object
    met_when: object
    limit_kind: LimitKind
    limit: int
    responsible: Responsible
    scope: Scope

    @property
    def limit_display(self) -> str:
        if self.limit_kind == LimitKind.WORKDAYS:
            return f"{self.limit}个工作日"
        if self.limit_kind == LimitKind.MONTHS:
            return "1个月" if self.limit == 1 else f"{self.limit}个月"
        return "及时"


RULES: dict[str, DeadlineRule] = {
    rule.code: rule
    for rule in [
        DeadlineRule(
            "D1", _("Leading group hears the group's report"), "S31",
            _("the group withdraws"), _("the leading group meeting hears the report"),
            LimitKind.WORKDAYS, 10, Responsible.OFFICE, Scope.GROUP,
        ),
        DeadlineRule(
            "D2", _("Standing committee and secretary's special meeting"), "S32",
            _("the group withdraws"), _("the standing committee and the secretary's special meeting hear it"),
            LimitKind.MONTHS, 1, Responsible.OFFICE, Scope.GROUP,
        ),
        DeadlineRule(
            "D3", _("File the secretary's remarks and the clue report"), "S32",
            _("the secretary's special meeting"), _("the office files them with the prefecture office"),
            LimitKind.WORKDAYS, 15, Responsible.OFFICE, Scope.ROUND,
        ),
        DeadlineRule(
            "D4", _("Hand over feedback opinions and the problem list"), "S33",
            _("the standing committee hears the report"), _("the group hands them to the office"),
            LimitKind.WORKDAYS, 5, Responsible.GROUP, Scope.GROUP,
        ),
        DeadlineRule(
            "D5", _("Rectification plan"), "S40",
            _("feedback is given"), _("the unit sends its rectification plan"),
            LimitKind.WORKDAYS, 10, Responsible.UNIT, Scope.UNIT,
        ),
        DeadlineRule(
            "D6", _("The two reports"), "S42",
            _("feedback is given"), _("the unit sends the two reports"),
            LimitKind.MONTHS, 2, Responsible.UNIT, Scope.UNIT,
        ),
        DeadlineRule(
            "D7", _("Report rectification and clue handling to the county committee"), "S44",
            _("the two-month rectification ends"), _("the office reports to the county committee"),
            LimitKind.PROMPTLY, 0, Responsible.OFFICE, Scope.UNIT,
        ),
        DeadlineRule(
            "D8", _("Hand the archive to the office"), "S47",
            _("feedback is given"), _("the group hands over the round's archive"),
            LimitKind.WORKDAYS, 10, Responsible.GROUP, Scope.UNIT,
        ),
    ]
}


def get_rule(code: str) -> DeadlineRule:
    try:
        return RULES[code]
    except KeyError:
        raise ValueError(f"unknown deadline rule {code!r}") from None
