import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CadreFactory, CadrePostFactory, CadreRelativeFactory
from xunchar.registry.models import Cadre, CadrePost, CadreRelative
from xunchar.registry.services import import_cadres

from .helpers import CADRE_HEADERS, UNIT_HEADERS, problems, xlsx_upload

pytestmark = pytest.mark.django_db
URL = reverse("registry:cadre_import")


def upload(client, rows):
    return client.post(URL, {"file": xlsx_upload(rows, name="干部名册.xlsx")})


def reasons(response) -> list[str]:
    return [error.reason for error in response.context["rejected"].row_errors]


def success_message(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.fixture
def wang(county):
    return CadreFactory(
        name="王建国", gender=Cadre.Gender.MALE, birth_date=datetime.date(1975, 3, 2), unit=county.unit_a,
        post="副局长", rank=Cadre.Rank.SECTION_DEPUTY,
    )


def test_page_offers_the_upload_and_a_template(client, county):
    client.force_login(county.office)

    html = client.get(URL).content.decode()

    assert 'accept=".xlsx"' in html
    assert reverse("registry:cadre_export") in html
    for header in CADRE_HEADERS:
        assert header in html


def test_cadres_are_matched_by_name_and_current_unit(client, county, wang):
    client.force_login(county.office)

    response = upload(client, [
        CADRE_HEADERS,
        ["王建国", "男", datetime.date(1975, 3, 2), "示例县财政局", "局长", "正科级", "是", "否"],
        # a namesake at another unit is another person
        ["王建国", "男", "1982-07-15", "示例县教育局", "科员", "科员及以下", "否", "否"],
        ["李华", "女", None, None, None, "其他", None, "是"],
    ])

    assert response.status_code == 302
    assert response["Location"] == reverse("registry:cadre_list")
    assert "干部名册导入完成：新增 2 条，更新 1 条，0 条无变化" in success_message(response)
    wang.refresh_from_db()
    assert (wang.post, wang.rank, wang.is_county_managed) == ("局长", Cadre.Rank.SECTION_PRINCIPAL, True)
    namesake = Cadre.objects.get(name="王建国", unit=county.unit_b)
    assert namesake.birth_date == datetime.date(1982, 7, 15)
    li = Cadre.objects.get(name="李华")
    assert (li.gender, li.unit, li.birth_date, li.is_retired, li.is_county_managed) == ("F", None, None, True, False)


def test_each_change_is_in_the_history_with_its_author(client, county, wang):
    client.force_login(county.office)

    upload(client, [
        CADRE_HEADERS,
        ["王建国", "男", "1975-03-02", "示例县财政局", "局长", "正科级", "否", "否"],
        ["赵敏", "女", "1990-01-01", "示例县财政局", "科员", "科员及以下", "否", "否"],
    ])

    latest = wang.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason, latest.post) == (
        "~", county.office, "Excel 导入", "局长",
    )
    new = Cadre.objects.get(name="赵敏")
    assert [(h.history_type, h.history_user) for h in new.history.all()] == [("+", county.office)]


def test_codes_and_common_spellings_are_accepted(client, county):
    client.force_login(county.office)

    response = upload(client, [
        CADRE_HEADERS,
        ["张  三", "M", "1980/5/6", "示例县财政局", None, "section_deputy", "TRUE", "no"],
        ["李\u3000四", "female", "1981年2月3日", None, None, "县级副职", True, False],
        ["王五", "男", 19820304, None, None, "clerk_principal", "Y", 0],
    ])

    assert response.status_code == 302
    zhang = Cadre.objects.get(name="张三")
    assert (zhang.gender, zhang.birth_date, zhang.rank, zhang.is_county_managed, zhang.is_retired) == (
        "M", datetime.date(1980, 5, 6), "section_deputy", True, False,
    )
    li = Cadre.objects.get(name="李四")
    assert (li.gender, li.birth_date, li.rank, li.is_county_managed) == (
        "F", datetime.date(1981, 2, 3), "county_deputy", True,
    )
    wang = Cadre.objects.get(name="王五")
    assert (wang.birth_date, wang.rank, wang.is_county_managed) == (datetime.date(1982, 3, 4), "clerk_principal", True)


def test_several_bad_rows_import_nothing_and_are_all_listed(client, county, wang):
    client.force_login(county.office)
    before = list(Cadre.objects.values_list("id", "name", "post", "rank").order_by("id"))
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)

    response = upload(client, [
        CADRE_HEADERS,
        ["王建国", "男", "1975-03-02", "示例县财政局", "局长", "正科级", "是", "否"],
        [None, "男", None, "示例县财政局", None, "正科级", None, None],
        ["赵敏", "男性", "1975.03", "示例县水利局", None, None, "也许", None],
        ["王建国", "男", None, "示例县财政局", None, "正科级", None, None],
        ["孙丽", "女", tomorrow.isoformat(), None, None, "正处", None, None],
    ])

    assert response.status_code == 200
    assert list(Cadre.objects.values_list("id", "name", "post", "rank").order_by("id")) == before
    assert problems(response) == [
        (3, "姓名"),
        (4, "性别"), (4, "出生日期"), (4, "职级"), (4, "是否县管干部"), (4, "现工作单位"),
        (5, "姓名"),
        (6, "出生日期"), (6, "职级"),
    ]
    assert reasons(response) == [
        "姓名不能为空",
        "性别“男性”无效，应为：男、女",
        "出生日期格式无效（“1975.03”），应为 1975-03-02 这样的日期",
        "职级不能为空",
        "是否县管干部“也许”无效，应为：是、否",
        "现工作单位“示例县水利局”不存在，请先在单位名录中添加该单位",
        "“王建国”与第 2 行重复（姓名和现工作单位都相同）",
        f"出生日期（{tomorrow.isoformat()}）不能晚于今天",
        "职级“正处”无效，应为：正处级、副处级、正科级、副科级、主任科员、副主任科员、科员及以下、其他",
    ]
    assert "共有 4 行有误（9 处），未导入任何数据" in response.content.decode()


