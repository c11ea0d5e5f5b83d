"""The direct-delivery register (径送件登记) and the one page that opens a sealed item."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import GroupMembership
from xunchar.access import policy as access
from xunchar.access.decorators import require
from xunchar.core.viewutils import errors_to_messages
from xunchar.files.owners import owner_kind_for
from xunchar.files.selectors import attachment_panel

from . import policy, services
from .forms import DeclineForm, ProposeDirectDeliveryForm, ReaderForm, ReportForm
from .models import DirectDelivery
from .sources import SOURCES

State = DirectDelivery.State


def _has_register(user) -> bool:
    return access.sees_all_working_material(user) or access.member_group_ids(user).exists()


def _delivery_for(user, pk) -> DirectDelivery:
    return get_object_or_404(
        DirectDelivery.objects.visible_to(user).select_related(
            "group__round", "round", "source_type", "proposed_by", "reported_by", "registrar", "delivered_by", "declined_by"
        ),
        pk=pk,
    )



def _source_of(delivery):
    source = SOURCES[f"{delivery.source_type.app_label}.{delivery.source_type.model}"]
    return source, delivery.source


@require(_has_register)
def index(request):
    # The records each row points to, fetched per kind in one query each (not one per row).
    records = GenericPrefetch("source", [source.model.objects.select_related(*source.related) for source in SOURCES.values()])
    rows = list(
        DirectDelivery.objects.visible_to(request.user)
        .select_related("group__round", "round", "source_type", "registrar").prefetch_related(records)
    )
    for row in rows:
        source, record = _source_of(row)
        row.source_label, row.source_reference, row.received_on = source.label, source.reference(record), source.received_on(record)
    return render(request, "sealing/index.html", {"rows": rows})


def detail(request, pk):
    delivery = _delivery_for(request.user, pk)
    user = request.user
    source, record = _source_of(delivery)
    is_leader = access.group_role(user, delivery.group) == GroupMembership.RoundRole.LEADER
    may_open = policy.may_open(user, delivery)
    report = delivery.report if may_open else None
    report_form = None
    if is_leader and may_open and delivery.state in (State.PROPOSED, State.REPORTED):
        initial = {"person": report.person, "points": report.points, "opinion": report.leader_opinion, "registrar": delivery.registrar_id}
        report_form = ReportForm(initial=initial, group=delivery.group, leader=user)
    context = {
        "delivery": delivery, "source": source, "record": record, "source_reference": source.reference(record),
        "received_on": source.received_on(record), "may_open": may_open, "report": report, "report_form": report_form,
        "decline_form": DeclineForm() if is_leader and delivery.state == State.PROPOSED else None,
        "may_register": delivery.registrar_id == user.pk and delivery.state == State.REPORTED,
        "may_deliver": user.is_office and delivery.state == State.SEALED,
        "is_head": policy.is_head(user),
    }
    if context["is_head"]:
        context["readers"] = delivery.readers.select_related("user", "named_by")
        context["openings"] = delivery.openings.select_related("user")
        context["reader_form"] = ReaderForm()
    return render(request, "sealing/detail.html", context)


@require_POST
def open_item(request, pk):
    """Open a sealed item: its readers only, every opening recorded. POST, so that no link preview or
    prefetch opens it."""
    delivery = _delivery_for(request.user, pk)
    if not policy.may_open(request.user, delivery):
        raise PermissionDenied
    services.delivery_open(delivery=delivery, actor=request.user, request=request)
    source, record = _source_of(delivery)
    content = source.content(record)
    owner = content.pop("attachment_owner", None)
    panel = None
    if owner is not None and owner_kind_for(owner) is not None:
        panel = replace(attachment_panel(request.user, owner), can_upload=False)
    context = {
        "delivery": delivery, "source": source, "record": record, "source_reference": source.reference(record),
        "report": delivery.report, "content_template": source.content_template, "panel": panel, **content,
    }
    response = render(request, "sealing/open.html", context)
    add_never_cache_headers(response)
    return response


@require_POST
def propose(request, label, pk):
    source = SOURCES.get(label)
    if source is None:
        raise Http404
    record = get_object_or_404(source.model.objects.visible_to(request.user), pk=pk)
    if not access.is_group_member(request.user, source.group(record)):
        raise PermissionDenied
    form = ProposeDirectDeliveryForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say why the item is a direct-delivery item (whom it concerns)."))
        delivery = services.delivery_propose(record=record, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect(record.get_absolute_url())
    messages.success(request, _("Sent to the group leader as a direct-delivery item; the group no longer reads it."))
    return redirect(delivery.get_absolute_url() if access.group_role(request.user, delivery.group) == "leader" else record.get_absolute_url())


def _move(request, pk, move, success):
    delivery = _delivery_for(request.user, pk)
    try:
        move(delivery)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, success)
    return redirect(delivery)


@require_POST
def decline(request, pk):
    reason = request.POST.get("reason", "")
    return _move(request, pk, lambda d: services.delivery_decline(delivery=d, actor=request.user, reason=reason),
                 _("Not a direct-delivery item: it is back with the group."))


@require_POST
def report(request, pk):
    delivery = _delivery_for(request.user, pk)
    form = ReportForm(request.POST, group=delivery.group, leader=request.user)
    registrar = form.fields["registrar"].queryset.filter(pk=request.POST.get("registrar") or 0).first()
    return _move(request, pk, lambda d: services.delivery_report(
        delivery=d, actor=request.user, person=request.POST.get("person", ""), points=request.POST.get("points", ""),
        opinion=request.POST.get("opinion", ""), registrar=registrar,
    ), _("The report form is saved; the registrar is told."))


@require_POST
def register(request, pk):
    return _move(request, pk, lambda d: services.delivery_register(delivery=d, actor=request.user),
                 _("Registered and sealed."))


@require_POST
def deliver(request, pk):
    return _move(request, pk, lambda d: services.delivery_deliver(delivery=d, actor=request.user),
                 _("Recorded as delivered to the leading group."))


@require_POST
def add_reader(request, pk):
    if not policy.is_head(request.user):
        _delivery_for(request.user, pk)  # out of scope is 404, in scope 403
        raise PermissionDenied
    form = ReaderForm(request.POST)
    reader = form.cleaned_data["reader"] if form.is_valid() else None

    def move(delivery):
        if reader is None:
            raise ValidationError(_("Name a member of the leading group or the office director."))
        services.delivery_name_reader(delivery=delivery, actor=request.user, reader=reader)

    return _move(request, pk, move, _("The reader may now open this item."))


@require_POST
def remove_reader(request, pk, user_pk):
    reader = get_object_or_404(get_user_model(), pk=user_pk)
    return _move(request, pk, lambda d: services.delivery_remove_reader(delivery=d, actor=request.user, reader=reader),
                 _("The reader may no longer open this item."))
