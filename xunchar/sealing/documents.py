"""The PDF of the 巡察径送件呈报单: printed for the leader to sign and seal into the envelope, and
opened afterwards by the head. Only whoever may open the item may print it."""

from django.utils import timezone

from xunchar.documents.registry import DocumentKind
from xunchar.workdays.calendar import chinese_date

from . import policy
from .models import DirectDelivery
from .sources import source_for


def _readable(queryset, user):
    readable = policy.deliveries_visible_to(queryset, user).filter(pk__in=policy.readable_deliveries(user).values("pk"))
    return readable.exclude(state=DirectDelivery.State.PROPOSED)


def _report_paper(delivery: DirectDelivery) -> tuple[str, dict]:
    record = delivery.source
    source = source_for(record)
    report = delivery.report
    return "sealing/papers/report.html", {
        "title": "巡察径送件呈报单",
        "number": f"编号：{delivery.reference}",
        "group": f"{delivery.round}{delivery.group}",
        "kind": f"{source.label}（{source.reference(record)}）",
        "received_on": chinese_date(source.received_on(record)),
        "person": report.person,
        "reason": report.reason,
        "points": report.points,
        "opinion": report.leader_opinion,
        "leader": delivery.reported_by.display_name if delivery.reported_by_id else "",
        "reported_on": chinese_date(timezone.localdate(delivery.reported_at)) if delivery.reported_at else "",
        "registrar": delivery.registrar.display_name if delivery.registrar_id else "",
        "registered_on": chinese_date(timezone.localdate(delivery.registered_at)) if delivery.registered_at else "",
    }


DOCUMENT_KINDS = [
    DocumentKind(code="sealing.report", label="巡察径送件呈报单", model_label="sealing.directdelivery", visible=_readable,
                 build=_report_paper, related=("group__round", "round", "report", "reported_by", "registrar"),
                 filename=lambda d: f"巡察径送件呈报单-{d.reference}"),
]
