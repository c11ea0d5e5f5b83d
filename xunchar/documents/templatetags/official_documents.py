"""Tags and filters the document layouts (templates/documents/) use: they do the arithmetic of
GB/T 9704-2012 that CSS cannot — the issuer mark fitted to the text block, the offsets of 署名 and
成文日期, the 附件说明 list and the 版记."""

import datetime

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from xunchar.workdays.calendar import chinese_date as _chinese_date

register = template.Library()

TEXT_WIDTH_MM = 156.0
CHAR_PT = 15.78  # 3号 with letter-spacing −0.22 pt: 28 to a line of the text block


def text_width(text: str) -> float:
    """Width in characters (Latin letters and digits = ½, everything else = 1), as the CJK fonts set them."""
    return sum(0.5 if ord(char) < 0x0100 else 1.0 for char in text)


@register.filter
def chinese_date(value) -> str:
    """2026年11月28日 (no zero padding); a datetime in local time; anything else as it is."""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return _chinese_date(value)
    return "" if value is None else str(value)


@register.filter
def with_colon(value) -> str:
    """主送机关 end with a full-width colon — added unless the caller wrote one."""
    value = "" if value is None else str(value).rstrip()
    return value if value.endswith(("：", ":")) else f"{value}："


@register.simple_tag
def mark_style(text, max_height_mm=15.0) -> str:
    """Inline style for a red mark (发文机关标志, 纪要标志): as tall as `max_height_mm`, squeezed
    horizontally (as printed red heads are) when the text would be wider than the text block, and
    kept centred on it."""
    text = str(text or "")
    max_height_mm = float(max_height_mm)
    width_chars = max(text_width(text), 1.0)
    height = min(max_height_mm, TEXT_WIDTH_MM / width_chars * 1.25)
    natural = width_chars * height
    scale = min(1.0, TEXT_WIDTH_MM / natural)
    return (
        f"font-size: {height:.2f}mm; height: {height:.2f}mm; width: {natural:.2f}mm; "
        f"margin-left: {(TEXT_WIDTH_MM - natural) / 2:.2f}mm; transform: scaleX({scale:.4f})"
    )


def signature_offsets(signature: str, date_text: str, sealed: bool) -> tuple[float, float]:
    """Right-hand offsets (in characters) of 署名 and 成文日期, GB/T 9704-2012 §7.3.5.

    Sealed: the date 4 字 from the right, 署名 centred above it. Not sealed: 署名 2 字 from the
    right and the date starting 2 字 further right than 署名 — unless the date is then too long, when
    the date is 2 字 from the right and 署名 moves left to keep the 2 字 step."""
    signature_width, date_width = text_width(signature), text_width(date_text)
    if sealed:
        date_right = 4.0
        signature_right = date_right + (date_width - signature_width) / 2
        return max(signature_right, 0.0), date_right
    signature_right = 2.0
    signature_start = 28.0 - signature_right - signature_width
    date_right = 28.0 - (signature_start + 2.0) - date_width
    if date_right < 2.0:
        date_right = 2.0
        signature_right = 28.0 - (28.0 - date_right - date_width - 2.0) - signature_width
    return signature_right, date_right


TITLE_LINE_CHARS = 16  # 2号 characters across the text block less 2 字 each side, with room to spare


def title_lines(title: str, per_line: int = TITLE_LINE_CHARS) -> list[str]:
    """The title cut into lines of nearly equal width, the upper ones no shorter (the "trapezoid"
    of §7.3.1), never inside a run of digits or Latin letters nor before punctuation."""
    title = " ".join(str(title or "").split())
    total = text_width(title)
    if total <= per_line:
        return [title] if title else []
    count = -int(-total // per_line)
    lines, rest = [], title
    for remaining in range(count, 1, -1):
        target = -(-text_width(rest) // remaining)  # this line's share, rounded up: upper lines longer
        width, cut = 0.0, len(rest)
        for index, char in enumerate(rest):
            width += text_width(char)
            if width >= target:
                cut = index + 1
                break
        while 0 < cut < len(rest) and (
            rest[cut] in "，。、；：？！）》〕】”’,.;:)" or (rest[cut - 1].isascii() and rest[cut].isascii())
        ):
            cut += 1
        lines.append(rest[:cut])
        rest = rest[cut:]
        if not rest:
            break
    if rest:
        lines.append(rest)
    return lines


@register.filter
def title_html(title) -> str:
    """The title with its line breaks placed (see `title_lines`)."""
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in title_lines(str(title or ""))))


@register.simple_tag
def signature_block(signature, date, sealed=None):
    """署名 over 成文日期, placed per the standard (see `signature_offsets`). `sealed` unset or
    empty means sealed: most documents the office issues carry its seal."""
    sealed = True if sealed in (None, "") else bool(sealed)
    signature = str(signature or "")
    date_text = chinese_date(date)
    if not signature and not date_text:
        return ""
    signature_right, date_right = signature_offsets(signature, date_text, sealed)
    lines = []
    if signature:
        lines.append(format_html('<p class="signature" style="padding-right: {}pt">{}</p>', f"{signature_right * CHAR_PT:.2f}", signature))
    if date_text:
        lines.append(format_html('<p class="date" style="padding-right: {}pt">{}</p>', f"{date_right * CHAR_PT:.2f}", date_text))
    return format_html(
        '<div class="signature-block{}">{}</div>', " sealed" if sealed else "", mark_safe("".join(lines))
    )


@register.simple_tag
def attachment_note(attachments):
    """附件说明: `附件：名称`, or `附件：1.名称` line by line for several; no end punctuation."""
    names = [str(name).strip().rstrip("。.；;，,") for name in (attachments or []) if str(name).strip()]
    if not names:
        return ""
    if len(names) == 1:
        rows = format_html('<tr><td class="label">附件：</td><td class="name">{}</td></tr>', names[0])
    else:
        rows = format_html_join(
            "",
            '<tr><td class="label">{}</td><td class="ordinal">{}.</td><td class="name">{}</td></tr>',
            (("附件：" if index == 1 else "", index, name) for index, name in enumerate(names, start=1)),
        )
    return format_html('<table class="attachment-note">{}</table>', rows)


@register.simple_tag
def people_line(label, names):
    """出席：/请假：/列席： and the names, wrapped lines aligned after the colon."""
    names = [str(name) for name in (names or []) if str(name).strip()]
    if not names:
        return ""
    listed = format_html_join("、", '<span class="nowrap">{}</span>', ((name,) for name in names))
    return format_html('<p><span class="people-label">{}：</span>{}</p>', label, listed)
