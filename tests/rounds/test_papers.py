"""The printed forms: what rounds.papers hands the shared PDF mechanism, and the bodies they print.

The base templates (documents/official.html, documents/letter.html) belong to the shared mechanism;
here the bodies are rendered on their own, as the on-screen pages do."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from rounds.papers import briefing_letter_paper, inspection_notice_paper

pytestmark = pytest.mark.django_db

OFFICIAL_KEYS = {"issuer", "number", "title", "addressee", "signature", "date", "cc", "printer", "printed_on"}
LETTER_KEYS = {"issuer", "number", "title", "addressee", "signature", "date"}


def _source(template_name):
    return (Path(settings.BASE_DIR) / "templates" / template_name).read_text(encoding="utf-8")


def test_the_notice_in_document_format(county):
    template, context = inspection_notice_paper(county.notice1)
    assert template == "rounds/papers/inspection_notice.html"
    assert OFFICIAL_KEYS <= set(context)
    assert context["issuer"] == "中共示例县委巡察工作领导小组办公室"
    assert context["number"] == "巡察办发〔2026〕1号"
    # dates as dates: the layout writes them the official way (2026年10月12日, …印发)
    assert context["date"] == datetime.date(2026, 10, 12) and context["printed_on"] == datetime.date(2026, 10, 12)
    assert context["cc"] == ["县委第一巡察组"]
    assert context["addressee"] == "示例县财政局党组织："
    assert _source(template).startswith('{% extends "documents/official.html" %}')
    body = render_to_string("rounds/papers/_notice_body.html", context)
    assert body.count("<h2>") == 5
    assert "<h2>一、主要任务</h2>" in body and "<h2>五、有关要求</h2>" in body
    assert "巡察组联系人：联络员，联系电话：0000-1234567。" in body


def test_a_draft_notice_has_no_number_and_no_date(county):
    _template, context = inspection_notice_paper(county.notice2)
    assert (context["number"], context["date"], context["printed_on"]) == ("", None, None)


def test_the_letter_in_letter_format(county):
    template, context = briefing_letter_paper(county.briefing_sent)
    assert template == "rounds/papers/briefing_letter.html"
    assert LETTER_KEYS <= set(context)
    assert context["number"] == "巡察办函〔2026〕1号" and context["date"] == "2026年10月12日"
    assert context["addressee"] == "示例县纪委监委："
    assert _source(template).startswith('{% extends "documents/letter.html" %}')
    body = render_to_string("rounds/papers/_letter_body.html", context)
    assert "（一）被巡察党组织政治生态状况；" in body
    assert "（二）被巡察党组织领导干部有关问题线索处置情况。" in body
    assert "县委第一巡察组：示例县财政局" in body and "县委第二巡察组：示例县教育局" in body
    assert "2026年10月16日前" in body


def test_the_county_name_comes_from_the_setting(county, settings):
    settings.XUNCHAR_COUNTY_NAME = "样板县"
    _template, context = inspection_notice_paper(county.notice1)
    assert context["issuer"] == "中共样板县委巡察工作领导小组办公室"
