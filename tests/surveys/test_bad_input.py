"""Bad input gets words, never a server error: the one-click form, the respondents' page, the option numbers."""

import pytest
from django.urls import reverse

from groups.surveys.models import Survey

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("posted", ["abc", "", "1.5"])
def test_a_unit_that_is_no_number_is_refused_with_a_message(client, county, posted):
    client.force_login(county.deputy1)
    response = client.post(reverse("surveys:create_from_template", args=[county.group1.pk]), {"inspection": posted})
    assert response.status_code == 302 and response["Location"] == reverse("surveys:list", args=[county.group1.pk])
    assert not Survey.objects.exists()


def test_another_groups_unit_is_refused(client, county):
    client.force_login(county.deputy1)
    response = client.post(reverse("surveys:create_from_template", args=[county.group1.pk]), {"inspection": county.inspection2.pk})
    assert response.status_code == 302
    assert not Survey.objects.exists()


def test_the_public_page_takes_a_non_ascii_digit_as_no_answer_not_a_server_error(client, county):
    """'²'.isdigit() is true but int('²') fails: the respondents' page must answer in words, not with a 500."""
    from django.core.cache import cache

    from groups.surveys import services
    from groups.surveys.models import Sheet

    from .records import known_survey

    cache.clear()
    survey = known_survey(county)
    code = services.codes_generate(survey=survey, actor=county.liaison1, count=1)[0]
    fields = {"code": code, "respondent_group": survey.respondent_groups[0] if survey.respondent_groups else ""}
    for question in survey.questions.all():
        fields[f"q{question.pk}"] = "" if question.kind == "text" else ["²"]
    response = client.post(reverse("surveys_public:answer"), fields)
    assert response.status_code == 400
    assert not Sheet.objects.exists()
    cache.clear()


def test_the_satisfied_options_take_a_non_ascii_digit_as_a_wrong_number():
    from groups.surveys.forms import _numbers

    with pytest.raises(Exception) as refused:
        _numbers("1,²")
    assert refused.type.__name__ == "ValidationError"
