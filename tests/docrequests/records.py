"""Group 1's requested documents for the tests and the permission matrix, made through the services:
a plain item still only requested, one signed out to member1 (the custodian), an important item
awaiting the leader's approval and a classified item requested by its registration data."""

import datetime

from groups.docrequests import services
from groups.docrequests.models import DocumentItem
from groups.docrequests.services import ItemData

MINUTES = "2024年局党组会议纪要"
ACCOUNTS = "2025年度财务账目及凭证"
CADRE_FILES = "干部选拔任用工作纪实材料"
CLASSIFIED = "关于专项资金安排的请示"
ASKED = datetime.date(2026, 10, 15)
THREE_YEARS = (datetime.date(2023, 1, 1), datetime.date(2026, 10, 14))


def seat(county, username, group=None):
    return (group or county.group1).memberships.get(cadre_id=county.users[username].cadre_id)


def item(county, title, *, inspection=None, actor="liaison1", **extra) -> DocumentItem:
    extra.setdefault("category", DocumentItem.Category.FILES)
    return services.item_create(inspection=inspection or county.inspection1, actor=county.users[actor], data=ItemData(
        title=title, period_from=THREE_YEARS[0], period_to=THREE_YEARS[1], requested_on=ASKED, **extra,
    ))


def sign_out(county, document, *, actor="member1", custodian="member1", on=datetime.date(2026, 10, 16), **extra):
    group = document.inspection.group
    return services.item_sign_out(item=document, actor=county.users[actor], signed_out_on=on, handed_over_by="财政局办公室王主任",
                                  custodian=seat(county, custodian, group), **extra)


def add_group1_documents(county):
    county.doc_requested = item(county, ACCOUNTS, category=DocumentItem.Category.ACCOUNTS, form=DocumentItem.Form.ORIGINAL)
    county.doc_out = sign_out(county, item(county, MINUTES, category=DocumentItem.Category.MINUTES, form=DocumentItem.Form.ORIGINAL))
    county.doc_important = item(county, CADRE_FILES, category=DocumentItem.Category.PERSONNEL, important=True)
    county.doc_classified = item(county, CLASSIFIED, classification=DocumentItem.Classification.SECRET, document_number="示财〔2024〕7号")
    return county
