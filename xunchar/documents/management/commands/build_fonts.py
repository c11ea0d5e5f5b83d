"""Cut the fonts that the generated PDFs embed, from Debian's font packages.

    manage.py build_fonts                 # downloads the packages with `apt-get download`
    manage.py build_fonts --debs DIR      # uses .deb files already in DIR

Nothing is installed: each package is unpacked into a temporary folder with `dpkg-deb -x`, so the
machine stays without Chinese system fonts. Each font is cut to the repertoire below, renamed (the
LXGW fonts' licence reserves their name for unmodified fonts) and written to
xunchar/documents/fonts/ with its licence. See the README there for what comes from where.
"""

import bz2
import hashlib
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xunchar.documents.typefaces import FONT_DIR

PACKAGES = ("fonts-noto-cjk", "fonts-lxgw-wenkai", "texlive-lang-chinese", "unicode-data")

# Besides the hanzi: everything an official text, a name list or a form puts on paper.
EXTRA_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: · × ÷ ° ± §
    (0x2010, 0x205E),  # general punctuation: — ‘ ’ “ ” … ‰ ※
    (0x2100, 0x218F),  # letterlike and number forms: ℃ № Ⅰ–Ⅻ
    (0x2190, 0x22FF),  # arrows, mathematical operators: ≤ ≥ ≠ ∶
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① – ⑳ ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes: ○ ● □ ■ △ ◆
    (0x2600, 0x27BF),  # symbols and dingbats: ★ ☆ ✓
    (0x3000, 0x303F),  # CJK punctuation: 、 。 《 》 〔 〕 【 】 〇
    (0x3200, 0x33FF),  # enclosed CJK letters and compatibility: ㈠ ㈡ ㎡
    (0xFF00, 0xFFEF),  # full-width forms
)


@dataclass(frozen=True)
class Cut:
    output: str
    package: str
    path: str  # inside the unpacked package
    family: str  # the new name
    style: str  # Regular or Bold
    source: str  # what it is cut from, for the name table and the README
    face: str | None = None  # the face to take from a collection (.ttc)


NOTO = "usr/share/fonts/opentype/noto"
CUTS = (
    # FandolFang is CFF; WOFF2 shrinks it by a third and decodes in a tenth of a second.
    Cut(
        "XuncharFang-Regular.woff2", "texlive-lang-chinese",
        "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf",
        "Xunchar Fang", "Regular", "FandolFang Regular",
    ),
    # LXGW WenKai has TrueType outlines: WOFF2 would save 0.8 MB more but takes seconds to decode.
    Cut(
        "XuncharKai-Regular.woff", "fonts-lxgw-wenkai", "usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
        "Xunchar Kai", "Regular", "LXGW WenKai Regular",
    ),
    Cut("XuncharSerif-Regular.woff2", "fonts-noto-cjk", f"{NOTO}/NotoSerifCJK-Regular.ttc",
        "Xunchar Serif", "Regular", "Noto Serif CJK SC Regular", face="Noto Serif CJK SC"),
    Cut("XuncharSerif-Bold.woff2", "fonts-noto-cjk", f"{NOTO}/NotoSerifCJK-Bold.ttc",
        "Xunchar Serif", "Bold", "Noto Serif CJK SC Bold", face="Noto Serif CJK SC"),
    Cut("XuncharSans-Regular.woff2", "fonts-noto-cjk", f"{NOTO}/NotoSansCJK-Regular.ttc",
        "Xunchar Sans", "Regular", "Noto Sans CJK SC Regular", face="Noto Sans CJK SC"),
    Cut("XuncharSans-Bold.woff2", "fonts-noto-cjk", f"{NOTO}/NotoSansCJK-Bold.ttc",
        "Xunchar Sans", "Bold", "Noto Sans CJK SC Bold", face="Noto Sans CJK SC"),
)


