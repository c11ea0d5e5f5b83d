"""Each layout rendered with real Chinese content and read back with poppler: the text is there
(the fonts carry ToUnicode maps), every font is one the project ships and is embedded, no Type 3."""

import datetime

import pytest

from xunchar.documents import rendering, typefaces
from xunchar.documents.samples import SAMPLES
from xunchar.documents.templatetags.official_documents import mark_style, signature_offsets

from .helpers import compact, pdf_fonts, pdf_pages, pdf_text


@pytest.fixture(scope="module")
def samples():
    """Each sample rendered once for the module (rendering needs no database)."""
    return {name: rendering.render(template_name, context) for name, (template_name, context) in SAMPLES.items()}


def test_issue_number_has_the_full_year_in_tortoise_shell_brackets_and_no_leading_zeros():
    assert rendering.issue_number("兴巡发", 2026, 3) == "兴巡发〔2026〕3号"
    assert rendering.issue_number("兴巡办发", 2027, 12) == "兴巡办发〔2027〕12号"
    assert "\u3014" in rendering.issue_number("兴巡发", 2026, 1) and "\u3015" in rendering.issue_number("兴巡发", 2026, 1)
    with pytest.raises(ValueError):
        rendering.issue_number("兴巡发", 2026, 0)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_font_is_shipped_embedded_and_not_type_3(samples, name):
    fonts = pdf_fonts(samples[name].content)
    assert fonts, "no font in the PDF"
    for font in fonts:
        assert font["embedded"], f"{font['name']} is not embedded"
        assert font["unicode"], f"{font['name']} has no ToUnicode map"
        assert "Type 3" not in font["type"], f"{font['name']} fell back to Type 3"
        # The machine has no Chinese system font: every font must be one of ours.
        assert "Xunchar" in font["name"], f"{font['name']} is not a font the project ships"


def test_the_official_layout_gives_its_chinese_back(samples):
    rendered = samples["notice"]
    pages = pdf_pages(rendered.content)
    assert rendered.page_count == len(pages) >= 3
    first = compact(pages[0])
    for expected in ("000012", "机密★1年", "特急", "中共示例县委巡察工作领导小组办公室文件", "兴巡办发〔2026〕3号",
                     "关于县委第一巡察组进驻示例县财政局开展常规巡察的通知", "示例县财政局党组：", "一、巡察时间和方式"):
        assert expected in first, expected
    text = compact(pdf_text(rendered.content))
    for expected in ("（一）召开动员会", "附件：1.县委第一巡察组成员名单", "2.巡察期间值班安排表", "2026年11月28日",
                     "（联系人：王芳，联系电话：0000-1234567）", "附件1", "附件2", "周喆"):
        assert expected in text, expected


def test_pages_are_numbered_and_the_closing_block_is_on_the_last_page(samples):
    pages = pdf_pages(samples["notice"].content)
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in compact(page), f"page {number} has no page number"
    last = compact(pages[-1])
    assert "抄送：县纪委监委，县委组织部，县委办公室。" in last
    assert "2026年11月28日印发" in last
    assert all("印发" not in compact(page) for page in pages[:-1])
    # The attachments start on pages of their own.
    assert compact(pages[-2]).startswith("附件1") and compact(pages[-1]).startswith("附件2")


def test_the_letter_has_no_page_number_on_its_first_page(samples):
    pages = pdf_pages(samples["letter"].content)
    first = compact(pages[0])
    assert "—1—" not in first
    for expected in ("中共示例县委巡察工作领导小组办公室", "兴巡函〔2026〕5号", "关于通报巡察发现问题的函", "（一）部分专项资金拨付不及时"):
        assert expected in first, expected
    if len(pages) > 1:
        assert "—2—" in compact(pages[1])
    assert "附件：巡察发现问题清单" in compact(pdf_text(samples["letter"].content))  # one attachment: no number
    # The signature never stands alone on a page: some text of the letter comes with it.
    signature_page = next(page for page in pages if "2026年11月28日" in page)
    assert "。" in signature_page.split("附件")[0]


def test_the_minutes_list_who_attended(samples):
    text = compact(pdf_text(samples["minutes"].content))
    for expected in ("第一巡察组组务会纪要", "第3期", "中共示例县委第一巡察组", "2026年11月28日", "一、关于个别谈话情况",
                     "出席：张伟、李娜、王芳", "请假：吴彧（出差）", "列席：县委巡察办", "钱垚"):
        assert expected in text, expected


def test_the_form_layout(samples):
    rendered = samples["approval"]
    text = compact(pdf_text(rendered.content))
    for expected in ("编号：2026-03", "调阅资料审批表", "巡察对象", "示例县财政局党组", "组长意见", "签名：", "注：本表一式两份"):
        assert expected in text, expected
    assert rendered.page_count == 1
    assert "—1—" not in text  # forms carry no page numbers unless asked


