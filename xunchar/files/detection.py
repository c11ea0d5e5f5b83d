"""What an uploaded file really is, read from its content — never from its name or the browser's word.

Only a few kinds are accepted: PDF, PNG, JPEG, Word (.docx) and Excel (.xlsx) without macros. Each
is opened the way its reader would open it (pypdf, Pillow, zipfile), so a file that only starts
like a PDF is refused too. Everything else — web pages, SVG, programs, scripts, archives, old or
macro-enabled Office files — is refused with a message in Chinese that names the accepted kinds.
The name's extension must then agree with what was found.
"""

import logging
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)


class UploadRefused(ValidationError):
    """Nothing was stored; `message` says why, in Chinese."""


@dataclass(frozen=True)
class Kind:
    code: str
    label: str  # Chinese, for messages and lists
    mime_type: str
    extensions: tuple[str, ...]  # the first is used for the stored file
    watermark: str = ""  # "pdf", "image" or "" (served as is)


PDF = Kind("pdf", "PDF 文件", "application/pdf", (".pdf",), watermark="pdf")
PNG = Kind("png", "PNG 图片", "image/png", (".png",), watermark="image")
JPEG = Kind("jpeg", "JPEG 图片", "image/jpeg", (".jpg", ".jpeg"), watermark="image")
DOCX = Kind(
    "docx", "Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
)
XLSX = Kind("xlsx", "Excel 工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
KINDS = (PDF, PNG, JPEG, DOCX, XLSX)
ACCEPT = ",".join(extension for kind in KINDS for extension in kind.extensions)
ALLOWED_SUMMARY = "、".join(f"{kind.label}（{'、'.join(kind.extensions)}）" for kind in KINDS)

# Pictures are decoded again to be watermarked: keep that within memory (40 megapixels ≈ 160 MB).
MAX_IMAGE_PIXELS = 40_000_000
# A .docx is a zip archive: refuse one that would unpack into far more than any real document.
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# PDF actions that run something when the file is opened or clicked.
ACTIVE_PDF_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows .exe, .dll, .scr
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",  # macOS
    b"\xca\xfe\xba\xbe",  # macOS universal, Java class
    b"dex\n",  # Android
)
ARCHIVE_MAGIC = (
    b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"MSCF",  # rar 7z gz bz2 xz cab
)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<meta", b"<title")


def refuse(what: str, advice: str = "") -> UploadRefused:
    return UploadRefused(f"不能上传{what}。{advice}只能上传：{ALLOWED_SUMMARY}。")


def kind_for_mime_type(mime_type: str) -> Kind | None:
    return next((kind for kind in KINDS if kind.mime_type == mime_type), None)


def detect(file, name: str) -> Kind:
    """The kind of `file` (an open binary file, seekable), checked against `name`'s extension."""
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    kind = _kind_by_content(file, head)
    extension = PurePath(name).suffix.lower()
    if extension not in kind.extensions:
        shown = f"“{extension}”" if extension else "（无）"
        raise UploadRefused(
            f"文件名的扩展名{shown}与文件内容（{kind.label}）不符。"
            f"请确认文件无误，并使用扩展名 {'、'.join(kind.extensions)}。"
        )
    return kind


def _kind_by_content(file, head: bytes) -> Kind:
    if head.startswith(b"%PDF-"):
        _check_pdf(file)
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(file, "PNG")
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        _check_image(file, "JPEG")
        return JPEG
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _office_kind(file)
    if head.startswith(OLE2_MAGIC):
        raise refuse("旧版 Word/Excel 文件（.doc、.xls）或加密的 Office 文件", "请去除密码，另存为 .docx 或 .xlsx 后再上传。")
    if head.startswith(EXECUTABLE_MAGIC):
        raise refuse("可执行程序")
    if head.startswith(ARCHIVE_MAGIC) or head[257:262] == b"ustar":
        raise refuse("压缩包")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"#!"):
        raise refuse("脚本文件")
    if b"<svg" in text:
        raise refuse("SVG 图形")
    if text.startswith(b"<") or any(marker in text for marker in HTML_MARKERS):
        raise refuse("网页（HTML）或 XML 文件")
    raise refuse("这种类型的文件", "无法识别文件内容。")


