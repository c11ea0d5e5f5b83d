import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import UnitFactory
from xunchar.registry.models import Unit

from .helpers import UNIT_HEADERS, problems, xlsx_upload

pytestmark = pytest.mark.django_db
URL = reverse("registry:unit_import")


def upload(client, rows, **kwargs):
    return client.post(URL, {"file": xlsx_upload(rows, **kwargs)})


def reasons(response) -> list[str]:
    return [error.reason for error in response.context["rejected"].row_errors]


def success_message(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_page_offers_the_upload_and_a_template(client, county):
    client.force_login(county.office)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and 'accept=".xlsx"' in html
    assert reverse("registry:unit_export") in html
    for header in UNIT_HEADERS:
        assert header in html


def test_new_units_are_added_and_known_ones_updated_in_any_row_order(client, county):
    client.force_login(county.office)

    response = upload(client, [
        UNIT_HEADERS,
        # the school names a township that only comes two rows further down
        ["城关镇中心小学", "学校", "示例县教育局", "示例县城关镇"],
        ["示例县财政局", "事业单位", None, None],
        ["示例县城关镇", "乡镇", None, None],
    ])

    assert response.status_code == 302
    assert response["Location"] == reverse("registry:unit_list")
    assert "新增 2 条，更新 1 条，0 条无变化" in success_message(response)
    school = Unit.objects.get(name="城关镇中心小学")
    assert school.kind == Unit.Kind.SCHOOL
    assert school.supervising_department == county.unit_b
    assert school.parent == Unit.objects.get(name="示例县城关镇", kind=Unit.Kind.TOWNSHIP)
    county.unit_a.refresh_from_db()
    assert county.unit_a.kind == Unit.Kind.INSTITUTION


def test_each_change_is_in_the_history_with_its_author_once(client, county):
    client.force_login(county.office)

    upload(client, [
        UNIT_HEADERS,
        ["城关镇中心小学", "学校", None, "示例县城关镇"],
        ["示例县城关镇", "乡镇", None, None],
        ["示例县财政局", "事业单位", None, None],
    ])

    school = Unit.objects.get(name="城关镇中心小学")
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in school.history.all()] == [
        ("+", county.office, "Excel 导入"),
    ]
    latest = county.unit_a.history.first()
    assert (latest.history_type, latest.history_user, latest.kind) == ("~", county.office, Unit.Kind.INSTITUTION)


def test_an_unchanged_file_writes_nothing(client, county):
    client.force_login(county.office)
    rows = [UNIT_HEADERS, ["示例县财政局", "县直部门", None, None], ["示例县教育局", "县直部门", None, None]]
    before = Unit.history.count()

    response = upload(client, rows)

    assert "新增 0 条，更新 0 条，2 条无变化" in success_message(response)
    assert Unit.history.count() == before


def test_several_bad_rows_import_nothing_and_are_all_listed(client, county):
    client.force_login(county.office)
    count = Unit.objects.count()

    response = upload(client, [
        UNIT_HEADERS,
        ["示例县审计局", "县直部门", None, None],
        ["新单位甲", "学校x", None, None],
        [None, "乡镇", None, None],
        ["新单位乙", "乡镇", None, "不存在的单位"],
        ["示例县审计局", "县直部门", None, None],
        ["新单位丙", None, "不存在的部门", None],
    ])

    assert response.status_code == 200
    assert Unit.objects.count() == count
    assert problems(response) == [
        (3, "单位类别"), (4, "单位名称"), (5, "上级单位"), (6, "单位名称"), (7, "单位类别"), (7, "主管部门"),
    ]
    assert reasons(response) == [
        "单位类别“学校x”无效，应为：县直部门、乡镇、学校、医院、国有企业、事业单位、村（社区）、其他",
        "单位名称不能为空",
        "上级单位“不存在的单位”不存在（系统和本文件中都没有这个单位）",
        "单位名称“示例县审计局”与第 2 行重复",
        "单位类别不能为空",
        "主管部门“不存在的部门”不存在（系统和本文件中都没有这个单位）",
    ]
    html = response.content.decode()
    assert "共有 5 行有误（6 处），未导入任何数据" in html
    assert "<td>7</td><td>主管部门</td>" in html


