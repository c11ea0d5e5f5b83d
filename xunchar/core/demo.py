"""The demo county (示例县, fictional): its units, cadre pool, standing accounts and two rounds.

`load_demo()` builds it inside one transaction; `demo_is_loaded()` tells whether it is there.
Everything random comes from `random.Random(2026)`, so every load gives the same county.

Naming convention: every unit carries its full name with the county's name in front, as official
documents write it — 示例县财政局, 示例县城关镇, 示例县第一中学, 示例县城关镇东关社区.

The accounts are the personas the tests use (tests/conftest.py): the leading group (secretary,
deputy), the office (director, office), the receivers (jiwei, zuzhibu), the people of the current
round's groups (leader1 … member2), a unit contact (unit1) and the three administrators (sysadmin,
secadmin, auditor). All share the password
`DEMO_PASSWORD`.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from clues.demo import demo_inquiries
from groups.demo_talks import demo_talks
from groups.docrequests.demo import demo_document_requests
from groups.models import GroupMembership, Inspection, InspectionGroup
from groups.onsite.demo import demo_onsite
from groups.surveys.demo import demo_surveys
from groups.withdrawal.demo import demo_withdraw
from groups.workpapers.demo import demo_working_papers
from petitions.demo import demo_petitions
from rounds.models import Round
from rounds.prep_demo import demo_round_preparation
from xunchar.accounts.models import RoleGrant
from xunchar.accounts.roles import Role
from xunchar.deadlines.models import Deadline
from xunchar.deadlines.services import deadline_meet, deadline_start
from xunchar.registry.models import Cadre, CadrePost, CadreRelative, Unit
from xunchar.workdays.calendar import WorkCalendar

from .demo_preparation import seed_preparation

DEMO_PASSWORD = "Demo#2026"
SEED = 2026
CHANGE_REASON = "载入示例县数据"

COUNTY_COMMITTEE = "中共示例县委员会"
MARKER_UNIT = "示例县委办公室"
JIWEI = "示例县纪委监委"
ZUZHIBU = "示例县委组织部"
XUNCHA = "示例县委巡察工作领导小组办公室"

Kind = Unit.Kind
Rank = Cadre.Rank
RoundRole = GroupMembership.RoundRole
Relation = CadreRelative.Relation

# Standing roles of the accounts; the round people's roles come from their group memberships.
STANDING_ACCOUNTS = {
    "secretary": Role.SECRETARY,
    "deputy": Role.LG_EXECUTIVE_DEPUTY,
    "director": Role.OFFICE_DIRECTOR,
    "office": Role.OFFICE_STAFF,
    "jiwei": Role.RECEIVER_DISCIPLINE,
    "zuzhibu": Role.RECEIVER_ORGANIZATION,
    "unit1": Role.UNIT_CONTACT,
}
ROUND_ACCOUNTS = ("leader1", "deputy1", "liaison1", "member1", "leader2", "liaison2", "member2")
# The three administrators (三员分立): one role each and nothing else — no cadre in the pool, so no seat
# in any group, and no unit. Their names are their own, not cadres'.
ADMIN_ACCOUNTS = {
    "sysadmin": (Role.SYSTEM_ADMIN, "韩立新"),
    "secadmin": (Role.SECURITY_ADMIN, "邵文静"),
    "auditor": (Role.AUDIT_ADMIN, "钱振华"),
}
DEMO_ACCOUNTS = (*STANDING_ACCOUNTS, *ROUND_ACCOUNTS, *ADMIN_ACCOUNTS)


def demo_is_loaded() -> bool:
    return (
        get_user_model().objects.filter(username="office").exists()
        or Unit.objects.filter(name=MARKER_UNIT).exists()
    )


# --- Units -----------------------------------------------------------------------------------------

GOVERNMENT_KINDS = (Kind.DEPARTMENT, Kind.TOWNSHIP, Kind.INSTITUTION, Kind.OTHER)


@dataclass(frozen=True)
class UnitSpec:
    """A unit and the posts it has, by level: heads, deputies, middle (股室) posts, staff."""

    name: str
    kind: str
    supervising: str | None = None
    parent: str | None = None
    heads: tuple[str, ...] = ("党组书记、局长",)
    deputies: tuple[str, ...] = ("党组成员、副局长", "副局长")
    middles: tuple[str, ...] = ("办公室主任",)
    staff: tuple[str, ...] = ("科员",)
    staff_count: tuple[int, int] = (1, 2)


def _bureau(name, *sections, heads=("党组书记、局长",), deputies=("党组成员、副局长", "副局长"), **kw):
    middles = ("办公室主任", *(f"{s}股股长" for s in sections))
    return UnitSpec(name, Kind.DEPARTMENT, heads=heads, deputies=deputies, middles=middles, **kw)


def _committee_department(name, head, deputies, middles, **kw):
    """A department of the county committee: 县委常委 heads, 部/委 titles."""
    return UnitSpec(name, Kind.DEPARTMENT, parent=COUNTY_COMMITTEE, heads=(head,), deputies=deputies,
                    middles=middles, **kw)


def _township(name):
    town = "乡" if name.endswith("乡") else "镇"
    return UnitSpec(
        name, Kind.TOWNSHIP,
        heads=(f"{town}党委书记", f"{town}党委副书记、{town}长"),
        deputies=(f"{town}党委副书记", f"{town}党委委员、纪委书记", f"副{town}长"),
        middles=("党政综合办公室主任", "财政所所长"),
        staff_count=(1, 3),
    )


def _village(name, parent):
    if name.endswith("社区"):
        heads, deputies, staff = ("社区党委书记、居委会主任",), ("居委会副主任",), ("社区网格员",)
    else:
        heads, deputies, staff = ("村党支部书记、村委会主任",), ("村委会副主任",), ("村委会委员",)
    return UnitSpec(name, Kind.VILLAGE, parent=parent, heads=heads, deputies=deputies, middles=(),
                    staff=staff, staff_count=(1, 1))


# What the units do for the inspection work (secondments S01, briefings S04, sealed items S13).
UNIT_FUNCTIONS = {
    COUNTY_COMMITTEE: Unit.Function.PARTY_COMMITTEE,
    JIWEI: Unit.Function.DISCIPLINE_COMMISSION,
    ZUZHIBU: Unit.Function.ORGANIZATION_DEPARTMENT,
    XUNCHA: Unit.Function.INSPECTION_OFFICE,
    "示例县审计局": Unit.Function.AUDIT,
    "示例县信访局": Unit.Function.PETITION,
    "示例县委宣传部": Unit.Function.PROPAGANDA,
    "示例县教育局": Unit.Function.EDUCATION,
    "示例县发展和改革局": Unit.Function.DEVELOPMENT_REFORM,
    "示例县财政局": Unit.Function.FINANCE,
}

UNIT_SPECS: tuple[UnitSpec, ...] = (
    UnitSpec(COUNTY_COMMITTEE, Kind.OTHER, heads=(), deputies=(), middles=(), staff_count=(0, 0)),
    _committee_department(MARKER_UNIT, "主任", ("副主任", "副主任"), ("督查室主任", "秘书股股长")),
    _committee_department(
        JIWEI, "县委常委、县纪委书记、县监委主任", ("县纪委副书记、县监委副主任", "县纪委副书记、县监委副主任"),
        ("信访室主任", "党风政风监督室主任"), staff_count=(1, 1),
    ),
    _committee_department(
        ZUZHIBU, "县委常委、组织部部长", ("常务副部长", "副部长"), ("干部股股长", "组织股股长"), staff_count=(1, 2),
    ),
    _committee_department(
        "示例县委宣传部", "县委常委、宣传部部长", ("常务副部长", "副部长"), ("理论教育股股长", "新闻网络股股长"),
    ),
    _committee_department(
        "示例县委统战部", "县委常委、统战部部长", ("常务副部长", "副部长"), ("民族宗教股股长",), staff_count=(1, 2),
    ),
    _committee_department(
        "示例县委政法委", "县委常委、政法委书记", ("常务副书记", "副书记"), ("综治股股长",), staff_count=(1, 2),
    ),
    # The office keeps few people of its own; its director and staff are personas (see PERSONAS).
    UnitSpec(XUNCHA, Kind.DEPARTMENT, parent=COUNTY_COMMITTEE, heads=(), deputies=("副主任",), middles=(),
             staff_count=(1, 1)),
    _bureau("示例县人民政府办公室", "秘书", "督查", heads=("党组书记、主任",), deputies=("党组成员、副主任", "副主任")),
    _bureau("示例县发展和改革局", "项目", "价格"),
    _bureau("示例县教育局", "基础教育", "计划财务"),
    _bureau("示例县财政局", "预算", "国库", "农业"),
    _bureau("示例县人力资源和社会保障局", "就业", "社会保险"),
    _bureau("示例县自然资源局", "国土空间规划", "耕地保护"),
    _bureau("示例县住房和城乡建设局", "建筑市场", "村镇建设"),
    _bureau("示例县交通运输局", "公路", "运输管理"),
    _bureau("示例县农业农村局", "乡村振兴", "农田建设"),
    _bureau("示例县水利局", "水利工程", "水资源"),
    _bureau("示例县卫生健康委员会", "医政", "公共卫生", heads=("党组书记、主任",),
            deputies=("党组成员、副主任", "副主任")),
    _bureau("示例县审计局", "财政审计", "经济责任审计"),
    _bureau("示例县市场监督管理局", "食品安全", "登记注册"),
    _bureau("示例县信访局", "办信", "接访", staff_count=(1, 2)),
    _bureau("示例县医疗保障局", "医保基金监管", staff_count=(1, 2)),
    _bureau("示例县民政局", "社会救助", "养老服务"),
    _bureau("示例县司法局", "法治督察", "人民调解"),
    _bureau("示例县文化和旅游局", "文物", "旅游发展"),
    _bureau("示例县应急管理局", "安全生产", "防灾减灾"),
    _bureau("示例县林业局", "林政资源", "生态保护"),
    _township("示例县城关镇"),
    _township("示例县青石镇"),
    _township("示例县白马镇"),
    _township("示例县龙泉镇"),
    _township("示例县柳河乡"),
    _township("示例县桃源乡"),
    _village("示例县城关镇东关社区", "示例县城关镇"),
    _village("示例县青石镇石桥村", "示例县青石镇"),
    UnitSpec("示例县第一中学", Kind.SCHOOL, supervising="示例县教育局", heads=("党委书记", "校长"),
             deputies=("副校长", "副校长"), middles=("教务处主任", "办公室主任"), staff=("教师",), staff_count=(2, 3)),
    UnitSpec("示例县实验小学", Kind.SCHOOL, supervising="示例县教育局", heads=("党支部书记", "校长"),
             deputies=("副校长",), middles=("教导处主任",), staff=("教师",), staff_count=(2, 2)),
    UnitSpec("示例县人民医院", Kind.HOSPITAL, supervising="示例县卫生健康委员会", heads=("党委书记", "院长"),
             deputies=("副院长", "副院长"), middles=("医务科科长", "财务科科长"), staff=("主治医师", "主管护师"),
             staff_count=(2, 3)),
    UnitSpec("示例县中医院", Kind.HOSPITAL, supervising="示例县卫生健康委员会", heads=("党总支书记", "院长"),
             deputies=("副院长",), middles=("医务科科长",), staff=("主治医师", "主管护师"), staff_count=(2, 2)),
    UnitSpec("示例县城市建设投资有限公司", Kind.ENTERPRISE, supervising="示例县财政局",
             heads=("党委书记、董事长", "总经理"), deputies=("副总经理", "副总经理"),
             middles=("财务部经理", "工程部经理"), staff=("职员",), staff_count=(1, 2)),
    UnitSpec("示例县供销合作社联合社", Kind.INSTITUTION, heads=("党组书记、理事会主任",), deputies=("理事会副主任",),
             middles=("办公室主任",), staff_count=(1, 1)),
)

# --- The people the demo is about --------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    unit: str
    title: str
    level: str
    gender: str | None = None
    age: tuple[int, int] | None = None


# Named seats. Accounts use the same keys; the others are people in the rounds without accounts.
PERSONAS: dict[str, Persona] = {
    "secretary": Persona(COUNTY_COMMITTEE, "县委书记", "county"),
    "deputy": Persona(COUNTY_COMMITTEE, "县委副书记", "county"),
    "director": Persona(XUNCHA, "主任", "head"),
    "office": Persona(XUNCHA, "综合室主任", "middle"),
    "jiwei": Persona(JIWEI, "案件监督管理室主任", "middle"),
    "zuzhibu": Persona(ZUZHIBU, "干部监督室主任", "middle"),
    "unit1": Persona("示例县住房和城乡建设局", "办公室主任", "middle"),
    "leader1": Persona(JIWEI, "县纪委常委、县监委委员", "head"),
    "deputy1": Persona("示例县审计局", "党组成员、副局长", "deputy"),
    "liaison1": Persona(JIWEI, "第一纪检监察室副主任", "middle"),
    "member1": Persona("示例县财政局", "科员", "staff"),
    "leader2": Persona(ZUZHIBU, "副部长", "deputy"),
    "liaison2": Persona(ZUZHIBU, "组织股副股长", "middle"),
    "member2": Persona("示例县人力资源和社会保障局", "科员", "staff"),
    # without accounts
    "r1_leader1": Persona(XUNCHA, "巡察专员", "head"),
    "r1_deputy1": Persona(JIWEI, "第三纪检监察室主任", "middle"),
    "r1_member1": Persona("示例县财政局", "国库股股长", "middle"),
    "r1_liaison2": Persona(XUNCHA, "科员", "staff"),
    "r1_member2": Persona("示例县应急管理局", "科员", "staff"),
    "r2_member1a": Persona("示例县司法局", "科员", "staff", gender="M", age=(34, 34)),
    "r2_member1b": Persona(JIWEI, "科员", "staff"),
    "r2_deputy2": Persona(JIWEI, "第二纪检监察室主任", "middle"),
    "r2_member2": Persona("示例县市场监督管理局", "科员", "staff"),
    # Recusal on purpose: the wife of r2_member1a (group 1 of the current round) works at the
    # housing bureau, which group 1 inspects — the recusal check must find it (S02).
    "r2_member1a_wife": Persona("示例县住房和城乡建设局", "村镇建设股副股长", "middle", gender="F", age=(33, 33)),
}

# Rotation (三个不固定): leader2 was a member in round 1 and leads in round 2; leader1 led group 2 in
# round 1 and leads group 1 in round 2; no unit is inspected in both rounds, so no leader–unit pair repeats.
ROUND_1 = {
    "year": 2026, "number": 1,
    "mobilization": date(2026, 3, 9), "entry": date(2026, 3, 11), "withdrawal": date(2026, 4, 24),
    "focus": "聚焦政治监督，重点检查落实党中央决策部署和上级党委工作要求情况、群众身边不正之风和腐败问题、"
             "基层党组织建设情况。",
    "groups": {
        1: {
            "people": [("r1_leader1", RoundRole.LEADER), ("r1_deputy1", RoundRole.DEPUTY),
                       ("liaison1", RoundRole.LIAISON), ("leader2", RoundRole.MEMBER),
                       ("r1_member1", RoundRole.MEMBER)],
            "units": ["示例县水利局", "示例县林业局", "示例县青石镇"],
        },
        2: {
            "people": [("leader1", RoundRole.LEADER), ("deputy1", RoundRole.DEPUTY),
                       ("r1_liaison2", RoundRole.LIAISON), ("liaison2", RoundRole.MEMBER),
                       ("r1_member2", RoundRole.MEMBER)],
            "units": ["示例县交通运输局", "示例县民政局", "示例县实验小学"],
        },
    },
}
ROUND_2 = {
    "year": 2026, "number": 2,
    "mobilization": date(2026, 10, 12), "entry": date(2026, 10, 14), "withdrawal": date(2026, 11, 27),
    "focus": "聚焦民生领域，重点检查住房城乡建设、自然资源、医疗卫生等领域权力运行情况和群众身边腐败问题。",
    "groups": {
        1: {
            "people": [("leader1", RoundRole.LEADER), ("deputy1", RoundRole.DEPUTY),
                       ("liaison1", RoundRole.LIAISON), ("member1", RoundRole.MEMBER),
                       ("r2_member1a", RoundRole.MEMBER), ("r2_member1b", RoundRole.MEMBER)],
            "units": ["示例县住房和城乡建设局", "示例县柳河乡"],
        },
        2: {
            "people": [("leader2", RoundRole.LEADER), ("r2_deputy2", RoundRole.DEPUTY),
                       ("liaison2", RoundRole.LIAISON), ("member2", RoundRole.MEMBER),
                       ("r2_member2", RoundRole.MEMBER)],
            "units": ["示例县自然资源局", "示例县人民医院"],
        },
    },
}
UNIT_CONTACT_UNIT = "示例县住房和城乡建设局"
ROUND_2_GROUP_2_WITHDRAWAL = date(2026, 11, 20)

# Round 1's procedure after withdrawal, all within its limits.
R1_LEADING_GROUP_HEARS = date(2026, 5, 8)  # D1
R1_STANDING_COMMITTEE = date(2026, 5, 19)  # D2; starts D3 and D4
R1_FILED_WITH_PREFECTURE = date(2026, 5, 29)  # D3
R1_FEEDBACK_MATERIAL = date(2026, 5, 22)  # D4
R1_FEEDBACK_GIVEN = date(2026, 6, 2)  # starts D5, D6, D8
R1_RECTIFICATION_PLAN = date(2026, 6, 12)  # D5
R1_ARCHIVE_HANDED = date(2026, 6, 12)  # D8
R1_TWO_REPORTS = date(2026, 7, 31)  # D6
R1_RECTIFICATION_END = date(2026, 8, 3)  # starts D7, met the same day

# --- Names ---------------------------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
MALE_CHARS = "建国明华军伟强平志文海涛勇斌杰刚林峰磊鹏辉东波超成亮宏振德永俊晓宇浩健庆春光兴荣新利忠学福瑞鑫凯旭坤毅江山生祥胜良贵泽昊博远航铭"
FEMALE_CHARS = "丽芳娟敏静燕霞红玲梅琳艳萍慧丹洁婷雪莉琴云莲凤秀兰英华颖倩悦欣怡璐晶佳思雨月晓春玉菲蕾蓉"

# Names of well-known people (leaders, athletes, artists, historical figures) the generator could hit.
FAMOUS_NAMES = frozenset(
    "李强 张军 王毅 王勇 陈刚 刘伟 王刚 李斌 张勇 李宁 刘翔 王菲 李娜 姚明 李白 杜甫 雷军 马云 李鹏 朱德 陈云 陈毅 "
    "毛泽东 张学良 赵云 黄忠 马超 孟浩然 周强 秦刚 马凯 杨晶 张德江 曾庆红 曹建明 王东明 张庆伟 马兴瑞 黄坤明 胡春华 "
    "孙春兰 许海峰 王健林 刘强东 孙宏斌 李国庆 王兴 丁磊 邓超 韩红 汪峰 马琳 贾玲 朱军 余华 朱婷 孙悦 田亮 高敏 邹凯 "
    "杨倩 陈雨菲 徐静蕾 赵丽颖 张国荣 陈坤 姜文 王志文 马丽 蔡明 范伟 谭晶 董文华 于文华 郭兰英 黎明 周华健 王杰 崔健 "
    "李健 张杰 周涛 任静 罗兰 陆浩 龙江 刘晓庆 林俊杰 罗永浩 王俊凯 李兰娟 张文宏 李文亮 王军 刘涛 李晨 王林 张华 王宁".split()
)

OUTSIDE_JOBS = (
    "示例县农村商业银行职员", "个体经营", "州人民医院护士", "示例县某商贸有限公司会计", "自由职业",
    "州城某物流公司职员", "示例县邮政分公司职员", "务农", "退休", "无业",
)


def _rank_for(title: str, level: str, kind: str) -> tuple[str, bool]:
    """The rank a seat carries, and whether it is a county-managed (县管) cadre."""
    if title == "县委书记":
        return Rank.COUNTY_PRINCIPAL, False
    if title.startswith(("县委常委", "县委副书记")):
        return Rank.COUNTY_DEPUTY, False
    if kind == Kind.VILLAGE:
        return Rank.OTHER, False
    if level == "head":
        return Rank.SECTION_PRINCIPAL, True
    if level == "deputy":
        return Rank.SECTION_DEPUTY, True
    if kind not in GOVERNMENT_KINDS:
        return Rank.OTHER, False
    if level == "middle":
        return (Rank.CLERK_PRINCIPAL if "主任" in title else Rank.CLERK_DEPUTY), False
    return Rank.STAFF, False


AGES = {"county": (46, 56), "head": (40, 56), "deputy": (33, 53), "middle": (29, 54), "staff": (24, 38)}
MALE_SHARE = {"county": 0.85, "head": 0.8, "deputy": 0.75, "middle": 0.6, "staff": 0.5}
LADDER = ("staff", "middle", "deputy", "head", "county")
CAREER_KINDS = {
    Kind.DEPARTMENT: (Kind.DEPARTMENT, Kind.TOWNSHIP, Kind.INSTITUTION),
    Kind.TOWNSHIP: (Kind.TOWNSHIP, Kind.DEPARTMENT),
    Kind.INSTITUTION: (Kind.INSTITUTION, Kind.DEPARTMENT, Kind.TOWNSHIP),
    Kind.OTHER: (Kind.OTHER, Kind.DEPARTMENT, Kind.TOWNSHIP),
    Kind.SCHOOL: (Kind.SCHOOL,),
    Kind.HOSPITAL: (Kind.HOSPITAL,),
    Kind.ENTERPRISE: (Kind.ENTERPRISE, Kind.DEPARTMENT),
    Kind.VILLAGE: (Kind.VILLAGE,),
}
LATEST_APPOINTMENT = date(2026, 6, 30)  # everyone holds the current post before the current round


@dataclass
class Seat:
    unit: Unit
    title: str
    level: str
    tag: str | None = None
    gender: str | None = None
    age: tuple[int, int] | None = None
    cadre: Cadre | None = field(default=None, repr=False)


class DemoCounty:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.units: dict[str, Unit] = {}
        self.specs: dict[str, UnitSpec] = {}
        self.seats: list[Seat] = []
        self.by_tag: dict[str, Seat] = {}
        self.names: set[str] = set()
        self.calendar = WorkCalendar.load()

    # -- names --

    def _surname(self) -> str:
        # Common surnames first: the weights fall off with the list's frequency order.
        return self.rng.choices(SURNAMES, weights=[1 / (i + 6) for i in range(len(SURNAMES))])[0]

    def new_name(self, gender: str, surname: str | None = None) -> str:
        chars = MALE_CHARS if gender == "M" else FEMALE_CHARS
        while True:
            given = self.rng.choice(chars)
            if self.rng.random() < 0.8:
                second = self.rng.choice(chars)
                if second == given:
                    continue
                given += second
            name = (surname or self._surname()) + given
            if name not in self.names and name not in FAMOUS_NAMES:
                self.names.add(name)
                return name

    # -- units --

    def create_units(self):
        for spec in UNIT_SPECS:
            unit = Unit(
                name=spec.name,
                kind=spec.kind,
                function=UNIT_FUNCTIONS.get(spec.name, Unit.Function.NONE),
                supervising_department=self.units.get(spec.supervising),
                parent=self.units.get(spec.parent),
            )
            unit._change_reason = CHANGE_REASON
            unit.save()
            self.units[spec.name] = unit
            self.specs[spec.name] = spec

    # -- cadres --

    def plan_seats(self):
        rng = self.rng
        by_unit: dict[str, list[Seat]] = {}
        for spec in UNIT_SPECS:
            unit = self.units[spec.name]
            seats = [Seat(unit, title, "head") for title in spec.heads]
            seats += [Seat(unit, title, "deputy") for title in spec.deputies]
            seats += [Seat(unit, title, "middle") for title in spec.middles]
            seats += [Seat(unit, rng.choice(spec.staff), "staff") for _ in range(rng.randint(*spec.staff_count))]
            for seat in seats:
                if seat.title.startswith("县委常委"):
                    seat.level = "county"
            by_unit[spec.name] = seats
        for tag, persona in PERSONAS.items():
            seats = by_unit[persona.unit]
            # A persona takes the first seat of the same title, or a seat of its own.
            taken = next((s for s in seats if s.title == persona.title and s.tag is None), None)
            if taken is None:
                taken = Seat(self.units[persona.unit], persona.title, persona.level)
                seats.append(taken)
            taken.tag, taken.level, taken.gender, taken.age = tag, persona.level, persona.gender, persona.age
            self.by_tag[tag] = taken
        self.seats = [seat for spec in UNIT_SPECS for seat in by_unit[spec.name]]
        # Where each (kind, level) post exists, for earlier posts in a career.
        self.posts_by_level: dict[tuple[str, str], list[tuple[Unit, str]]] = {}
        for seat in self.seats:
            if seat.title == "县委书记":
                continue
            self.posts_by_level.setdefault((seat.unit.kind, seat.level), []).append((seat.unit, seat.title))

    def create_cadres(self):
        rng = self.rng
        for seat in self.seats:
            gender = seat.gender or ("M" if rng.random() < self._male_share(seat) else "F")
            low, high = seat.age or (AGES[seat.level] if seat.unit.kind != Kind.VILLAGE else (32, 58))
            age = rng.randint(low, high)
            rank, managed = _rank_for(seat.title, seat.level, seat.unit.kind)
            seat.cadre = Cadre(
                name=self.new_name(gender),
                gender=gender,
                birth_date=date(2026 - age - 1, rng.randint(1, 12), rng.randint(1, 28)),
                unit=seat.unit,
                post=seat.title,
                rank=rank,
                is_county_managed=managed,
            )
        cadres = bulk_create_with_history(
            [seat.cadre for seat in self.seats], Cadre, default_change_reason=CHANGE_REASON
        )
        for seat, cadre in zip(self.seats, cadres, strict=True):
            seat.cadre = cadre

    def _male_share(self, seat: Seat) -> float:
        share = MALE_SHARE[seat.level]
        if seat.level == "staff" and seat.unit.kind in (Kind.SCHOOL, Kind.HOSPITAL):
            share = 0.35
        return share

    def create_posts(self, avoid_units: dict[int, set[int]]):
        """1–3 posts per cadre, the current one included (open-ended), walking back through the career."""
        rng = self.rng
        posts = []
        for seat in self.seats:
            cadre = seat.cadre
            avoid = avoid_units.get(cadre.pk, set())
            career_start = min(_add_years(cadre.birth_date, rng.randint(22, 25)), LATEST_APPOINTMENT)
            back = rng.randint(100, 6 * 365) if seat.level == "staff" else rng.randint(365, 8 * 365)
            start = max(career_start, LATEST_APPOINTMENT - timedelta(days=back))
            held = [CadrePost(cadre=cadre, unit=seat.unit, title=seat.title, start_date=start)]
            earlier = rng.choice((0, 1, 1, 2, 2))
            if seat.level in ("county", "head", "deputy"):
                earlier = max(earlier, 1)
            if seat.unit.kind == Kind.VILLAGE and seat.level == "staff":
                earlier = 0
            level = seat.level
            for _ in range(earlier):
                later = held[-1]
                if (later.start_date - career_start).days < 365:
                    break
                promoted = level != "staff" and rng.random() < 0.7
                if promoted:
                    level = LADDER[LADDER.index(level) - 1]
                unit, title = self._earlier_post(seat, level, avoid, later=later, promoted=promoted)
                start = max(career_start, later.start_date - timedelta(days=rng.randint(2 * 365, 7 * 365)))
                end = later.start_date - timedelta(days=1)
                held.append(CadrePost(cadre=cadre, unit=unit, title=title, start_date=start, end_date=end))
            posts.extend(reversed(held))
        return bulk_create_with_history(posts, CadrePost, default_change_reason=CHANGE_REASON)

    def _earlier_post(self, seat: Seat, level: str, avoid: set[int], later: CadrePost, promoted: bool):
        """A post at `level` before `later`: in the same unit or in a unit of a kind a career of this kind
        passes through (villages: the same village only); never the same post again, and no 常务 post
        before a plain one of the same level."""
        rng = self.rng

        def differs(unit, title):
            if unit.pk in avoid or (unit == later.unit and title == later.title):
                return False
            return promoted or "常务" not in title or "常务" in later.title

        here = [(u, t) for u, t in self.posts_by_level.get((seat.unit.kind, level), [])
                if u == seat.unit and differs(u, t)]
        if here and rng.random() < 0.4:
            return rng.choice(here)
        elsewhere = [
            (unit, title)
            for kind in CAREER_KINDS[seat.unit.kind]
            for unit, title in self.posts_by_level.get((kind, level), [])
            if unit != seat.unit and seat.unit.kind != Kind.VILLAGE and differs(unit, title)
        ]
        if elsewhere:
            return rng.choice(elsewhere)
        if here:
            return here[0]
        spec = self.specs[seat.unit.name]
        return seat.unit, spec.staff[0] if spec.staff else seat.title

    # -- relatives --

    def create_relatives(self, avoid_units: dict[int, set[int]]):
        rng = self.rng
        relatives = []
        spouses: dict[int, Cadre] = {}

        def marry(a: Cadre, b: Cadre):
            spouses[a.pk], spouses[b.pk] = b, a

        marry(self.by_tag["r2_member1a"].cadre, self.by_tag["r2_member1a_wife"].cadre)
        # A few more married couples inside the cadre pool, none of them in an inspection group.
        free = [s.cadre for s in self.seats if s.tag is None and _age(s.cadre) >= 28]
        men = [c for c in free if c.gender == "M"]
        women = [c for c in free if c.gender == "F"]
        rng.shuffle(men)
        for man in men:
            if len(spouses) >= 2 * 9:
                break
            match = next(
                (w for w in women if w.pk not in spouses and abs(_age(w) - _age(man)) <= 5 and w.unit != man.unit),
                None,
            )
            if match:
                marry(man, match)

        chosen = [s.cadre for s in self.seats if s.cadre.pk in spouses or rng.random() < 0.3]
        units = [u for u in self.units.values() if u.kind != Kind.OTHER]
        for cadre in chosen:
            avoid = avoid_units.get(cadre.pk, set())
            options = [u for u in units if u.pk not in avoid and u != cadre.unit]
            age = _age(cadre)
            surname = cadre.name[0]
            spouse_surname = None
            if cadre.pk in spouses:
                spouse = spouses[cadre.pk]
                spouse_surname = spouse.name[0]
                relatives.append(CadreRelative(
                    cadre=cadre, relation=Relation.SPOUSE, name=spouse.name,
                    workplace_unit=spouse.unit, workplace=f"{spouse.unit.name}{spouse.post}",
                ))
            elif age >= 27 and rng.random() < 0.85:
                name = self.new_name("F" if cadre.gender == "M" else "M")
                spouse_surname = name[0]
                relatives.append(self._relative(cadre, Relation.SPOUSE, name, options, works_in_unit=0.4))
            if age >= 40 and rng.random() < 0.6:
                child_surname = surname if cadre.gender == "M" else (spouse_surname or self._surname())
                name = self.new_name(rng.choice("MF"), child_surname)
                if age >= 50:
                    relatives.append(self._relative(cadre, Relation.CHILD, name, options, works_in_unit=0.5))
                else:
                    relatives.append(CadreRelative(cadre=cadre, relation=Relation.CHILD, name=name, workplace="在读学生"))
            if rng.random() < 0.3:
                relatives.append(CadreRelative(
                    cadre=cadre, relation=Relation.PARENT, name=self.new_name("M", surname),
                    workplace=rng.choice(("退休", "务农")),
                ))
            if rng.random() < 0.2:
                name = self.new_name(rng.choice("MF"), surname)
                relatives.append(self._relative(cadre, Relation.SIBLING, name, options, works_in_unit=0.3))
            if not any(r.cadre is cadre for r in relatives[-4:]):
                relatives.append(CadreRelative(
                    cadre=cadre, relation=Relation.PARENT, name=self.new_name("M", surname), workplace="退休",
                ))
        return bulk_create_with_history(relatives, CadreRelative, default_change_reason=CHANGE_REASON)

    def _relative(self, cadre, relation, name, options, *, works_in_unit: float) -> CadreRelative:
        rng = self.rng
        if options and rng.random() < works_in_unit:
            unit = rng.choice(options)
            spec = self.specs[unit.name]
            title = rng.choice(spec.staff + spec.middles)
            return CadreRelative(cadre=cadre, relation=relation, name=name, workplace_unit=unit,
                                 workplace=f"{unit.name}{title}")
        return CadreRelative(cadre=cadre, relation=relation, name=name, workplace=rng.choice(OUTSIDE_JOBS))

    # -- accounts --

    def create_accounts(self) -> dict:
        User = get_user_model()
        # One hash for all: the password is public (it is the demo's), and hashing it 17 times with the
        # production hasher would take most of the load's time.
        password = make_password(DEMO_PASSWORD)
        users = {}
        for username in (*STANDING_ACCOUNTS, *ROUND_ACCOUNTS):
            cadre = self.by_tag[username].cadre
            user = User(username=username, full_name=cadre.name, cadre=cadre, password=password)
            if username == "unit1":
                user.contact_unit = self.units[UNIT_CONTACT_UNIT]
            user._change_reason = CHANGE_REASON
            user.save()
            if username in STANDING_ACCOUNTS:
                RoleGrant.objects.create(user=user, role=STANDING_ACCOUNTS[username])
            users[username] = user
        for username, (role, full_name) in ADMIN_ACCOUNTS.items():
            user = User(username=username, full_name=full_name, password=password)
            user._change_reason = CHANGE_REASON
            user.save()
            RoleGrant.objects.create(user=user, role=role)
            users[username] = user
        return users

    # -- rounds --

    def create_round(self, plan, phase) -> tuple[Round, dict[int, InspectionGroup]]:
        round_ = Round(
            year=plan["year"], number=plan["number"], phase=phase,
            mobilization_date=plan["mobilization"], entry_date=plan["entry"],
            planned_withdrawal_date=plan["withdrawal"], focus=plan["focus"],
        )
        round_._change_reason = CHANGE_REASON
        round_.save()
        groups = {}
        for number, group_plan in plan["groups"].items():
            group = InspectionGroup.objects.create(round=round_, number=number, entered_on=plan["entry"])
            for tag, role in group_plan["people"]:
                GroupMembership.objects.create(group=group, cadre=self.by_tag[tag].cadre, role=role)
            for name in group_plan["units"]:
                Inspection.objects.create(round=round_, group=group, unit=self.units[name])
            groups[number] = group
        return round_, groups

    def close_round_1(self, round_, groups, actor):
        """Round 1 went through every step on time: each clock was started and met within its limit."""
        start = {"calendar": self.calendar, "round": round_}
        for group in groups.values():
            demo_withdraw(group, on=ROUND_1["withdrawal"], office=actor)  # S28: groups/withdrawal/demo.py
            deadline_meet(rule_code="D1", met_on=R1_LEADING_GROUP_HEARS, round=round_, group=group)
            deadline_meet(rule_code="D2", met_on=R1_STANDING_COMMITTEE, round=round_, group=group)
            deadline_start(rule_code="D4", started_on=R1_STANDING_COMMITTEE, group=group, **start)
            deadline_meet(rule_code="D4", met_on=R1_FEEDBACK_MATERIAL, round=round_, group=group)
        deadline_start(rule_code="D3", started_on=R1_STANDING_COMMITTEE, **start)
        deadline_meet(rule_code="D3", met_on=R1_FILED_WITH_PREFECTURE, round=round_)
        for inspection in Inspection.objects.filter(round=round_).select_related("unit"):
            unit = inspection.unit
            for code, started, met in (
                ("D5", R1_FEEDBACK_GIVEN, R1_RECTIFICATION_PLAN),
                ("D6", R1_FEEDBACK_GIVEN, R1_TWO_REPORTS),
                ("D8", R1_FEEDBACK_GIVEN, R1_ARCHIVE_HANDED),
                ("D7", R1_RECTIFICATION_END, R1_RECTIFICATION_END),
            ):
                deadline_start(rule_code=code, started_on=started, unit=unit, **start)
                deadline_meet(rule_code=code, met_on=met, round=round_, unit=unit)

    def build(self) -> dict[str, int]:
        self.create_units()
        self.plan_seats()
        self.create_cadres()
        avoid_units = self._units_to_avoid()
        posts = self.create_posts(avoid_units)
        relatives = self.create_relatives(avoid_units)
        users = self.create_accounts()
        round_1, groups_1 = self.create_round(ROUND_1, Round.Phase.CLOSED)
        self.close_round_1(round_1, groups_1, users["director"])
        round_2, groups_2 = self.create_round(ROUND_2, Round.Phase.ON_SITE)
        round_3 = seed_preparation(by_tag=self.by_tag, users=users, round_2=round_2, groups_2=groups_2)
        for group in groups_2.values():
            seed_group_preparation(group, complete=True)
        for group in round_3.groups.all():
            seed_group_preparation(group, complete=False)
        demo_round_preparation(round_2, groups_2, users)  # S02, S04, S06: rounds/prep_demo.py
        demo_petitions(groups_2, users)  # issue 5 §1: petitions/demo.py
        demo_inquiries(groups_2, users)  # issue 5 §4–§6: clues/demo.py
        demo_talks(groups_2, users)  # issue 5 §3: groups/demo_talks.py
        demo_document_requests(groups_2, users)  # issue 6 §2: groups/docrequests/demo.py
        demo_surveys(groups_2, users)  # issue 6 §4: groups/surveys/demo.py
        demo_working_papers(groups_2, users)  # issue 6 §5: groups/workpapers/demo.py
        demo_onsite(groups_2, users)  # issue 6 §1, §3, §6: groups/onsite/demo.py
        # Group 2 left its units last, everything settled (S28); its members other than the leader and the
        # liaison no longer reach its material.
        demo_withdraw(groups_2[2], on=ROUND_2_GROUP_2_WITHDRAWAL, office=users["director"])
        return {
            "units": len(self.units),
            "cadres": len(self.seats),
            "posts": len(posts),
            "relatives": len(relatives),
            "accounts": len(users),
            "rounds": 3,
            "groups": len(groups_1) + len(groups_2) + round_3.groups.count(),
            "inspections": Inspection.objects.filter(round__in=[round_1, round_2, round_3]).count(),
            "deadlines": Deadline.objects.filter(round__in=[round_1, round_2]).count(),
        }

    def _units_to_avoid(self) -> dict[int, set[int]]:
        """For each person in a group: the units any group they sit in inspects, kept out of their past
        posts and their relatives' workplaces so that only the deliberate recusal case shows up."""
        avoid: dict[int, set[int]] = {}
        for plan in (ROUND_1, ROUND_2):
            for group_plan in plan["groups"].values():
                unit_ids = {self.units[name].pk for name in group_plan["units"]}
                for tag, _role in group_plan["people"]:
                    avoid.setdefault(self.by_tag[tag].cadre.pk, set()).update(unit_ids)
        return avoid


