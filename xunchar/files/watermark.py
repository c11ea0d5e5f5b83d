"""The reader's name and the time, written across a confidential file as it is downloaded.

A leaked copy then names who took it out and when. PDFs get diagonal light-grey text on every page
(an overlay page made with WeasyPrint, merged with pypdf); pictures get the same text tiled across
them (Pillow). Word and Excel files cannot be marked reliably — any mark in the document is one
click away from removal and changes the file the reader has to work on — so they are served as
they are and the download's audit entry says so.

The reader's name is Chinese: the text is set in a CJK font found through fontconfig when the
machine has one. Without one the name's characters may show as empty boxes, so the username (ASCII)
is written beside it and the mark still identifies the reader.
"""

import functools
import io
import logging
import shutil
import subprocess
from pathlib import Path

from django.utils import timezone
from django.utils.html import escape

logger = logging.getLogger(__name__)

GREY_PDF = "rgb(170, 170, 170)"
GREY_IMAGE = (128, 128, 128, 80)  # semi-transparent: visible on light and dark pictures alike
ANGLE = 30  # degrees, rising from left to right


class WatermarkFailed(Exception):
    """The file could not be marked; it must not be handed out unmarked."""


def watermark_text(reader, at=None) -> str:
    at = timezone.localtime(at or timezone.now())
    name = reader.full_name.strip() if reader.full_name else ""
    label = f"{name}（{reader.username}）" if name and name != reader.username else reader.username
    return f"{label} {at:%Y-%m-%d %H:%M}"


@functools.cache
def cjk_font() -> tuple[str, int, str] | None:
    """(file, index in a collection, family) of a Simplified Chinese font, sans-serif preferred."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        output = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{family[0]}\t%{style[0]}\n", ":lang=zh-cn"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        logger.warning("watermark: fontconfig could not list the fonts", exc_info=True)
        return None
    fonts = []
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        path, index, family, style = parts
        rank = (
            "sans" not in family.lower(),
            not ("SC" in family.split() or "CN" in family.split()),
            style.lower() not in ("regular", "book", "normal"),
            path,
        )
        fonts.append((rank, (path, int(index), family)))
    if not fonts:
        logger.warning("watermark: no Chinese font found; names may show as boxes")
        return None
    return min(fonts)[1]


def watermark_pdf(data: bytes, text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter, Transformation

    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        overlays = {}
        for page in writer.pages:
            box = page.mediabox
            size = (round(float(box.width), 1), round(float(box.height), 1))
            if size not in overlays:
                overlays[size] = PdfReader(io.BytesIO(_overlay_pdf(*size, text))).pages[0]
            page.merge_transformed_page(
                overlays[size], Transformation().translate(float(box.left), float(box.bottom)), over=True
            )
        output = io.BytesIO()
        writer.write(output)
    except Exception as error:
        raise WatermarkFailed("PDF") from error
    return output.getvalue()


def shipped_font() -> Path | None:
    """The Chinese sans-serif the project ships for its documents (xunchar/documents/fonts): the
    reader's name prints the same on a machine without any Chinese font."""
    from xunchar.documents.typefaces import FONT_DIR

    path = FONT_DIR / "XuncharSans-Regular.woff2"
    return path if path.exists() else None


def _overlay_pdf(width: float, height: float, text: str) -> bytes:
    """One transparent page of `width` × `height` points covered with the text, tilted."""
    from weasyprint import HTML

    shipped = shipped_font()
    font = None if shipped else cjk_font()
    face = f'@font-face {{ font-family: "Xunchar Watermark"; src: url("{shipped.as_uri()}") }}' if shipped else ""
    family = '"Xunchar Watermark", sans-serif' if shipped else (f'"{font[2]}", sans-serif' if font else "sans-serif")
    font_size = max(8.0, min(width, height) / 42)  # 14 pt on A4
    step_x, step_y = font_size * 19, font_size * 10
    cells = []
    y = -step_y
    row = 0
    while y < height + step_y:
        x = -step_x + (step_x / 2 if row % 2 else 0)
        while x < width + step_x:
            cells.append(f'<div style="left:{x:.1f}pt;top:{y:.1f}pt">{escape(text)}</div>')
            x += step_x
        y += step_y
        row += 1
    html = (
        "<style>" + face +
        f"@page {{ size: {width}pt {height}pt; margin: 0 }} html, body {{ margin: 0 }}"
        f"div {{ position: absolute; white-space: nowrap; transform: rotate(-{ANGLE}deg);"
        f" color: {GREY_PDF}; opacity: 0.5; font-family: {family}; font-size: {font_size:.1f}pt }}"
        "</style>" + "".join(cells)
    )
    return HTML(string=html).write_pdf()


def watermark_image(data: bytes, text: str, image_format: str) -> bytes:
    from PIL import Image, ImageDraw, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as original:
            # Turned upright first: the EXIF orientation (and the rest of EXIF) does not survive.
            picture = ImageOps.exif_transpose(original).convert("RGBA")
        font_size = max(12, min(picture.size) // 24)
        font = _pillow_font(font_size)
        left, top, right, bottom = font.getbbox(text)
        margin = font_size
        stamp = Image.new("RGBA", (right - left + 2 * margin, bottom - top + 2 * margin), (0, 0, 0, 0))
        ImageDraw.Draw(stamp).text((margin - left, margin - top), text, font=font, fill=GREY_IMAGE)
        stamp = stamp.rotate(ANGLE, expand=True, resample=Image.Resampling.BICUBIC)
        layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
        # Rows of stamps, every other row shifted by half a stamp, so no part of the picture is far from one.
        for row, y in enumerate(range(-stamp.height // 2, picture.height, stamp.height)):
            for x in range(-(stamp.width // 2) * (row % 2), picture.width, stamp.width):
                layer.paste(stamp, (x, y), stamp)
        marked = Image.alpha_composite(picture, layer)
        output = io.BytesIO()
        if image_format == "JPEG":
            marked.convert("RGB").save(output, "JPEG", quality=90)
        else:
            marked.save(output, "PNG")
    except Exception as error:
        raise WatermarkFailed(image_format) from error
    return output.getvalue()


def _pillow_font(size: int):
    from PIL import ImageFont

    shipped = shipped_font()
    if shipped is not None:
        try:
            return ImageFont.truetype(str(shipped), size)
        except OSError:
            logger.warning("watermark: cannot load %s", shipped, exc_info=True)
    font = cjk_font()
    if font is not None:
        try:
            return ImageFont.truetype(font[0], size, index=font[1])
        except OSError:
            logger.warning("watermark: cannot load %s", font[0], exc_info=True)
    return ImageFont.load_default(size)
