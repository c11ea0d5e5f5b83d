"""Rendering a document template to PDF with WeasyPrint, with the project's own fonts and nothing else.

`render_pdf` renders a Django template (one of the layouts in templates/documents/, extended) to
PDF bytes. It reads only the project's files: the stylesheet in assets/, the shipped fonts and the
office's fonts folder. Any other URL — the network, another file on the machine — is refused, so a
document's text can never make the server fetch something.

The fonts are large (17 MB for the shipped set), so the loaded font configuration and stylesheets
are kept for the life of the process and rendering is serialised by a lock: Pango's font map is not
safe to share between threads.
"""

import atexit
import io
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import typefaces

logger = logging.getLogger(__name__)

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
STYLESHEET = ASSETS_DIR / "documents.css"


class RenderingFailed(Exception):
    """The template could not be turned into a PDF."""


def issue_number(prefix: str, year: int, serial: int) -> str:
    """发文字号: `兴巡发〔2026〕3号` — the full year in 〔〕 (U+3014, U+3015), no 第, no leading zeros."""
    if serial < 1:
        raise ValueError("A document's serial number starts at 1.")
    return f"{prefix}〔{int(year)}〕{int(serial)}号"


def _allowed_roots() -> list[Path]:
    roots = [ASSETS_DIR, typefaces.FONT_DIR]
    office = typefaces.office_font_dir()
    if office is not None:
        roots.append(office)
    return roots


def _local_path(url: str) -> Path | None:
    """The file a file: URL names, if it lies inside one of the project's folders; else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    for root in _allowed_roots():
        if path == root or root in path.parents:
            return path if path.is_file() else None
    return None


_font_bytes: dict[Path, bytes] = {}


def _file_bytes(path: Path) -> bytes:
    """A file's content; fonts are read once per process (and WOFF2 decoded here once, not per PDF)."""
    if path.suffix.lower() not in (".woff", ".woff2", ".ttf", ".otf", ".ttc"):
        return path.read_bytes()
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _font_bytes:
        data = path.read_bytes()
        if data[:4] == b"wOF2":
            from fontTools.ttLib import woff2

            output = io.BytesIO()
            woff2.decompress(io.BytesIO(data), output)
            data = output.getvalue()
        _font_bytes[key] = data
    return _font_bytes[key]


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFilesFetcher(URLFetcher):
        """Hands out the project's own files and refuses every other URL."""

        def fetch(self, url, headers=None):
            path = _local_path(url)
            if path is None:
                logger.warning("document rendering: refused to fetch %s", url[:200])
                raise ValueError(f"refused: {url[:200]}")
            mime = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(path.suffix.lower())
            return URLFetcherResponse(url, _file_bytes(path), {"Content-Type": mime} if mime else None)

    return ProjectFilesFetcher


@dataclass
class _Setup:
    key: tuple
    font_config: object
    fetcher: object
    stylesheets: list


_lock = threading.Lock()
_setup: _Setup | None = None


@atexit.register
def _forget_setup() -> None:
    """Let WeasyPrint clean its font folder while the interpreter is still whole."""
    global _setup
    _setup = None


def _current_setup() -> _Setup:
    """The font configuration and stylesheets, rebuilt when the office's fonts or the CSS change."""
    global _setup
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    office = typefaces.office_fonts()
    key = (
        tuple(sorted((family, str(path), path.stat().st_mtime_ns) for family, path in office.items())),
        STYLESHEET.stat().st_mtime_ns,
    )
    if _setup is None or _setup.key != key:
        font_config = FontConfiguration()
        fetcher = _fetcher_class()(fail_on_errors=False)
        stylesheets = [
            CSS(string=typefaces.font_face_css(), font_config=font_config, url_fetcher=fetcher,
                base_url=ASSETS_DIR.as_uri() + "/"),
            CSS(filename=str(STYLESHEET), font_config=font_config, url_fetcher=fetcher),
        ]
        _setup = _Setup(key=key, font_config=font_config, fetcher=fetcher, stylesheets=stylesheets)
    return _setup


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int
    seconds: float


def render(template_name: str, context: dict, *, progress: Callable[[int], None] | None = None) -> RenderedPdf:
    """Render `template_name` with `context` to PDF. `progress(percent)` is called as layout and
    writing advance (the caller may store it for a progress bar). Documents are always Chinese,
    whatever language the requesting page was in."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    return html_to_pdf(html, progress=progress)


def html_to_pdf(html: str, *, progress: Callable[[int], None] | None = None) -> RenderedPdf:
    from weasyprint import HTML

    started = time.monotonic()
    if progress:
        progress(20)
    try:
        with _lock:
            setup = _current_setup()
            document = HTML(
                string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=setup.fetcher
            ).render(stylesheets=setup.stylesheets, font_config=setup.font_config)
            if progress:
                progress(70)
            content = document.write_pdf()
    except Exception as error:
        logger.exception("document rendering failed")
        raise RenderingFailed(f"{type(error).__name__}: {error}") from error
    if progress:
        progress(90)
    return RenderedPdf(content=content, page_count=len(document.pages), seconds=time.monotonic() - started)


def render_pdf(template_name: str, context: dict) -> bytes:
    """The PDF of `template_name` (one of templates/documents/*.html, or a template extending one)."""
    return render(template_name, context).content
