"""Group 1's working papers for the tests and the permission matrix: made through the services."""

from groups.workpapers import services
from groups.workpapers.models import WorkingPaper
from groups.workpapers.services import PaperData

SECRET_FACTS = "经查，2025年该局以加班补助名义向机关干部违规发放津补贴共计12.6万元。"
TITLE = "违规发放津补贴问题"


def paper_data(county, **extra) -> PaperData:
    values = {
        "title": TITLE, "summary": "财政局以加班补助名义违规发放津补贴。", "investigation": "调阅2025年财务凭证，约谈财务股长。",
        "facts": SECRET_FACTS, "evidence": "2025年第12号记账凭证复印件\n财务股长谈话笔录", "other_sources": "2025年财务账簿",
        "inspection": county.inspection1,
    }
    values.update(extra)
    return PaperData(**values)


def write(county, *, actor="member1", **extra) -> WorkingPaper:
    return services.working_paper_create(group=county.group1, actor=county.users[actor], data=paper_data(county, **extra))


def submitted(county, **extra) -> WorkingPaper:
    paper = write(county, **extra)
    services.working_paper_submit(paper=paper, actor=paper.author)
    return paper


def checked(county, **extra) -> WorkingPaper:
    paper = submitted(county, **extra)
    services.working_paper_check(paper=paper, actor=county.deputy1)
    return paper


def signed(county, **extra) -> WorkingPaper:
    paper = checked(county, **extra)
    services.working_paper_sign(paper=paper, actor=county.leader1, opinion="同意。")
    return paper


def add_group1_working_papers(county):
    """A draft by member1 and a signed paper by member1, for the permission matrix."""
    county.paper_draft = write(county)
    county.paper_signed = signed(county, title="工程项目未招标问题")
    return county