def _check_pdf(file) -> None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise UploadRefused("PDF 文件设有密码，无法加水印。请去除密码后再上传。")
        if len(reader.pages) == 0:
            raise UploadRefused("PDF 文件没有页面或已损坏。")
        active = _pdf_has_active_content(reader)
    except UploadRefused:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on a damaged file
        logger.info("upload: unreadable PDF", exc_info=True)
        raise UploadRefused("PDF 文件已损坏，无法打开。") from error
    finally:
        file.seek(0)
    if active:
        raise UploadRefused("PDF 文件含有脚本、自动执行的动作或内嵌文件，不能上传。请“打印为 PDF”另存后再上传。")


def _pdf_has_active_content(reader) -> bool:
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/JavaScript" in names or "/EmbeddedFiles" in names:
        return True
    acroform = root.get("/AcroForm")
    if acroform is not None and "/XFA" in acroform.get_object():
        return True
    if _is_active_action(root.get("/OpenAction")) or _has_active_trigger(root.get("/AA")):
        return True
    for page in reader.pages:
        if _has_active_trigger(page.get("/AA")):
            return True
        for annotation in page.get("/Annots") or ():
            annotation = annotation.get_object()
            if _is_active_action(annotation.get("/A")) or _has_active_trigger(annotation.get("/AA")):
                return True
    return False


def _has_active_trigger(triggers) -> bool:
    """An additional-actions dictionary (/AA): any trigger whose action runs something."""
    if triggers is None:
        return False
    triggers = triggers.get_object()
    return hasattr(triggers, "values") and any(_is_active_action(action) for action in triggers.values())


def _is_active_action(action, depth: int = 0) -> bool:
    if action is None:
        return False
    if depth > 20:
        return True  # a chain this long (or looping) is not an ordinary link
    action = action.get_object()
    if not hasattr(action, "get"):
        return False  # a destination array, e.g. "open at page 1"
    if action.get("/S") in ACTIVE_PDF_ACTIONS or "/JS" in action:
        return True
    following = action.get("/Next")
    if following is None:
        return False
    following = following.get_object()
    chain = following if isinstance(following, list) else [following]
    return any(_is_active_action(item, depth + 1) for item in chain)


def _check_image(file, expected_format: str) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format != expected_format:
                    raise UploadRefused("图片文件已损坏，无法打开。")
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise UploadRefused(f"图片太大（{width}×{height} 像素）。请缩小到 4000 万像素以内再上传。")
                image.verify()
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UploadRefused("图片太大。请缩小到 4000 万像素以内再上传。") from error
    except Exception as error:
        logger.info("upload: unreadable image", exc_info=True)
        raise UploadRefused("图片文件已损坏，无法打开。") from error
    finally:
        file.seek(0)


def _office_kind(file) -> Kind:
    """A .docx or .xlsx is a zip archive with [Content_Types].xml naming its main part; anything
    else in a zip (a plain archive, PowerPoint, a macro-enabled document) is refused."""
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_ZIP_UNPACKED_BYTES:
                raise refuse("压缩包")
            names = {entry.filename for entry in entries}
            lowered = {name.lower() for name in names}
            if any(name.endswith("vbaproject.bin") or "/activex/" in name for name in lowered):
                raise _macro_refusal()
            types = next((entry for entry in entries if entry.filename == "[Content_Types].xml"), None)
            if types is None or types.file_size > MAX_CONTENT_TYPES_BYTES:
                raise refuse("压缩包")
            content_types = archive.read(types).lower()
    except UploadRefused:
        raise
    except Exception as error:  # a damaged archive, or one compressed in a way zipfile cannot read
        logger.info("upload: unreadable zip", exc_info=True)
        raise UploadRefused("文件已损坏，无法打开。") from error
    finally:
        file.seek(0)
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        raise _macro_refusal()
    if WORD_MAIN in content_types and any(name.startswith("word/") for name in names):
        return DOCX
    if EXCEL_MAIN in content_types and any(name.startswith("xl/") for name in names):
        return XLSX
    raise refuse("压缩包或这种 Office 文件")


def _macro_refusal() -> UploadRefused:
    return refuse("含宏或 ActiveX 控件的 Office 文件", "请另存为不含宏的 .docx 或 .xlsx 后再上传。")
