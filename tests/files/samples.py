"""Small generated files of every kind, good and bad, as a browser would upload them."""

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
{overrides}
</Types>"""
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """As the browser would send it; its content type is never believed."""
    return SimpleUploadedFile(name, content, content_type=content_type)


@functools.cache
def make_pdf(text: str = "巡察工作底稿 work paper", pages: int = 1) -> bytes:
    from pathlib import Path

    from django.conf import settings
    from weasyprint import HTML

    # The project's own font, so that the Chinese text is real text on a machine without CJK fonts.
    font = (Path(settings.BASE_DIR) / "xunchar/documents/fonts/XuncharSans-Regular.woff2").as_uri()
    style = f"@font-face {{ font-family: S; src: url({font}); }} body {{ font-family: S; }}"
    body = "".join(f'<p style="break-after: page">{text} {n + 1}</p>' for n in range(pages))
    return HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf()


def make_png(size=(120, 80), color=(250, 250, 250)) -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, "PNG")
    return output.getvalue()


def make_jpeg(size=(120, 80), color=(250, 250, 250)) -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, "JPEG")
    return output.getvalue()


def _zip(entries: dict[str, str | bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return output.getvalue()


def make_docx() -> bytes:
    """The least a Word document is: content types naming the main part, and the part."""
    return _zip({
        "[Content_Types].xml": CONTENT_TYPES.format(
            overrides=f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/>'
        ),
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>情况报告</w:t></w:r></w:p></w:body></w:document>",
    })


def make_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "问题清单"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def make_docm() -> bytes:
    """A Word document with a macro project, as Word saves a .docm."""
    return _zip({
        "[Content_Types].xml": CONTENT_TYPES.format(
            overrides=f'<Override PartName="/word/document.xml" ContentType="{WORD_MACRO_MAIN}"/>'
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        ),
        "word/document.xml": "<w:document/>",
        "word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 macro",
    })


def make_docx_with_hidden_macro() -> bytes:
    """Content types that claim a plain document, with a macro project slipped in beside it."""
    return _zip({
        "[Content_Types].xml": CONTENT_TYPES.format(
            overrides=f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/>'
        ),
        "word/document.xml": "<w:document/>",
        "word/vbaProject.bin": b"macro",
    })


def make_zip() -> bytes:
    return _zip({"名单.txt": "张三\n李四\n", "报告.pdf": b"%PDF-1.7 ..."})


def make_pdf_with_javascript() -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.add_open_action(JavaScript("app.alert('hi');"))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def make_encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt("secret")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_IMAGE = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
LINUX_ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
SHELL_SCRIPT = b"#!/bin/sh\nrm -rf /\n"
OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