def _add_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


def _age(cadre: Cadre, on: date = date(2026, 10, 1)) -> int:
    born = cadre.birth_date
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def load_demo() -> dict[str, int]:
    """Build the demo county in one transaction and return what was created, by kind."""
    with transaction.atomic():
        return DemoCounty(random.Random(SEED)).build()


# --- A group's preparation (S03, S05, S07) -------------------------------------------------------------------
# Records the groups keep before they enter: the minute book, the temporary branch, the pledges, the
# division of work and the filed work plan, public opinion and the focus list per unit, the entry
# checklist, the unit's self-report (a first draft sent back under the 60% rule, then an accepted one)
# and the office space and petition channels. All fictional.

PREP_OPINIONS = {
    "示例县住房和城乡建设局": [
        ("示例县融媒体中心“问政示例”栏目", "群众反映城关镇某小区交房三年仍未办理不动产权证，多次向住建局反映未获明确答复。"),
        ("12345政务服务便民热线", "市民反映城区部分在建工地夜间违规施工、扬尘污染，监管部门处置不及时。"),
    ],
    "示例县柳河乡": [
        ("示例县融媒体中心", "群众反映柳河乡部分村组道路硬化不到两年即出现开裂破损，质疑工程质量。"),
        ("州信访网上投诉平台", "网民反映个别村低保评定过程不公开，存在优亲厚友现象。"),
    ],
    "示例县自然资源局": [
        ("示例县人民政府网站领导信箱", "群众反映某村土地征收补偿标准公示不清楚，对补偿款发放进度有疑问。"),
        ("本地网络论坛“示例论坛”", "网民发帖称有采石场越界开采，相关部门巡查流于形式。"),
    ],
    "示例县人民医院": [
        ("12345政务服务便民热线", "患者反映部分科室存在开大处方、重复检查现象，个人负担较重。"),
        ("州日报", "报道县人民医院新院区建设进度滞后，医疗设备采购情况引发群众关注。"),
    ],
}
PREP_OPINIONS_BY_KIND = {
    "default": [
        ("示例县融媒体中心", "群众反映{unit}部分办事事项需多次往返，服务窗口效率不高。"),
        ("12345政务服务便民热线", "市民反映{unit}有关专项资金的使用和分配情况公开不够。"),
    ],
    Kind.TOWNSHIP: [
        ("示例县融媒体中心", "群众反映{unit}部分惠农项目建设质量不高，后续管护不到位。"),
        ("州信访网上投诉平台", "网民反映{unit}个别村低保、临时救助评定过程不够公开。"),
    ],
    Kind.SCHOOL: [
        ("12345政务服务便民热线", "家长反映{unit}存在变相收取资料费、食堂饭菜质量不高等问题。"),
        ("本地网络论坛“示例论坛”", "网民发帖质疑{unit}教师职称评聘过程不够公开透明。"),
    ],
    Kind.HOSPITAL: [
        ("12345政务服务便民热线", "患者反映{unit}部分科室存在过度检查、开大处方现象。"),
        ("州日报", "报道{unit}药品耗材采购价格偏高，引发群众关注。"),
    ],
}

