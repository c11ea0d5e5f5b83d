"""When the system proposes that an item is a direct-delivery item (S13.2).

The procedure lists the people whose items go sealed to the leading group: county leaders of the four
leadership bodies outside this round, the court president and the chief procurator, and those who
retired from these posts; discipline-commission and organization-department cadres at deputy-section
level and above, retired included. When the person complained about is linked to the cadre pool and
holds or held such a post, the system proposes the routing and the group leader confirms. Relatives,
staff and former leaders under investigation are not in the pool's data: anyone in the group can
propose those by hand.
"""

from xunchar.registry.models import Cadre, Unit

Function = Unit.Function
Rank = Cadre.Rank
FOUR_BODIES = frozenset({Function.PARTY_COMMITTEE, Function.PEOPLES_CONGRESS, Function.GOVERNMENT, Function.CPPCC})
COUNTY_LEVEL = frozenset({Rank.COUNTY_PRINCIPAL, Rank.COUNTY_DEPUTY})
DEPUTY_SECTION_AND_ABOVE = COUNTY_LEVEL | {Rank.SECTION_PRINCIPAL, Rank.SECTION_DEPUTY}
PRINCIPAL_TITLES = {Function.COURT: "院长", Function.PROCURATORATE: "检察长"}


def _posts(cadre: Cadre) -> list[tuple[str, str]]:
    """(unit function, post title) for the cadre's current post and every post on record."""
    posts = []
    if cadre.unit_id is not None:
        posts.append((cadre.unit.function, cadre.post))
    posts += [(post.unit.function, post.title) for post in cadre.posts.select_related("unit")]
    return posts


def _principal(title: str, word: str) -> bool:
    return word in title and f"副{word}" not in title


def direct_delivery_reason(cadre: Cadre | None, round_=None) -> str:
    """Why an item about this cadre is a direct-delivery item, or "" when the pool does not say so."""
    if cadre is None:
        return ""
    if round_ is not None and cadre.unit_id is not None and round_.groups.filter(inspections__unit_id=cadre.unit_id).exists():
        return ""  # the unit is inspected in this round: its leaders' items are the round's own work
    retired = "（已离退休）" if cadre.is_retired else ""
    posts = _posts(cadre)
    functions = {function for function, _title in posts}
    if cadre.rank in COUNTY_LEVEL and functions & FOUR_BODIES:
        return f"被反映人系非本轮巡察对象的县四大班子成员{retired}"
    for function, word in PRINCIPAL_TITLES.items():
        if any(f == function and _principal(title, word) for f, title in posts):
            name = "县法院" if function == Function.COURT else "县检察院"
            return f"被反映人系{name}主要负责同志{retired}"
    if cadre.rank in DEPUTY_SECTION_AND_ABOVE:
        if Function.DISCIPLINE_COMMISSION in functions:
            return f"被反映人系县纪委监委副科级以上领导干部{retired}"
        if Function.ORGANIZATION_DEPARTMENT in functions:
            return f"被反映人系县委组织部副科级以上领导干部{retired}"
    return ""
