"""Two versions side by side: what was removed from the older and added in the newer.

Texts are compared line by line and, inside a changed block of lines, character by character —
Chinese has no spaces, so a word-level diff would mark whole sentences. Sections are paired by
their headings."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher


@dataclass
class Segment:
    op: str  # "equal", "delete" (only in the older text), "insert" (only in the newer)
    text: str


@dataclass
class SectionDiff:
    status: str  # "same", "changed", "added", "removed"
    old_heading: list[Segment] = field(default_factory=list)
    new_heading: list[Segment] = field(default_factory=list)
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)


@dataclass
class ContentDiff:
    old_title: list[Segment]
    new_title: list[Segment]
    sections: list[SectionDiff]

    @property
    def changed(self) -> bool:
        return any(s.status != "same" for s in self.sections) or any(seg.op != "equal" for seg in self.new_title + self.old_title)


def _add(segments: list[Segment], op: str, text: str):
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1].text += text
    else:
        segments.append(Segment(op, text))


def _characters(old: str, new: str, old_out: list[Segment], new_out: list[Segment]):
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            _add(old_out, "equal", old[i1:i2])
            _add(new_out, "equal", new[j1:j2])
        else:
            _add(old_out, "delete", old[i1:i2])
            _add(new_out, "insert", new[j1:j2])


def compare_text(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    old_out: list[Segment] = []
    new_out: list[Segment] = []
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        old_block, new_block = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            _add(old_out, "equal", old_block)
            _add(new_out, "equal", new_block)
        elif tag == "replace":
            _characters(old_block, new_block, old_out, new_out)
        else:
            _add(old_out, "delete", old_block)
            _add(new_out, "insert", new_block)
    return old_out, new_out


def _section(old: dict | None, new: dict | None) -> SectionDiff:
    if old is None:
        return SectionDiff("added", new_heading=[Segment("insert", new["heading"])], new=[Segment("insert", new["text"])])
    if new is None:
        return SectionDiff("removed", old_heading=[Segment("delete", old["heading"])], old=[Segment("delete", old["text"])])
    old_heading, new_heading = compare_text(old["heading"], new["heading"])
    old_text, new_text = compare_text(old["text"], new["text"])
    same = old["heading"] == new["heading"] and old["text"] == new["text"]
    return SectionDiff("same" if same else "changed", old_heading, new_heading, old_text, new_text)


def compare_contents(old: dict, new: dict) -> ContentDiff:
    old_sections, new_sections = list(old.get("sections", [])), list(new.get("sections", []))
    matcher = SequenceMatcher(
        None, [s["heading"] for s in old_sections], [s["heading"] for s in new_sections], autojunk=False
    )
    sections = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old_sections[i1:i2], new_sections[j1:j2]
        if tag in ("equal", "replace"):
            for k in range(max(len(olds), len(news))):
                sections.append(_section(olds[k] if k < len(olds) else None, news[k] if k < len(news) else None))
        elif tag == "delete":
            sections.extend(_section(s, None) for s in olds)
        else:
            sections.extend(_section(None, s) for s in news)
    old_title, new_title = compare_text(old.get("title", ""), new.get("title", ""))
    return ContentDiff(old_title=old_title, new_title=new_title, sections=sections)