PREP_FOCUS = {
    "示例县住房和城乡建设局": [
        ("工程建设项目监管", "近三年政府投资工程项目招投标、设计变更、签证和竣工结算情况", "规避招标、围标串标；设计变更随意，结算审核把关不严", "briefing", "high"),
        ("住房保障", "公租房分配、保障性住房资格审核及租金收缴情况", "违规分配、优亲厚友；租金长期拖欠未追缴", "opinion", "medium"),
        ("干部选拔任用", "近三年干部选拔任用和股室负责人调整情况", "超职数配备干部、动议和考察程序不规范", "briefing", "medium"),
    ],
    "示例县柳河乡": [
        ("惠民惠农资金", "低保、临时救助、耕地地力保护补贴等资金的审核和发放情况", "冒领套取、优亲厚友、“微腐败”", "opinion", "high"),
        ("农村基础设施项目", "村组道路硬化、饮水安全工程的建设和验收情况", "工程质量不达标，验收走过场，虚报工程量", "opinion", "high"),
        ("村级财务管理", "村级“三资”管理和村务公开情况", "白条入账、公款私存、集体资产低价出租", "briefing", "medium"),
    ],
    "示例县自然资源局": [
        ("土地征收与出让", "近三年土地征收补偿、国有建设用地出让情况", "违规调整规划条件，补偿款截留挪用", "opinion", "high"),
        ("矿产资源管理", "采矿权审批、矿山巡查和违法开采查处情况", "以罚代管、巡查流于形式，充当“保护伞”", "opinion", "high"),
        ("不动产登记", "不动产登记办理时限和历史遗留问题化解情况", "吃拿卡要、违规收费、“中介”代办", "briefing", "medium"),
    ],
    "示例县人民医院": [
        ("医保基金使用", "医保基金结算、住院费用和检查检验项目情况", "虚记多记费用、过度诊疗、分解住院", "opinion", "high"),
        ("药品耗材采购", "药品、高值医用耗材和医疗设备的采购情况", "带量采购执行不到位，收受回扣、“带金销售”", "briefing", "high"),
        ("基建项目", "新院区建设项目的招投标和资金支付情况", "化整为零规避招标，工程款超进度支付", "opinion", "medium"),
    ],
}
PREP_FOCUS_DEFAULT = [
    ("落实上级决策部署", "贯彻落实党中央决策部署和省州县委工作要求情况", "表态多、落实少，形式主义、官僚主义", "briefing", "high"),
    ("专项资金管理", "近三年专项资金的分配、拨付和使用情况", "挤占挪用、虚报冒领、资金长期闲置", "briefing", "high"),
    ("干部选拔任用", "近三年干部选拔任用和人员调整情况", "程序不规范、超职数配备", "briefing", "medium"),
]

