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
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from groups.models import GroupMembership, Inspection, InspectionGroup
from groups.services import group_record_withdrawal
from rounds.models import Round
from rounds.prep_demo import demo_round_preparation
from xunchar.accounts.models import RoleGrant
from xunchar.accounts.roles import Role
from xunchar.deadlines.models import Deadline
from xunchar.deadlines.services import deadline_meet, deadline_start
from xunchar.registry.models import Cadre, CadrePost, CadreRelative, Unit
from xunchar.workdays.calendar import WorkCalendar

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
            group_record_withdrawal(group=group, withdrawn_on=ROUND_1["withdrawal"], actor=actor)
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
        group_record_withdrawal(group=groups_2[2], withdrawn_on=ROUND_2_GROUP_2_WITHDRAWAL, actor=users["director"])
        demo_round_preparation(round_2, groups_2, users)  # S02, S04, S06: rounds/prep_demo.py
        return {
            "units": len(self.units),
            "cadres": len(self.seats),
            "posts": len(posts),
            "relatives": len(relatives),
            "accounts": len(users),
            "rounds": 2,
            "groups": len(groups_1) + len(groups_2),
            "inspections": Inspection.objects.filter(round__in=[round_1, round_2]).count(),
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
