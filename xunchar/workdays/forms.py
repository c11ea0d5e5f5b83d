import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式不正确，应为 YYYY-MM-DD，例如 2027-01-04。"}


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        error_messages=DATE_ERRORS,
        # An <input type="date"> only takes ISO dates; the zh-hans format would leave it empty.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        **kwargs,
    )


class CalendarDayForm(forms.Form):
    date = _date_field(_("Date"))
    is_workday = forms.TypedChoiceField(
        label=_("This day is"),
        choices=[("0", _("a day off (holiday)")), ("1", _("a working day (adjusted weekend working day)"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择这一天放假还是上班。", "invalid_choice": "请选择这一天放假还是上班。"},
    )
    name = forms.CharField(
        label=_("Note"),
        max_length=50,
        required=False,
        help_text=_("e.g. 春节 or 春节调休上班"),
        error_messages={"max_length": "备注不能超过 %(limit_value)d 个字。"},
    )


# Separators people type between dates, in both widths; what a notice adds around them is dropped.
_SEPARATORS = re.compile(r"[,，、;；\s]+")
_NOISE = re.compile(r"[（(][^）)]*[）)]|上班|。")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_CHINESE_FULL = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_CHINESE_SHORT = re.compile(r"(\d{1,2})月(\d{1,2})日?")


def parse_adjusted_workdays(text: str, near: date) -> list[date]:
    """"2027-01-04, 2027-02-06" or, as the notice reads, "1月4日（周日）、2月6日（周六）". A date without
    a year takes the year that puts it nearest to `near` (a New Year's 调休 may fall in late December)."""
    days, bad = [], []
    for token in _SEPARATORS.split(_NOISE.sub(" ", text or "")):
        if not token:
            continue
        match = _ISO.fullmatch(token) or _CHINESE_FULL.fullmatch(token)
        try:
            if match:
                days.append(date(*(int(part) for part in match.groups())))
                continue
            match = _CHINESE_SHORT.fullmatch(token)
            if not match:
                raise ValueError(token)
            month, day = int(match.group(1)), int(match.group(2))
            candidates = []
            for year in (near.year - 1, near.year, near.year + 1):
                try:
                    candidates.append(date(year, month, day))
                except ValueError:
                    pass
            if not candidates:
                raise ValueError(token)
            days.append(min(candidates, key=lambda d: abs((d - near).days)))
        except ValueError:
            bad.append(token)
    if bad:
        raise forms.ValidationError(
            "无法识别的日期：%(dates)s。请按 2027-01-04 或 1月4日 的格式填写，多个日期用逗号分隔。",
            params={"dates": "、".join(f"“{b}”" for b in bad)},
        )
    return sorted(set(days))


class HolidayForm(forms.Form):
    """One holiday of the State Council notice: "1月1日至3日放假调休，共3天。1月4日（周日）上班"."""

    first_day = _date_field(_("Day off from"))
    last_day = _date_field(_("to (inclusive)"))
    name = forms.CharField(
        label=_("Holiday"),
        max_length=20,
        help_text=_("e.g. 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节"),
        error_messages={"required": "请填写节日名称，例如“春节”。", "max_length": "节日名称不能超过 %(limit_value)d 个字。"},
    )
    adjusted_workdays = forms.CharField(
        label=_("Adjusted working days"),
        required=False,
        help_text=_("The weekend days worked instead, as the notice lists them, separated by commas: "
                    "2027-01-31, 2027-02-20 or 1月31日、2月20日. Leave empty when there are none."),
    )

    def clean(self):
        cleaned = super().clean()
        first_day, last_day = cleaned.get("first_day"), cleaned.get("last_day")
        if first_day and last_day and last_day < first_day:
            self.add_error("last_day", "放假的结束日期不能早于开始日期。")
        if first_day:
            try:
                cleaned["adjusted_workdays"] = parse_adjusted_workdays(cleaned.get("adjusted_workdays", ""), first_day)
            except forms.ValidationError as error:
                self.add_error("adjusted_workdays", error)
        return cleaned


class CalendarYearForm(forms.Form):
    notice = forms.CharField(
        label=_("State Council notice"),
        max_length=200,
        required=False,
        help_text=_("Title or document number, e.g. 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"),
        error_messages={"max_length": "通知名称不能超过 %(limit_value)d 个字。"},
    )
    confirm = forms.BooleanField(
        label=_("Every holiday and adjusted working day of the notice has been entered: confirm the year"),
        required=False,
    )