def test_a_unit_cannot_end_up_above_itself(client, county):
    client.force_login(county.office)

    response = upload(client, [
        UNIT_HEADERS,
        ["甲单位", "其他", None, "乙单位"],
        ["乙单位", "其他", None, "甲单位"],
        ["丙单位", "其他", "丙单位", None],
        # an existing unit pointed at a new unit that sits under it
        ["示例县财政局", "县直部门", None, "丁单位"],
        ["丁单位", "其他", None, "示例县财政局"],
    ])

    assert problems(response) == [(2, "上级单位"), (3, "上级单位"), (4, "主管部门"), (5, "上级单位"), (6, "上级单位")]
    assert reasons(response)[0] == "上级单位关系形成循环：甲单位 → 乙单位 → 甲单位"
    assert reasons(response)[2] == "主管部门不能是本单位"
    assert not Unit.objects.filter(name__in=["甲单位", "乙单位", "丙单位", "丁单位"]).exists()


def test_new_units_linked_to_each_other_both_ways_are_created(client, county):
    client.force_login(county.office)

    response = upload(client, [
        UNIT_HEADERS,
        ["甲单位", "县直部门", None, "乙单位"],
        ["乙单位", "事业单位", "甲单位", None],
    ])

    assert response.status_code == 302
    assert "新增 2 条，更新 0 条" in success_message(response)
    a, b = Unit.objects.get(name="甲单位"), Unit.objects.get(name="乙单位")
    assert (a.parent, b.supervising_department) == (b, a)


def test_codes_and_other_spellings_of_the_kind_are_accepted(client, county):
    client.force_login(county.office)

    response = upload(client, [
        UNIT_HEADERS,
        ["甲学校", "school", None, None],
        ["乙镇", "Township", None, None],
        ["丙社区", "村(社区)", None, None],
        [" 丁医院 ", " 医院", None, None],
    ])

    assert response.status_code == 302
    kinds = dict(Unit.objects.filter(name__in=["甲学校", "乙镇", "丙社区", "丁医院"]).values_list("name", "kind"))
    assert kinds == {"甲学校": "school", "乙镇": "township", "丙社区": "village", "丁医院": "hospital"}


def test_row_numbers_are_those_excel_shows_past_a_title_and_blank_rows(client, county):
    client.force_login(county.office)

    response = upload(client, [
        ["示例县被巡察单位名录（2026 年）"],
        [],
        UNIT_HEADERS,
        ["甲单位", "县直部门", None, None],
        [],
        [],
        ["乙单位", "不知道", None, None],
    ])

    assert problems(response) == [(7, "单位类别")]


def test_columns_may_come_in_another_order_with_extra_ones(client, county):
    client.force_login(county.office)

    response = upload(client, [
        ["备注", "上级单位", "单位名称", "主管部门", "单位类别"],
        ["新建", None, "甲单位", "示例县财政局", "事业单位"],
    ])

    assert response.status_code == 302
    assert Unit.objects.get(name="甲单位").supervising_department == county.unit_a


