import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UnitFactory
from xunchar.registry.models import Unit

from .helpers import UNIT_HEADERS, values, workbook_from

pytestmark = pytest.mark.django_db
URL = reverse("registry:unit_export")


def test_office_downloads_the_units_with_chinese_headers_and_labels(client, county):
    finance = county.unit_a
    township = UnitFactory(name="示例县城关镇", kind=Unit.Kind.TOWNSHIP)
    UnitFactory(name="城关镇中心小学", kind=Unit.Kind.SCHOOL, supervising_department=finance, parent=township)
    client.force_login(county.office)

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    day = timezone.localdate().isoformat()
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename=\"units_{day}.xlsx\"" in disposition
    assert f"filename*=UTF-8''{quote(f'单位名录_{day}.xlsx')}" in disposition
    sheet = workbook_from(response)["单位名录"]
    rows = values(sheet)
    assert rows[0] == tuple(UNIT_HEADERS)
    assert ("城关镇中心小学", "学校", "示例县财政局", "示例县城关镇") in rows
    assert ("示例县城关镇", "乡镇", None, None) in rows
    assert len(rows) == 1 + Unit.objects.count()


def test_header_row_is_bold_and_frozen_and_columns_fit(client, county):
    UnitFactory(name="示例县人民政府办公室机关事务服务中心", kind=Unit.Kind.INSTITUTION)
    client.force_login(county.office)

    sheet = workbook_from(client.get(URL))["单位名录"]

    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    # 18 Chinese characters take 36 columns of width.
    assert sheet.column_dimensions["A"].width >= 36
    assert sheet.column_dimensions["B"].width >= 8


def test_export_follows_the_list_filters(client, county):
    UnitFactory(name="示例县第一中学", kind=Unit.Kind.SCHOOL)
    UnitFactory(name="示例县第二中学", kind=Unit.Kind.SCHOOL)
    client.force_login(county.office)

    rows = values(workbook_from(client.get(URL, {"kind": "school", "q": "第一"}))["单位名录"])

    assert rows == [tuple(UNIT_HEADERS), ("示例县第一中学", "学校", None, None)]


def test_empty_template_has_the_header_only(client, county):
    client.force_login(county.office)

    response = client.get(URL, {"empty": "1"})

    assert values(workbook_from(response).active) == [tuple(UNIT_HEADERS)]
    assert quote("单位名录导入模板") in response["Content-Disposition"]


def test_a_name_that_looks_like_a_formula_stays_text(client, county):
    UnitFactory(name="=HYPERLINK(\"http://example.com\")")
    client.force_login(county.office)

    sheet = workbook_from(client.get(URL))["单位名录"]

    cell = next(row[0] for row in sheet.iter_rows(min_row=2) if row[0].value.startswith("="))
    assert cell.data_type == "s"


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
    parent = UnitFactory(name="上级单位甲")

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        assert response.status_code == 200
        return len(queries), len(values(workbook_from(response).active)) - 1

    UnitFactory.create_batch(3, parent=parent, supervising_department=parent)
    few, few_rows = export_queries()
    UnitFactory.create_batch(27, parent=parent, supervising_department=parent)
    many, many_rows = export_queries()

    assert many_rows == few_rows + 27
    assert many == few


def test_dates_in_the_file_name_use_the_local_day(client, county, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 11, 28))
    client.force_login(county.office)

    response = client.get(URL)

    assert f"filename*=UTF-8''{quote('单位名录_2026-11-28.xlsx')}" in response["Content-Disposition"]