def test_namesakes_at_the_same_unit_cannot_be_told_apart(client, county, wang):
    CadreFactory(name="王建国", unit=county.unit_a)
    client.force_login(county.office)

    response = upload(client, [CADRE_HEADERS, ["王建国", "男", None, "示例县财政局", "局长", "正科级", "否", "否"]])

    assert problems(response) == [(2, "姓名")]
    assert reasons(response) == [
        "系统中已有 2 名“示例县财政局”的同名干部“王建国”，无法确定更新哪一位；请先在系统中区分后再导入"
    ]


def test_export_then_import_round_trips_and_leaves_posts_and_relatives_alone(client, county, wang):
    CadrePostFactory(cadre=wang, unit=county.unit_b, title="副局长", start_date=datetime.date(2015, 1, 5))
    CadreRelativeFactory(cadre=wang, name="李秀英")
    client.force_login(county.office)
    exported = client.get(reverse("registry:cadre_export")).content
    count, history = Cadre.objects.count(), Cadre.history.count()

    response = client.post(URL, {"file": SimpleUploadedFile("干部名册.xlsx", exported)})
    assert f"新增 0 条，更新 0 条，{count} 条无变化" in success_message(response)
    assert Cadre.history.count() == history

    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook["干部名册"]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "王建国")
    row[4].value = "局长"
    row[5].value = "正科级"
    workbook["任职经历"].append(["王建国", "示例县财政局", "局长", datetime.date(2024, 1, 1), None])
    edited = io.BytesIO()
    workbook.save(edited)

    response = client.post(URL, {"file": SimpleUploadedFile("干部名册.xlsx", edited.getvalue())})

    assert f"新增 0 条，更新 1 条，{count - 1} 条无变化" in success_message(response)
    wang.refresh_from_db()
    assert (wang.post, wang.rank, wang.birth_date) == ("局长", "section_principal", datetime.date(1975, 3, 2))
    assert CadrePost.objects.filter(cadre=wang).count() == 1
    assert CadreRelative.objects.filter(cadre=wang).count() == 1


def test_a_units_file_is_refused_for_its_headers(client, county):
    client.force_login(county.office)

    response = upload(client, [UNIT_HEADERS, ["甲单位", "乡镇", None, None]])

    assert "表头缺少列：姓名、性别、出生日期、现工作单位、现任职务、职级、是否县管干部、是否退休" in (
        response.context["rejected"].message
    )


def test_a_file_that_is_not_an_xlsx_workbook_is_refused(client, county):
    client.force_login(county.office)

    response = client.post(URL, {"file": SimpleUploadedFile("干部.docx", b"PK\x03\x04")})

    assert "只能导入 Excel 工作簿（.xlsx 文件）" in response.content.decode()


@pytest.mark.parametrize("persona", ["office", "director"])
def test_office_may_import(client, county, persona):
    client.force_login(county.users[persona])
    assert client.get(URL).status_code == 200
    rows = [CADRE_HEADERS, ["赵敏", "女", None, None, None, "其他", None, None]]
    assert upload(client, rows).status_code == 302


@pytest.mark.parametrize("persona", ["secretary", "deputy", "member1", "leader1", "jiwei", "zuzhibu", "unit1"])
def test_others_are_refused(client, county, persona):
    client.force_login(county.users[persona])
    count = Cadre.objects.count()

    assert client.get(URL).status_code == 403
    assert upload(client, [CADRE_HEADERS, ["赵敏", "女", None, None, None, "其他", None, None]]).status_code == 403
    assert Cadre.objects.count() == count


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.post(URL, {"file": xlsx_upload([CADRE_HEADERS])})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_list_page_shows_import_to_the_office_only(client, county):
    client.force_login(county.office)
    assert reverse("registry:cadre_import") in client.get(reverse("registry:cadre_list")).content.decode()

    client.force_login(county.secretary)
    html = client.get(reverse("registry:cadre_list"), {"county_managed": "1"}).content.decode()
    assert reverse("registry:cadre_import") not in html
    assert f"{reverse('registry:cadre_export')}?county_managed=1" in html


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1975-3-2", datetime.date(1975, 3, 2)),
        ("1975.03.02", datetime.date(1975, 3, 2)),
        ("１９７５－０３－０２", datetime.date(1975, 3, 2)),
        ("1975-03-02 00:00:00", datetime.date(1975, 3, 2)),
        ("19750302", datetime.date(1975, 3, 2)),
        (datetime.datetime(1975, 3, 2), datetime.date(1975, 3, 2)),
        ("197532", None),
        ("1975-02-30", None),
        ("1975年3月", None),
        ("三月二日", None),
    ],
)
def test_birth_dates_as_people_write_them(client, county, written, expected):
    client.force_login(county.office)

    response = upload(client, [CADRE_HEADERS, ["赵敏", "女", written, None, None, "其他", None, None]])

    if expected is None:
        assert problems(response) == [(2, "出生日期")]
    else:
        assert response.status_code == 302
        assert Cadre.objects.get(name="赵敏").birth_date == expected


def test_the_service_refuses_anyone_but_the_office(county):
    with pytest.raises(PermissionDenied):
        import_cadres(file=xlsx_upload([CADRE_HEADERS]), actor=county.secretary)