def test_the_fetcher_hands_out_only_the_projects_files():
    fetcher = rendering._fetcher_class()()
    stylesheet = fetcher.fetch(rendering.STYLESHEET.as_uri())
    assert b"@page" in stylesheet.read()
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.css", "https://example.org/font.woff2",
                rendering.ASSETS_DIR.as_uri() + "/../../settings.py", "data:text/css,body{}"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_document_that_names_outside_files_still_renders_without_them():
    html = ('<html><head><link rel="stylesheet" href="http://127.0.0.1:9/evil.css"></head><body>'
            '<p>巡察工作</p><img src="file:///etc/hostname"></body></html>')
    rendered = rendering.html_to_pdf(html)
    assert "巡察工作" in pdf_text(rendered.content)


def test_the_offices_own_font_comes_first(settings, tmp_path):
    """A FangSong.ttf in XUNCHAR_FONT_DIR sets the body: here the shipped 楷体 stands in for it."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(typefaces.FONT_DIR / "XuncharKai-Regular.woff"))
    font.flavor = None
    font.save(str(tmp_path / "FangSong.ttf"))
    html = "<html><body><p>巡察组进驻示例县财政局</p></body></html>"
    assert _font_names(rendering.html_to_pdf(html).content) == {"Xunchar-Fang", "Xunchar-Serif"}  # Serif: page numbers

    settings.XUNCHAR_FONT_DIR = str(tmp_path)
    assert typefaces.office_fonts() == {"Office Fang": tmp_path / "FangSong.ttf"}
    assert (tmp_path / "FangSong.ttf").as_uri() in typefaces.font_face_css()
    content = rendering.html_to_pdf(html).content
    assert _font_names(content) == {"Office-Fang", "Xunchar-Serif"}
    assert "巡察组进驻示例县财政局" in pdf_text(content)


def _font_names(content: bytes) -> set[str]:
    return {font["name"].split("+")[-1] for font in pdf_fonts(content)}


def test_the_signature_and_date_follow_the_standard():
    # Sealed: the date 4 字 from the right, the signature centred over it.
    signature_right, date_right = signature_offsets("县委巡察办", "2026年11月28日", sealed=True)
    assert date_right == 4
    assert signature_right == 4 + (7 - 5) / 2
    # Not sealed: the signature 2 字 from the right, the date starting 2 字 further right ...
    office = "中共示例县委巡察工作领导小组办公室"
    signature_right, date_right = signature_offsets(office, "2026年11月28日", sealed=False)
    assert signature_right == 2
    assert 28 - date_right - 7 == (28 - 2 - len(office)) + 2
    # ... unless the date is the longer: then it is 2 字 from the right and the signature moves left.
    signature_right, date_right = signature_offsets("巡察办", "2026年11月28日", sealed=False)
    assert date_right == 2
    assert (28 - signature_right - 3) + 2 == 28 - 2 - 7


def test_a_long_issuer_mark_is_squeezed_to_the_text_block():
    style = mark_style("中共示例县委巡察工作领导小组办公室文件", 15)
    values = dict(part.split(": ") for part in style.split("; "))
    width = float(values["width"].removesuffix("mm"))
    scale = float(values["transform"].removeprefix("scaleX(").removesuffix(")"))
    assert width * scale == pytest.approx(156, abs=0.1)
    assert float(values["margin-left"].removesuffix("mm")) == pytest.approx((156 - width) / 2, abs=0.01)
    short = dict(part.split(": ") for part in mark_style("巡察办", 15).split("; "))
    assert short["font-size"] == "15.00mm" and short["transform"] == "scaleX(1.0000)"


def test_dates_print_in_the_chinese_official_form_and_the_addressee_gets_one_colon():
    from django.template import engines

    template = engines["django"].from_string("{% load official_documents %}{{ day|chinese_date }} {{ to|with_colon }}")
    assert template.render({"day": datetime.date(2026, 3, 5), "to": "县财政局党组"}) == "2026年3月5日 县财政局党组："
    assert template.render({"day": datetime.date(2026, 3, 5), "to": "县财政局党组："}).endswith("党组：")


def test_rendering_three_pages_takes_seconds_not_minutes():
    template_name, context = SAMPLES["notice"]
    rendered = rendering.render(template_name, context)
    assert rendered.page_count >= 3
    assert rendered.seconds < 10


def test_a_long_title_is_cut_into_balanced_lines_the_upper_no_shorter():
    from xunchar.documents.templatetags.official_documents import text_width, title_lines

    assert title_lines("关于通报巡察发现问题的函") == ["关于通报巡察发现问题的函"]
    for title in ("关于县委第一巡察组进驻示例县财政局开展常规巡察的通知",
                  "中共示例县委巡察工作领导小组办公室关于印发《2026年第二轮巡察工作方案》的通知",
                  "关于2026年第二轮巡察工作情况的报告"):
        lines = title_lines(title)
        assert "".join(lines) == title and len(lines) >= 2
        widths = [text_width(line) for line in lines]
        assert widths == sorted(widths, reverse=True) or max(widths) - min(widths) <= 1, lines
        assert all(line[0] not in "，。、）》" for line in lines[1:])
        assert not any(a[-1].isdigit() and b[0].isdigit() for a, b in zip(lines, lines[1:], strict=False))
