"""Which font files the PDFs use for each typeface role (仿宋, 黑体, 楷体, 小标宋, 宋体).

Each role is a font stack, written out in assets/documents.css: first the office's own licensed font
(a file in the folder XUNCHAR_FONT_DIR names, never committed), then the free substitute shipped in
fonts/, then Noto Serif CJK SC (shipped too) for the characters the substitute lacks. Fonts are
loaded through @font-face from file URLs, so the machine needs no Chinese system font.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class Face:
    family: str
    file: str
    weight: str = "normal"


# The shipped substitutes (cut by `manage.py build_fonts`; see fonts/README.md).
SHIPPED = (
    Face("Xunchar Fang", "XuncharFang-Regular.woff2"),
    Face("Xunchar Kai", "XuncharKai-Regular.woff"),
    Face("Xunchar Serif", "XuncharSerif-Regular.woff2"),
    Face("Xunchar Serif", "XuncharSerif-Bold.woff2", "bold"),
    Face("Xunchar Sans", "XuncharSans-Regular.woff2"),
    Face("Xunchar Sans", "XuncharSans-Bold.woff2", "bold"),
    # 小标宋 is a heavy serif at normal weight: Noto Serif Bold under a family of its own, so that an
    # office 小标宋 (one weight only) is never made bolder by a synthetic bold.
    Face("Xunchar BiaoSong", "XuncharSerif-Bold.woff2"),
)

# The office's own fonts: the first of these names found in XUNCHAR_FONT_DIR (any case, with
# .ttf, .otf or .ttc) is put in front of the substitute for its role.
OFFICE_FONTS = {
    "Office Fang": ("FangSong", "FangSong_GB2312", "simfang", "仿宋_GB2312", "仿宋"),
    "Office Hei": ("SimHei", "黑体"),
    "Office Kai": ("KaiTi", "KaiTi_GB2312", "simkai", "楷体_GB2312", "楷体"),
    "Office BiaoSong": ("XiaoBiaoSong", "FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK"),
    "Office Song": ("SimSun", "宋体"),
}


def office_font_dir() -> Path | None:
    folder = getattr(settings, "XUNCHAR_FONT_DIR", "")
    if not folder:
        return None
    path = Path(folder).expanduser().resolve()
    return path if path.is_dir() else None


def office_fonts() -> dict[str, Path]:
    """Role family → the office's font file, for the roles the folder has a font for."""
    folder = office_font_dir()
    if folder is None:
        return {}
    files = {path.name.lower(): path for path in folder.iterdir() if path.is_file()}
    found = {}
    for family, stems in OFFICE_FONTS.items():
        for stem in stems:
            path = next((files[f"{stem}{suffix}".lower()] for suffix in SUFFIXES if f"{stem}{suffix}".lower() in files), None)
            if path is not None:
                found[family] = path
                break
    return found


def font_face_css() -> str:
    """@font-face rules for the office's fonts (those present) and the shipped ones."""
    rules = [
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); }}'
        for family, path in office_fonts().items()
    ]
    rules += [
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
        f'src: url("{(FONT_DIR / face.file).as_uri()}"); }}'
        for face in SHIPPED
    ]
    return "\n".join(rules)