PREP_REPORT_DRAFT = [
    ("other", "一、基本情况和主要工作成效\n近三年来，{unit}党组织在县委坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
              "深入学习贯彻党的二十大精神，紧紧围绕县委县政府中心工作，认真履行职责，各项工作取得明显成效。"
              "一是政治建设不断加强，坚持把学习贯彻党的创新理论作为首要政治任务，建立健全“第一议题”学习制度；"
              "二是重点工作稳步推进，年度目标任务全面完成，多项工作在全州考核中位居前列；"
              "三是全面从严治党持续深化，认真落实主体责任，扎实开展警示教育；"
              "四是干部队伍建设不断加强，坚持好干部标准，选人用人风气持续向好；"
              "五是服务群众能力不断提升，深化“放管服”改革，群众满意度逐年提高。"),
    ("problems", "二、存在的主要问题\n一是落实主体责任有差距，压力传导层层递减；二是重点领域监管不够到位；三是作风建设还需加强。"),
    ("causes", "三、原因分析\n主要是理论学习不够深入，管党治党意识不强，制度执行不严格。"),
]
PREP_REPORT_FINAL = [
    ("other", "一、基本情况\n近三年来，{unit}党组织认真贯彻县委县政府决策部署，年度目标任务总体完成，"
              "但对照巡察要求，在管党治党、重点领域监管和干部队伍建设等方面还存在不少差距。"),
    ("problems", "二、存在的主要问题\n（一）落实全面从严治党主体责任有差距。党组研究党风廉政建设工作次数偏少，"
                 "“一岗双责”落实不够到位，对下属单位和重点岗位的日常监督存在“宽松软”现象，近三年班子成员"
                 "开展廉政谈话多为集中谈话，针对性不强。\n（二）重点领域监管存在薄弱环节。部分项目审批和资金"
                 "拨付审核把关不严，个别项目未按规定公开招标；专项资金存在拨付滞后、结余资金长期闲置的问题；"
                 "对群众反映强烈的问题回应不及时，有的诉求反复投诉仍未解决。\n（三）干部队伍建设和作风建设"
                 "有待加强。部分股室负责人长期未交流轮岗；个别干部服务意识不强，存在推诿扯皮现象；"
                 "落实中央八项规定精神还有不到位之处，公务接待、公车使用管理不够规范。"),
    ("causes", "三、问题产生的原因\n（一）政治站位不够高。党组对全面从严治党的极端重要性认识不足，"
               "重业务轻党建，把主要精力放在业务工作上，抓党风廉政建设的主动性不够。\n（二）制度执行不够严格。"
               "虽然建立了项目管理、资金管理等制度，但执行中打折扣、搞变通，内部监督制约机制作用发挥不够。"
               "\n（三）干部教育管理不够到位。对干部重使用轻管理，日常谈心谈话和提醒教育开展不经常，"
               "对苗头性、倾向性问题发现不及时、处置不果断。"),
    ("other", "四、下一步整改打算\n坚持问题导向，逐项建立整改台账，明确责任人和整改时限，确保问题按期整改到位。"),
]