def test_export_then_import_round_trips(client, county):
    UnitFactory(name="城关镇中心小学", kind=Unit.Kind.SCHOOL, supervising_department=county.unit_b)
    client.force_login(county.office)
    exported = client.get(reverse("registry:unit_export")).content
    count, history = Unit.objects.count(), Unit.history.count()

    response = client.post(URL, {"file": SimpleUploadedFile("单位名录.xlsx", exported)})
    assert f"新增 0 条，更新 0 条，{count} 条无变化" in success_message(response)
    assert Unit.history.count() == history

    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook["单位名录"]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "城关镇中心小学")
    row[2].value = "示例县财政局"
    sheet.append(["城关镇第二小学", "学校", "示例县教育局", None])
    edited = io.BytesIO()
    workbook.save(edited)

    response = client.post(URL, {"file": SimpleUploadedFile("单位名录.xlsx", edited.getvalue())})

    assert f"新增 1 条，更新 1 条，{count - 1} 条无变化" in success_message(response)
    assert Unit.objects.get(name="城关镇中心小学").supervising_department == county.unit_a


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("单位.csv", "单位名称,单位类别\n".encode(), "只能导入 Excel 工作簿（.xlsx 文件）"),
        ("单位.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Excel 文件（.xls）"),
        ("单位.xlsx", b"this is not a workbook", "不是有效的 Excel 工作簿"),
        ("单位.xlsx", b"PK\x05\x06" + b"\0" * 18, "不是有效的 Excel 工作簿"),
        ("单位.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "设置了打开密码"),
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(client, county, name, content, message):
    client.force_login(county.office)
    count = Unit.objects.count()

    response = client.post(URL, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    assert message in response.context["rejected"].message
    assert message in response.content.decode()
    assert Unit.objects.count() == count


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "文件中没有内容"),
        ([UNIT_HEADERS], "表头下面没有数据行"),
        ([["单位名称", "类别"], ["甲单位", "乡镇"]], "表头缺少列：单位类别、主管部门、上级单位"),
        ([["甲单位", "乡镇", None, None]], "表头缺少列：单位名称、单位类别、主管部门、上级单位"),
    ],
)
def test_empty_files_and_missing_headers_are_refused(client, county, rows, message):
    client.force_login(county.office)

    response = upload(client, rows)

    assert response.status_code == 200
    assert message in response.context["rejected"].message
    assert response.context["rejected"].row_errors == []


def test_a_file_over_5_mb_is_refused(client, county):
    client.force_login(county.office)

    response = client.post(URL, {"file": SimpleUploadedFile("大文件.xlsx", b"0" * (5 * 1024 * 1024 + 1))})

    assert "文件太大（5.1 MB），不能超过 5 MB" in response.context["rejected"].message


def test_no_file_is_a_form_error(client, county):
    client.force_login(county.office)

    response = client.post(URL, {})

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["rejected"] is None


@pytest.mark.parametrize("persona", ["office", "director"])
def test_office_may_import(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(URL).status_code == 200
    assert upload(client, [UNIT_HEADERS, ["甲单位", "乡镇", None, None]]).status_code == 302


@pytest.mark.parametrize("persona", ["secretary", "deputy", "member1", "leader1", "jiwei", "zuzhibu", "unit1"])
def test_others_are_refused(client, county, persona):
    client.force_login(county.users[persona])
    count = Unit.objects.count()

    assert client.get(URL).status_code == 403
    assert upload(client, [UNIT_HEADERS, ["甲单位", "乡镇", None, None]]).status_code == 403
    assert Unit.objects.count() == count


def test_anonymous_is_sent_to_sign_in(client, db):
    for response in (client.get(URL), client.post(URL, {"file": xlsx_upload([UNIT_HEADERS])})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_list_page_shows_import_to_the_office_only(client, county):
    client.force_login(county.office)
    assert reverse("registry:unit_import") in client.get(reverse("registry:unit_list")).content.decode()

    client.force_login(county.secretary)
    html = client.get(reverse("registry:unit_list"), {"kind": "school"}).content.decode()
    assert reverse("registry:unit_import") not in html
    assert f"{reverse('registry:unit_export')}?kind=school" in html


def test_units_sheet_is_found_by_name_among_other_sheets(client, county):
    workbook = Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["请在“单位名录”工作表填写"])
    workbook.create_sheet("单位名录").append(UNIT_HEADERS)
    workbook["单位名录"].append(["甲单位", "乡镇"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(county.office)

    response = client.post(URL, {"file": SimpleUploadedFile("units.xlsx", buffer.getvalue())})

    assert response.status_code == 302
    assert Unit.objects.filter(name="甲单位").exists()

