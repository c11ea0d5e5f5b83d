import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CadreFactory, CadrePostFactory, CadreRelativeFactory, UnitFactory
from xunchar.registry.models import Cadre, CadreRelative

from .helpers import CADRE_HEADERS, values, workbook_from

pytestmark = pytest.mark.django_db
URL = reverse("registry:cadre_export")


@pytest.fixture
def wang(county):
    """A county-managed cadre with two posts and a spouse working at a unit."""
    finance, education = county.unit_a, county.unit_b
    cadre = CadreFactory(
        name="王建国",
        gender=Cadre.Gender.MALE,
        birth_date=datetime.date(1975, 3, 2),
        unit=finance,
        post="局长",
        rank=Cadre.Rank.SECTION_PRINCIPAL,
        is_county_managed=True,
    )
    CadrePostFactory(cadre=cadre, unit=education, title="副局长", start_date=datetime.date(2015, 1, 5),
                     end_date=datetime.date(2019, 12, 31))
    CadrePostFactory(cadre=cadre, unit=finance, title="局长", start_date=datetime.date(2020, 1, 1))
    CadreRelativeFactory(cadre=cadre, relation=CadreRelative.Relation.SPOUSE, name="李秀英",
                         workplace_unit=education, workplace="示例县教育局 会计")
    return cadre


def test_office_downloads_the_cadre_pool_with_posts_and_relatives(client, county, wang):
    client.force_login(county.office)

    response = client.get(URL)

    assert response.status_code == 200
    day = timezone.localdate().isoformat()
    assert f"filename*=UTF-8''{quote(f'干部名册_{day}.xlsx')}" in response["Content-Disposition"]
    workbook = workbook_from(response)
    assert workbook.sheetnames == ["干部名册", "任职经历", "亲属"]

    cadres = values(workbook["干部名册"])
    assert cadres[0] == tuple(CADRE_HEADERS)
    assert (
        "王建国", "男", datetime.datetime(1975, 3, 2), "示例县财政局", "局长", "正科级", "是", "否"
    ) in cadres
    assert len(cadres) == 1 + Cadre.objects.count()

    assert values(workbook["任职经历"]) == [
        ("姓名", "单位", "职务", "起始日期", "终止日期"),
        ("王建国", "示例县教育局", "副局长", datetime.datetime(2015, 1, 5), datetime.datetime(2019, 12, 31)),
        ("王建国", "示例县财政局", "局长", datetime.datetime(2020, 1, 1), None),
    ]
    assert values(workbook["亲属"]) == [
        ("干部姓名", "关系", "姓名", "工作单位", "工作单位及职务"),
        ("王建国", "配偶", "李秀英", "示例县教育局", "示例县教育局 会计"),
    ]


def test_every_sheet_has_a_bold_frozen_header_and_dates_look_like_dates(client, county, wang):
    client.force_login(county.office)

    workbook = workbook_from(client.get(URL))

    for sheet in workbook.worksheets:
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
    birth = next(row[2] for row in workbook["干部名册"].iter_rows(min_row=2) if row[0].value == "王建国")
    assert birth.number_format == "yyyy-mm-dd"


def test_choice_columns_offer_the_chinese_labels(client, county):
    client.force_login(county.office)

    sheet = workbook_from(client.get(URL))["干部名册"]

    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists["B2"] == '"男,女"'
    assert "正科级" in lists["F2"]
    assert lists["G2"] == lists["H2"] == '"是,否"'


def test_export_follows_the_list_filters(client, county, wang):
    client.force_login(county.office)

    workbook = workbook_from(client.get(URL, {"county_managed": "1"}))

    assert [row[0] for row in values(workbook["干部名册"])[1:]] == ["王建国"]
    assert len(values(workbook["任职经历"])) == 3


def test_empty_template_has_the_headers_only(client, county, wang):
    client.force_login(county.office)

    workbook = workbook_from(client.get(URL, {"empty": "1"}))

    assert values(workbook["干部名册"]) == [tuple(CADRE_HEADERS)]
    assert len(values(workbook["任职经历"])) == 1
    assert len(values(workbook["亲属"])) == 1


@pytest.mark.parametrize("persona", ["office", "director", "secretary", "deputy"])
def test_office_and_leadership_may_export(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("persona", ["member1", "leader1", "jiwei", "zuzhibu", "unit1"])
def test_others_are_refused(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_query_count_does_not_grow_with_the_rows(client, county):
    client.force_login(county.office)
    unit = UnitFactory()

    def add_cadres(count):
        for _ in range(count):
            cadre = CadreFactory(unit=unit)
            CadrePostFactory(cadre=cadre, unit=unit)
            CadreRelativeFactory(cadre=cadre, workplace_unit=unit)

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        assert response.status_code == 200
        return len(queries), len(values(workbook_from(response)["亲属"])) - 1

    add_cadres(3)
    few, few_relatives = export_queries()
    add_cadres(27)
    many, many_relatives = export_queries()

    assert (few_relatives, many_relatives) == (3, 30)
    assert many == few
