"""Comparing two frozen versions: changes marked character by character, sections paired by heading."""

from xunchar.approvals.diff import Segment, compare_contents, compare_text


def test_a_changed_phrase_is_marked_inside_the_line():
    old, new = compare_text("重点是财政资金使用情况。\n第二行不变。", "重点是专项资金使用情况。\n第二行不变。")
    assert old == [Segment("equal", "重点是"), Segment("delete", "财政"), Segment("equal", "资金使用情况。\n第二行不变。")]
    assert new == [Segment("equal", "重点是"), Segment("insert", "专项"), Segment("equal", "资金使用情况。\n第二行不变。")]


def test_added_and_removed_lines():
    old, new = compare_text("一\n二\n", "一\n二\n三\n")
    assert old == [Segment("equal", "一\n二\n")]
    assert new == [Segment("equal", "一\n二\n"), Segment("insert", "三\n")]


def test_sections_are_paired_by_heading():
    old = {"title": "方案", "sections": [
        {"heading": "重点", "text": "甲"}, {"heading": "分工", "text": "乙"}, {"heading": "纪律", "text": "丙"},
    ]}
    new = {"title": "方案（修改稿）", "sections": [
        {"heading": "重点", "text": "甲"}, {"heading": "时间", "text": "十月"}, {"heading": "纪律", "text": "丙丁"},
    ]}
    diff = compare_contents(old, new)
    assert [s.status for s in diff.sections] == ["same", "changed", "changed"]
    assert diff.sections[1].old_heading == [Segment("delete", "分工")]
    assert diff.sections[2].new == [Segment("equal", "丙"), Segment("insert", "丁")]
    assert diff.new_title == [Segment("equal", "方案"), Segment("insert", "（修改稿）")]
    assert diff.changed


def test_sections_added_and_removed():
    old = {"title": "方案", "sections": [{"heading": "重点", "text": "甲"}, {"heading": "附件", "text": "无"}]}
    new = {"title": "方案", "sections": [{"heading": "重点", "text": "甲"}]}
    diff = compare_contents(old, new)
    assert [s.status for s in diff.sections] == ["same", "removed"]
    assert [s.status for s in compare_contents(new, old).sections] == ["same", "added"]
    assert not compare_contents(old, old).changed