PREP_MEETINGS = [
    (0, [("work_arrangements", "传达全县巡察工作动员部署会精神，研究本组进驻前各项准备工作，明确时间节点和责任人。"),
         ("personnel", "学习巡察工作纪律和安全保密规定，组织全组人员签订保密承诺书。")],
     "一、成立巡察组临时党支部，由组长任支部书记；二、由联络员负责与被巡察单位对接进驻事宜；"
     "三、全组人员按分工收集被巡察单位舆情信息，于次日汇总。", ""),
    (1, [("clues_to_examine", "梳理情况通报会上县纪委监委、组织部、审计局提供的信息，初步确定需重点了解的问题。"),
         ("documents", "审议巡察组工作方案（讨论稿）、监督重点清单和组长动员讲话稿。")],
     "工作方案按讨论意见修改后报巡察办备案；监督重点清单按被巡察单位分别形成；对被巡察单位汇报材料进行审核把关。",
     "对是否在进驻前调阅某工程项目的审计底稿有不同意见，经讨论由组长决定进驻后按程序调阅。"),
]

PREP_WORK_PLAN = {
    "tasks": "坚持政治巡察定位，聚焦“六围绕、一加强”，重点了解{units}落实党中央决策部署和县委工作要求、"
             "群众身边不正之风和腐败问题、基层党组织建设以及上一轮巡察整改等情况。",
    "methods": "通过听取工作汇报、个别谈话、受理信访、调阅资料、走访调研、民主测评和问卷调查等方式开展工作。"
               "分三个阶段：进驻准备阶段、深入了解阶段、形成报告阶段。",
    "schedule": "{entry}进驻，驻点时间约六周；撤离后10个工作日内向领导小组汇报巡察情况。",
    "staffing": "实行组长负责制。组长全面负责；副组长协助组长开展工作，分管个别谈话和工作底稿复核；"
                "联络员负责联络协调、信访台账和问题线索管理；其他成员分两个谈话组，按单位分工开展工作。",
    "discipline": "严格执行巡察工作纪律和中央八项规定精神，严守保密纪律，不干预被巡察单位正常工作，"
                  "不处理被巡察单位具体问题，不接受宴请和礼品礼金。",
    "emergency_plan": "遇有群体上访、突发信访事件或舆情事件，由组长统一指挥，依靠被巡察单位和有关职能部门妥善处置，"
                      "并第一时间报告巡察办。",
    "commission_matters": "对县纪委监委、县委组织部通报需重点了解的问题，安排副组长牵头，结合个别谈话和调阅资料深入了解，"
                          "及时向组长报告。",
}
PREP_BRANCH_PLAN = ("一、每周组织一次集中学习，学习党的创新理论和巡视巡察工作有关规定；"
                    "二、结合巡察工作开展一次主题党日活动；三、落实“三会一课”，加强对党员的教育管理监督；"
                    "四、组织党员干部签订廉洁自律承诺，严守巡察纪律。")


