"""The Excel layout of the registers, shared by the export and the import so that a file exported,
edited and uploaded again round-trips.

Headers, sheet names and choice labels are the Chinese an office worker types into the sheet; they
are data, not UI strings, so they are not translated. The models' choice labels are English msgids
translated at display time, which is why the labels are mapped here once more by code.
"""

import unicodedata

from .models import Cadre, CadreRelative, Unit

UNIT_SHEET = "单位名录"
CADRE_SHEET = "干部名册"
POST_SHEET = "任职经历"
RELATIVE_SHEET = "亲属"


class UnitColumn:
    NAME = "单位名称"
    KIND = "单位类别"
    SUPERVISING = "主管部门"
    PARENT = "上级单位"
    ALL = (NAME, KIND, SUPERVISING, PARENT)


class CadreColumn:
    NAME = "姓名"
    GENDER = "性别"
    BIRTH_DATE = "出生日期"
    UNIT = "现工作单位"
    POST = "现任职务"
    RANK = "职级"
    COUNTY_MANAGED = "是否县管干部"
    RETIRED = "是否退休"
    ALL = (NAME, GENDER, BIRTH_DATE, UNIT, POST, RANK, COUNTY_MANAGED, RETIRED)


POST_HEADERS = ("姓名", "单位", "职务", "起始日期", "终止日期")
RELATIVE_HEADERS = ("干部姓名", "关系", "姓名", "工作单位", "工作单位及职务")

KIND_LABELS_ZH = {
    Unit.Kind.DEPARTMENT: "县直部门",
    Unit.Kind.TOWNSHIP: "乡镇",
    Unit.Kind.SCHOOL: "学校",
    Unit.Kind.HOSPITAL: "医院",
    Unit.Kind.ENTERPRISE: "国有企业",
    Unit.Kind.INSTITUTION: "事业单位",
    Unit.Kind.VILLAGE: "村（社区）",
    Unit.Kind.OTHER: "其他",
}
RANK_LABELS_ZH = {
    Cadre.Rank.COUNTY_PRINCIPAL: "正处级",
    Cadre.Rank.COUNTY_DEPUTY: "副处级",
    Cadre.Rank.SECTION_PRINCIPAL: "正科级",
    Cadre.Rank.SECTION_DEPUTY: "副科级",
    Cadre.Rank.CLERK_PRINCIPAL: "主任科员",
    Cadre.Rank.CLERK_DEPUTY: "副主任科员",
    Cadre.Rank.STAFF: "科员及以下",
    Cadre.Rank.OTHER: "其他",
}
GENDER_LABELS_ZH = {Cadre.Gender.MALE: "男", Cadre.Gender.FEMALE: "女"}
RELATION_LABELS_ZH = {
    CadreRelative.Relation.SPOUSE: "配偶",
    CadreRelative.Relation.CHILD: "子女",
    CadreRelative.Relation.PARENT: "父母",
    CadreRelative.Relation.SIBLING: "兄弟姐妹",
    CadreRelative.Relation.CHILD_IN_LAW: "子女的配偶",
    CadreRelative.Relation.PARENT_IN_LAW: "配偶的父母",
    CadreRelative.Relation.OTHER: "其他近亲属",
}
YES, NO = "是", "否"

# Other spellings people type for the same choice; the Chinese label and the code are always accepted.
KIND_ALIASES = {"县直单位": Unit.Kind.DEPARTMENT, "村": Unit.Kind.VILLAGE, "社区": Unit.Kind.VILLAGE}
RANK_ALIASES = {
    "县级正职": Cadre.Rank.COUNTY_PRINCIPAL,
    "县级副职": Cadre.Rank.COUNTY_DEPUTY,
    "乡科级正职": Cadre.Rank.SECTION_PRINCIPAL,
    "乡科级副职": Cadre.Rank.SECTION_DEPUTY,
    "科员": Cadre.Rank.STAFF,
}
GENDER_ALIASES = {"male": Cadre.Gender.MALE, "female": Cadre.Gender.FEMALE}
BOOLEAN_WORDS = {
    YES: True, "y": True, "yes": True, "true": True, "1": True, "√": True,
    NO: False, "n": False, "no": False, "false": False, "0": False, "×": False,
}


def normalize(text: str) -> str:
    """The form two spellings share when they mean the same: full-width or half-width brackets,
    letter case and stray spaces do not matter."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def choice_lookup(labels: dict, aliases: dict | None = None) -> dict[str, str]:
    """normalized spelling -> code, for the Chinese label, the code itself and any alias."""
    lookup = {}
    for code, label in labels.items():
        lookup[normalize(label)] = str(code)
        lookup[normalize(str(code))] = str(code)
    for alias, code in (aliases or {}).items():
        lookup[normalize(alias)] = str(code)
    return lookup