class Command(BaseCommand):
    help = "Cut the PDF fonts (仿宋, 楷体, serif, sans) from Debian's packages into xunchar/documents/fonts/."

    def add_arguments(self, parser):
        parser.add_argument("--debs", type=Path, help="a folder holding the .deb files (else apt-get download)")
        parser.add_argument("--output", type=Path, default=FONT_DIR)

    def handle(self, *args, debs=None, output=None, **options):
        with tempfile.TemporaryDirectory(prefix="xunchar-fonts-") as temp:
            temp = Path(temp)
            if debs is None:
                debs = temp / "debs"
                debs.mkdir()
                self._run(["apt-get", "download", *PACKAGES], cwd=debs)
            trees, versions = {}, {}
            for package in PACKAGES:
                deb = self._find_deb(debs, package)
                trees[package] = temp / package
                self._run(["dpkg-deb", "-x", str(deb), str(trees[package])])
                versions[package] = self._run(["dpkg-deb", "-f", str(deb), "Version"]).strip()
            repertoire = build_repertoire(trees["unicode-data"])
            output.mkdir(parents=True, exist_ok=True)
            write_repertoire(output / "repertoire.txt", repertoire)
            for cut in CUTS:
                started = time.monotonic()
                source = trees[cut.package] / cut.path
                count = cut_font(cut, source, output / cut.output, repertoire, versions[cut.package])
                size = (output / cut.output).stat().st_size
                self.stdout.write(
                    f"{cut.output}: {count} characters, {size / 1_048_576:.2f} MB "
                    f"({time.monotonic() - started:.0f} s) from {cut.package} {versions[cut.package]}"
                )
            write_licences(output, trees)
        total = sum(path.stat().st_size for path in output.iterdir() if path.is_file())
        self.stdout.write(self.style.SUCCESS(f"fonts written to {output}: {total / 1_048_576:.1f} MB in all"))

    def _find_deb(self, folder: Path, package: str) -> Path:
        found = sorted(folder.glob(f"{package}_*.deb"))
        if not found:
            raise CommandError(f"{package}_*.deb is not in {folder}")
        return found[-1]

    def _run(self, command, cwd=None) -> str:
        try:
            return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as error:
            raise CommandError(f"{' '.join(command)} failed: {getattr(error, 'stderr', '') or error}") from error


def build_repertoire(unicode_data: Path) -> str:
    """通用规范汉字表 (the 8105 characters of Unihan's kTGH field), all of GB2312, and EXTRA_RANGES."""
    characters = set()
    with bz2.open(unicode_data / "usr/share/unicode/Unihan_OtherMappings.txt.bz2", "rt", encoding="utf-8") as lines:
        for line in lines:
            if "\tkTGH\t" in line:
                characters.add(chr(int(line.split("\t", 1)[0][2:], 16)))
    if len(characters) != 8105:
        raise CommandError(f"expected the 8105 characters of 通用规范汉字表 in Unihan, found {len(characters)}")
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for first, last in EXTRA_RANGES:
        characters.update(chr(code) for code in range(first, last + 1))
    return "".join(sorted(characters))


def write_repertoire(path: Path, repertoire: str) -> None:
    lines = [repertoire[i : i + 64] for i in range(0, len(repertoire), 64)]
    header = (
        "# The characters the shipped fonts are cut to (written by manage.py build_fonts): the 8105 of\n"
        "# 通用规范汉字表 (Unihan kTGH), all of GB2312, ASCII, Latin-1, punctuation, symbols, full-width\n"
        f"# forms. {len(repertoire)} characters, 64 a line; a font keeps those it has.\n"
    )
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def read_repertoire(path: Path) -> str:
    return "".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))


def cut_font(cut: Cut, source: Path, target: Path, repertoire: str, package_version: str) -> int:
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    if cut.face:
        collection = TTCollection(str(source))
        font = next((face for face in collection.fonts if face["name"].getDebugName(1) == cut.face), None)
        if font is None:
            raise CommandError(f"{source} holds no face named {cut.face}")
    else:
        font = TTFont(str(source))
    options = subset.Options()
    options.layout_features = ["*"]  # vertical forms, proportional punctuation: cheap, and kept honest
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # print: hints do nothing in a PDF, and they are a fifth of the size
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=repertoire)
    subsetter.subset(font)
    rename(font, cut, package_version)
    font.flavor = target.suffix.lstrip(".")
    font.save(str(target))
    return len(font.getBestCmap())


