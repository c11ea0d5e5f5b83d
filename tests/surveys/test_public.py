"""The respondents' page (/s/): no account, a one-time code, one answer per code; wrong, spent and
closed codes refused in words; wrong codes counted per client; nothing else of the system shown."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups.surveys import public, services
from groups.surveys.models import AccessCode, Sheet

from .records import answers_for, enter_known, known_survey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(county):
    survey = known_survey(county)
    enter_known(county, survey)  # results exist: none of them may show
    return survey


def _answer_fields(survey, code, row=("中层干部", "较好", "B", "XZ", "希望多下基层")):
    group, answers = answers_for(survey, row)
    fields = {"code": code, "respondent_group": group}
    for question_id, value in answers.items():
        fields[f"q{question_id}"] = [str(v) for v in value] if isinstance(value, list) else value
    return fields


def test_codes_are_random_hashed_and_tied_to_the_survey(county, survey):
    codes = services.codes_generate(survey=survey, actor=county.office, count=20, respondent_group="县管干部")
    assert len(set(codes)) == 20 and all(len(c) == 11 and c[5] == "-" for c in codes)
    stored = set(AccessCode.objects.values_list("digest", flat=True))
    assert not any(services.normalize_code(c) in d for c in codes for d in stored)  # only digests are kept
    assert {services.code_digest(c) for c in codes} == stored
    with pytest.raises(ValidationError, match="对象类别|respondent groups"):
        services.codes_generate(survey=survey, actor=county.liaison1, count=1, respondent_group="外单位")
    with pytest.raises(ValidationError, match="生成验证码|makes codes"):
        services.codes_generate(survey=survey, actor=county.member1, count=1)


def test_anonymous_answers_once(client, county, survey):
    code = services.codes_generate(survey=survey, actor=county.liaison1, count=1)[0]
    start = client.get(reverse("surveys_public:start"))
    assert start.status_code == 200
    form = client.post(reverse("surveys_public:start"), {"code": code.lower().replace("-", " ")})  # typed loosely
    page = form.content.decode()
    assert form.status_code == 200 and survey.title in page and "领导班子总体评价" in page
    response = client.post(reverse("surveys_public:answer"), _answer_fields(survey, code))
    assert response.status_code == 200 and 'data-testid="thanks"' in response.content.decode()
    sheet = Sheet.objects.get(channel="online")
    assert sheet.respondent_group == "中层干部" and sheet.entered_by is None and sheet.code.spent_at is not None
    assert sorted(str(a.option or a.text) for a in sheet.answers.select_related("option")) == ["B", "X", "Z", "希望多下基层", "较好"]

    again = client.post(reverse("surveys_public:answer"), _answer_fields(survey, code))
    assert again.status_code == 400 and any(w in again.content.decode() for w in ("已使用过", "already been used"))
    assert client.post(reverse("surveys_public:start"), {"code": code}).status_code == 400
    assert Sheet.objects.filter(channel="online").count() == 1


def test_code_for_a_respondent_group_sets_it(client, county, survey):
    code = services.codes_generate(survey=survey, actor=county.liaison1, count=1, respondent_group="县管干部")[0]
    page = client.post(reverse("surveys_public:start"), {"code": code}).content.decode()
    assert 'name="respondent_group"' not in page
    client.post(reverse("surveys_public:answer"), _answer_fields(survey, code))  # says 中层干部: ignored
    assert Sheet.objects.get(channel="online").respondent_group == "县管干部"


def test_wrong_code_and_closed_survey(client, county, survey):
    code = services.codes_generate(survey=survey, actor=county.liaison1, count=1)[0]
    wrong = client.post(reverse("surveys_public:start"), {"code": "ABCDE-FGHJK"})
    assert wrong.status_code == 400 and any(w in wrong.content.decode() for w in ("验证码无效", "not valid"))
    services.survey_close(survey=survey, actor=county.leader1)
    closed = client.post(reverse("surveys_public:start"), {"code": code})
    assert closed.status_code == 400 and any(w in closed.content.decode() for w in ("不接受作答", "not open")) and survey.title not in closed.content.decode()
    assert client.post(reverse("surveys_public:answer"), _answer_fields(survey, code)).status_code == 400
    assert not Sheet.objects.filter(channel="online").exists()
    assert AccessCode.objects.get().spent_at is None


def test_wrong_codes_are_throttled_per_client(client, county, survey):
    code = services.codes_generate(survey=survey, actor=county.liaison1, count=1)[0]
    for _ in range(public.MAX_WRONG):
        assert client.post(reverse("surveys_public:start"), {"code": "WRONG-CODE0"}).status_code == 400
    refused = client.post(reverse("surveys_public:start"), {"code": code})
    assert refused.status_code == 429 and survey.title not in refused.content.decode()
    other = client.post(reverse("surveys_public:start"), {"code": code}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_reveals_nothing_else(client, county, survey):
    """The code's own form, never the results, other surveys, the group or the unit's other material."""
    other = known_survey(county, title="另一份不相干的问卷")
    code = services.codes_generate(survey=survey, actor=county.liaison1, count=1)[0]
    pages = [
        client.get(reverse("surveys_public:start")).content.decode(),
        client.post(reverse("surveys_public:start"), {"code": code}).content.decode(),
        client.post(reverse("surveys_public:answer"), _answer_fields(survey, code)).content.decode(),
    ]
    for page in pages:
        assert other.title not in page
        assert "意见一" not in page and "66.7" not in page  # another respondent's text, a result
        assert "第一巡察组" not in page and "member1" not in page
        assert 'class="sidenav"' not in page
    # and the rest of the system still asks for a sign-in
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 302
    assert client.get(reverse("surveys:detail", args=[other.pk]))["Location"].startswith("/accounts/login/")


def test_codes_page_prints_the_slips_once(client, county, survey):
    client.force_login(county.office)
    response = client.post(reverse("surveys:codes", args=[survey.pk]), {"count": "4", "respondent_group": "县管干部"})
    page = response.content.decode()
    assert response.status_code == 200 and page.count('class="slip-code"') == 4 and "/s/" in page
    assert AccessCode.objects.filter(survey=survey, respondent_group="县管干部").count() == 4
    later = client.get(reverse("surveys:codes", args=[survey.pk])).content.decode()
    assert 'class="slip-code"' not in later


def test_a_blank_answer_spends_nothing(client, county, survey):
    code = services.codes_generate(survey=survey, actor=county.liaison1, count=1)[0]
    response = client.post(reverse("surveys_public:answer"), {"code": code, "respondent_group": "县管干部"})
    assert response.status_code == 400 and 'data-testid="public-form"' in response.content.decode()
    assert AccessCode.objects.get().spent_at is None and not Sheet.objects.filter(channel="online").exists()
