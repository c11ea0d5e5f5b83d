"""The standard 民主测评表 the one-click template makes, and the default rating scale."""

DEFAULT_SCALE = (("好", True), ("较好", True), ("一般", False), ("差", False))
DEFAULT_RESPONDENT_GROUPS = ["县管干部", "中层干部", "一般干部", "退休干部", "服务对象"]

EVALUATION_TITLE = "对{unit}领导班子及其成员的民主测评表"
EVALUATION_INSTRUCTIONS = (
    "根据县委巡察工作安排，县委巡察组对{unit}开展巡察。为全面了解情况，请您实事求是地对以下事项作出评价。"
    "测评采取无记名方式，请在相应选项中选择一项；意见建议可另行填写。"
)
EVALUATION_ITEMS = (
    "领导班子总体评价",
    "贯彻落实党的路线方针政策和党中央、上级党委重大决策部署",
    "落实全面从严治党主体责任",
    "落实意识形态工作责任制",
    "选人用人工作",
    "作风建设（落实中央八项规定精神）",
    "基层党组织建设",
    "廉洁自律情况",
    "上轮巡察及审计等监督发现问题整改落实情况",
)
EVALUATION_FREE_TEXT = "您对该单位领导班子及其成员的意见和建议"
