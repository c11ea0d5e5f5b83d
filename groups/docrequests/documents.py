"""The PDF of an inspection's 调阅资料清单 (see xunchar/documents/registry.py). The subject is the
inspection (group × unit); printing it is group material — never the unit contact's, who receives
the list on paper."""

from xunchar.access import policy
from xunchar.documents.registry import DocumentKind

from .papers import REQUEST_LIST, request_list_paper

DOCUMENT_KINDS = [
    DocumentKind(
        code="docrequests.request_list", label=REQUEST_LIST, model_label="groups.inspection",
        visible=lambda queryset, user: policy.group_material_visible_to(queryset, user),
        build=request_list_paper, related=("group__round", "unit"),
        filename=lambda inspection: f"{REQUEST_LIST}-{inspection.group.round}{inspection.group}-{inspection.unit}",
    ),
]