def rename(font, cut: Cut, package_version: str) -> None:
    """Our own names throughout (name table and CFF), the original copyright and licence kept."""
    family, style = cut.family, cut.style
    postscript = f"{family.replace(' ', '')}-{style}"
    names = font["name"]
    keep = {0, 7, 8, 9, 11, 12, 13, 14}
    names.names = [record for record in names.names if record.nameID in keep]
    description = (
        f"{cut.source} from Debian's {cut.package} {package_version}, cut to 通用规范汉字表 + GB2312 "
        "and renamed by xunchar's build_fonts."
    )
    version = f"Version {package_version}"
    for name_id, value in (
        (1, family), (2, style), (3, f"{postscript};{hashlib.sha1(description.encode()).hexdigest()[:8]}"),
        (4, f"{family} {style}" if style != "Regular" else family), (5, version), (6, postscript),
        (10, description),
    ):
        names.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for attribute, value in (("FullName", f"{family} {style}"), ("FamilyName", family)):
            if hasattr(top, attribute):
                setattr(top, attribute, value)
        for fd in getattr(top, "FDArray", None) or []:
            if hasattr(fd, "FontName"):
                fd.FontName = f"{postscript}-{fd.FontName.rsplit('-', 1)[-1]}"


OFL_FILES = {
    "OFL-Noto.txt": ("fonts-noto-cjk", "Copyright © 2014-2022 Adobe (http://www.adobe.com/). Noto is a trademark of Google Inc."),
    "OFL-LXGW.txt": (
        "fonts-lxgw-wenkai",
        "Copyright 2021-2023 LXGW (https://github.com/lxgw/LxgwWenKai), with Reserved Font Names \"霞鹜\" and \"LXGW\".\n"
        "Copyright 2020 The Klee Project Authors (https://github.com/fontworks-fonts/Klee)",
    ),
}
FONT_EXCEPTION = """\
As a special exception, if you create a document which uses this font, and embed this font or
unaltered portions of this font into the document, this font does not by itself cause the
resulting document to be covered by the GNU General Public License. This exception does not
however invalidate any other reasons why the document might be covered by the GNU General Public
License. If you modify this font, you may extend this exception to your version of the font, but
you are not obligated to do so. If you do not wish to do so, delete this exception statement from
your version.
"""


def write_licences(output: Path, trees: dict[str, Path]) -> None:
    for name, (package, copyright_line) in OFL_FILES.items():
        text = _debian_licence_text(trees[package] / f"usr/share/doc/{package}/copyright", ("OFL-1.1", "SIL-1.1"))
        (output / name).write_text(copyright_line + "\n\n" + text, encoding="utf-8")
    fandol_doc = trees["texlive-lang-chinese"] / "usr/share/doc/texlive-doc/fonts/fandol"
    gpl = _read_maybe_gz(fandol_doc / "COPYING")
    (output / "LICENSE-Fandol.txt").write_text(
        "Fandol fonts — Copyright © 2012-2013, the Fandol team (Clerk Ma, Jie Su).\n"
        "Licensed under the GNU General Public License version 3 with the GPL font exception\n"
        "(README of the Fandol fonts: \"These fonts's licensing is GPL + GPL font exception.\").\n\n"
        "GPL font exception:\n\n" + FONT_EXCEPTION + "\n" + gpl,
        encoding="utf-8",
    )


def _read_maybe_gz(path: Path) -> str:
    import gzip

    if path.exists():
        return path.read_text(encoding="utf-8")
    return gzip.open(path.with_name(path.name + ".gz"), "rt", encoding="utf-8").read()


def _debian_licence_text(copyright_file: Path, names: tuple[str, ...]) -> str:
    """The body of a `License:` paragraph of a machine-readable debian/copyright, un-indented."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("License:") and line.split(":", 1)[1].strip() in names and index + 1 < len(lines) and lines[index + 1].startswith(" "):
            body = []
            for following in lines[index + 1 :]:
                if not following.startswith(" "):
                    break
                body.append("" if following.strip() == "." else following[1:])
            return "\n".join(body).strip("\n") + "\n"
    raise CommandError(f"no licence text {names} in {copyright_file}")