def seed_group_preparation(group, *, complete: bool) -> None:
    """The group's preparation records. `complete`: everything done before entry (pledges signed, the plan
    filed and received, the unit's report accepted, the checklist done, facilities recorded); otherwise a
    group midway — half the pledges signed, the plan a draft, the report sent back, the checklist begun."""
    from django.utils import timezone, translation

    from groups.models import (
        ConfidentialityPledge,
        EntryChecklistMark,
        EntryFacilities,
        FocusItem,
        GroupMeeting,
        GroupMeetingItem,
        GroupWorkPlan,
        GroupWorkPlanRevision,
        OpinionNote,
        SelfReport,
        SelfReportSection,
        SelfReportVersion,
        TemporaryBranch,
    )
    from groups.services import self_report_return_message
    from groups.standards import CURRENT_PLEDGE, ENTRY_CHECKLIST, count_characters, share_passes
    from rounds.models import chinese_ordinal

    def return_message(part, total):
        with translation.override("zh-hans"):
            return self_report_return_message(part, total)

    User = get_user_model()
    office = User.objects.filter(role_grants__role=Role.OFFICE_STAFF).order_by("pk").first()
    today = timezone.localdate()
    base = group.round.mobilization_date or today
    if not complete:
        base = min(base, today)

    def at(day_offset: int, hour: int, minute: int = 0):
        return timezone.make_aware(datetime.combine(base + timedelta(days=day_offset), time(hour, minute)))

    memberships = list(group.memberships.in_role_order().select_related("cadre"))
    users = {u.cadre_id: u for u in User.objects.filter(cadre__in=[m.cadre for m in memberships])}

    def user_in(role):
        return next((users[m.cadre_id] for m in memberships if m.role == role and m.cadre_id in users), None)

    leader_user = user_in(RoundRole.LEADER) or office
    liaison_user = user_in(RoundRole.LIAISON) or leader_user
    by_role = {m.role: m for m in reversed(memberships)}  # the first person of each role
    leading = [m for m in memberships if m.role != RoundRole.MEMBER]

    # S03: pledges, branch, minute book.
    signers = memberships if complete else memberships[: len(memberships) // 2]
    for i, membership in enumerate(signers):
        ConfidentialityPledge.objects.create(group=group, cadre=membership.cadre, text_version=CURRENT_PLEDGE,
                                             signed_at=at(0, 16, 10 + i))
    branch = TemporaryBranch.objects.create(group=group, founded_on=base, work_plan=PREP_BRANCH_PLAN,
                                            updated_by=leader_user, updated_at=at(0, 17))
    branch.party_members.set(memberships if complete else memberships[:-1])
    for number, (offset, items, decisions, dissent) in enumerate(PREP_MEETINGS[: 2 if complete else 1], start=1):
        meeting = GroupMeeting.objects.create(
            group=group, number=number, held_on=base + timedelta(days=offset), minute_taker=by_role.get(RoundRole.LIAISON, memberships[0]),
            decisions=decisions, dissent=dissent, recorded_by=leader_user, recorded_at=at(offset, 18),
        )
        meeting.attendees.set(leading)
        for position, (kind, text) in enumerate(items, start=1):
            GroupMeetingItem.objects.create(meeting=meeting, position=position, kind=kind, text=text)

    # S05: the work plan (filed and received, or a draft), public opinion and the focus list per unit.
    inspections = list(group.inspections.select_related("unit").order_by("unit__name"))
    units = "、".join(i.unit.name for i in inspections)
    entry = group.round.entry_date
    sections = {name: text.format(units=units, entry=f"{entry.month}月{entry.day}日" if entry else "动员部署会后")
                for name, text in PREP_WORK_PLAN.items()}
    plan = GroupWorkPlan.objects.create(group=group, updated_by=leader_user, updated_at=at(1, 11), **sections)
    if complete:
        revision = GroupWorkPlanRevision.objects.create(
            plan=plan, number=1, branch_plan=PREP_BRANCH_PLAN, filed_by=leader_user, filed_at=at(1, 15),
            received_by=office, received_at=at(1, 16, 30),
            division=[{"role": str(m.get_role_display()), "name": str(m.cadre), "duties": m.duties_or_default}
                      for m in memberships],
            **sections,
        )
        plan.state, plan.latest_revision = GroupWorkPlan.State.FILED, revision
        plan.save(update_fields=["state", "latest_revision"])
    for inspection in inspections:
        unit = inspection.unit
        opinions = PREP_OPINIONS.get(unit.name) or PREP_OPINIONS_BY_KIND.get(unit.kind, PREP_OPINIONS_BY_KIND["default"])
        notes = [
            OpinionNote.objects.create(inspection=inspection, source=source, noted_on=base - timedelta(days=9 - 3 * i),
                                       summary=summary.format(unit=unit.name), recorded_by=liaison_user,
                                       recorded_at=at(-8 + 3 * i, 10))
            for i, (source, summary) in enumerate(opinions)
        ]
        for position, (area, description, risks, source, priority) in enumerate(
            PREP_FOCUS.get(unit.name, PREP_FOCUS_DEFAULT)[: 3 if complete else 2], start=1
        ):
            FocusItem.objects.create(
                inspection=inspection, position=position, area=area, description=description, risk_points=risks,
                source=source, priority=priority, opinion_note=notes[0] if source == "opinion" else None,
                created_by=leader_user, created_at=at(1, 10),
            )

        # S07: the checklist, the self-report (returned under the 60% rule, then accepted), the facilities.
        for i, item in enumerate(ENTRY_CHECKLIST if complete else ENTRY_CHECKLIST[:6]):
            EntryChecklistMark.objects.create(
                inspection=inspection, code=item.code, state="done" if complete else ("sent" if i > 2 else "done"),
                marked_by=liaison_user, marked_at=at(1, 9, i),
            )
        contact = User.objects.filter(contact_unit=unit).first() or liaison_user
        drafts = [(PREP_REPORT_DRAFT, at(0, 11)), *([(PREP_REPORT_FINAL, at(1, 10))] if complete else [])]
        report = SelfReport.objects.create(inspection=inspection, state=SelfReport.State.RETURNED)
        for number, (draft, submitted_at) in enumerate(drafts, start=1):
            texts = [(kind, text.format(unit=unit.name)) for kind, text in draft]
            counts = {kind: sum(count_characters(t) for k, t in texts if k == kind) for kind in ("problems", "causes", "other")}
            part, total = counts["problems"] + counts["causes"], sum(counts.values())
            passes = share_passes(part, total)
            if passes != (draft is PREP_REPORT_FINAL):
                raise AssertionError(f"demo self-report of {unit}: {part}/{total} does not fit its outcome")
            version = SelfReportVersion.objects.create(
                report=report, number=number, problems_chars=counts["problems"], causes_chars=counts["causes"],
                other_chars=counts["other"], submitted_by=contact, submitted_at=submitted_at,
                outcome="accepted" if passes else "returned",
                decided_by=leader_user if passes else None, decided_at=submitted_at + timedelta(hours=2 if passes else 0),
                decision_note="" if passes else return_message(part, total),
            )
            SelfReportSection.objects.bulk_create(
                SelfReportSection(version=version, position=p, kind=k, text=t) for p, (k, t) in enumerate(texts, start=1)
            )
            report.state = SelfReport.State.ACCEPTED if passes else SelfReport.State.RETURNED
            report.problems_causes_chars, report.total_chars, report.version_count = part, total, number
        report.save(update_fields=["state", "problems_causes_chars", "total_chars", "version_count"])
        if complete:
            EntryFacilities.objects.create(
                inspection=inspection,
                office_space=f"{unit.name}机关办公楼三楼会议室（巡察组专用）",
                suggestion_box=f"{unit.name}办公楼一楼大厅入口处",
                petition_phone=f"0000-86{group.number}{inspection.pk % 100:02d}00",
                petition_address=f"示例县邮政局转第{chinese_ordinal(group.number)}巡察组",
                petition_email=f"xcz{group.number}@example.cn",
                petition_mailbox=f"示例县邮政信箱{100 + group.number}号",
                petition_hours="工作日 8:30—12:00，14:30—17:30",
                updated_by=liaison_user, updated_at=at(1, 17),
            )
