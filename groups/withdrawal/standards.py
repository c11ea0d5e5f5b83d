"""The fixed texts of the withdrawal (S28)."""

# 零持有报告: what each member signs, filled with the round and the group.
ZERO_HOLDING_STATEMENT = (
    "本人在参加{round}{group}巡察工作期间所接触、知悉和保管的巡察工作资料（包括纸质材料、电子文档、"
    "录音录像、工作笔记、涉密计算机和存储介质等），已全部按规定移交、清退或销毁。本人未以任何形式"
    "留存、复制、摘抄或私自带离巡察工作资料，未在个人计算机、手机和其他存储介质中保存巡察工作信息，"
    "未向无关人员泄露巡察工作秘密。如有违反，本人愿意承担相应责任。"
)


def zero_holding_statement(group) -> str:
    return ZERO_HOLDING_STATEMENT.format(round=group.round, group=group)
