"""What the document tests share: reading a PDF back with poppler, and a READY copy made cheaply."""

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.conftest import skip_or_fail


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        skip_or_fail(f"{tool} (poppler-utils) is not installed")
    return path


def _run(tool: str, content: bytes, *args: str) -> str:
    """`tool [args] document.pdf [-]`: pdftotext writes to standard output when given "-"."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "document.pdf"
        pdf.write_bytes(content)
        command = [_poppler(tool), *args, str(pdf), *(["-"] if tool == "pdftotext" else [])]
        result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


def pdf_text(content: bytes, *, first: int | None = None, last: int | None = None, raw: bool = False) -> str:
    """The text pdftotext reads from the PDF (through the ToUnicode maps the fonts carry); `raw`
    keeps the order it is drawn in (tilted watermark text stays whole)."""
    args = ["-raw"] if raw else []
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return _run("pdftotext", content, *args)


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page; pdftotext separates pages with a form feed."""
    return pdf_text(content).split("\f")[:-1]


def pdf_fonts(content: bytes) -> list[dict]:
    """pdffonts' table: name, type, and whether each font is embedded."""
    rows = []
    for line in _run("pdffonts", content).splitlines()[2:]:
        match = re.match(r"^(\S*)\s+(.+?)\s+(Identity-H|Custom|Standard|WinAnsi|Builtin|MacRoman)\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        assert match, f"unexpected pdffonts line: {line!r}"
        name, font_type, encoding, embedded, subset, unicode = match.groups()
        rows.append({"name": name, "type": font_type, "embedded": embedded == "yes", "subset": subset == "yes",
                     "unicode": unicode == "yes"})
    return rows


def compact(text: str) -> str:
    """Text without white space, to look for phrases a line break may have cut."""
    return re.sub(r"\s+", "", text)


def ready_document(*, kind: str, subject, actor, content: bytes, filename: str = "巡察组基本情况表.pdf"):
    """A READY copy stored as generation would store it, without rendering (for view tests)."""
    from xunchar.documents.models import GeneratedDocument
    from xunchar.documents.services import new_document_name

    document = GeneratedDocument(
        kind=kind, subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk,
        requested_by=actor, filename=filename, status=GeneratedDocument.Status.READY, progress=100,
        size=len(content), sha256=hashlib.sha256(content).hexdigest(), page_count=1, finished_at=timezone.now(),
    )
    storage = GeneratedDocument._meta.get_field("file").storage
    document.file.name = storage.save(new_document_name(), ContentFile(content))
    document.save()
    return document
