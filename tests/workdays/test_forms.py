from datetime import date

import pytest
from django import forms

from xunchar.workdays.forms import HolidayForm, parse_adjusted_workdays

D = date


@pytest.mark.parametrize(
    "text, near, expected",
    [
        ("", D(2027, 2, 6), []),
        ("2027-01-31, 2027-02-20", D(2027, 2, 6), [D(2027, 1, 31), D(2027, 2, 20)]),
        ("1月31日（周日）、2月20日（周六）上班。", D(2027, 2, 6), [D(2027, 1, 31), D(2027, 2, 20)]),
        ("2月20日，1月31日，2月20日", D(2027, 2, 6), [D(2027, 1, 31), D(2027, 2, 20)]),
        # a New Year's adjusted working day in late December belongs to the year before
        ("12月27日（周日）", D(2027, 1, 1), [D(2026, 12, 27)]),
        ("2026年12月27日", D(2027, 1, 1), [D(2026, 12, 27)]),
    ],
)
def test_parse_adjusted_workdays(text, near, expected):
    assert parse_adjusted_workdays(text, near) == expected


@pytest.mark.parametrize("text", ["2月30日", "next sunday", "2027-02-30", "1月1日至3日"])
def test_unreadable_dates_are_named_in_the_error(text):
    with pytest.raises(forms.ValidationError) as error:
        parse_adjusted_workdays(text, D(2027, 2, 6))
    assert "无法识别的日期" in error.value.messages[0]


def test_the_holiday_form_refuses_an_end_before_its_start():
    form = HolidayForm({"first_day": "2027-05-05", "last_day": "2027-05-01", "name": "劳动节"})
    assert not form.is_valid()
    assert form.errors["last_day"] == ["放假的结束日期不能早于开始日期。"]
