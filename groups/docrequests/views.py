from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import Inspection
from xunchar.access import policy
from xunchar.access.services import access_log_export
from xunchar.core.viewutils import errors_to_form, errors_to_messages, refuse_unless
from xunchar.files.selectors import attachment_panel
from xunchar.workdays.calendar import WorkCalendar

from . import exports, rules, selectors, services
from .forms import ItemForm, NotProvidedForm, RegisterFilterForm, ReturnForm, SignOutForm
from .models import DocumentItem

PAGE_SIZE = 50


def _group(user, pk):
    group = selectors.group_for(user, pk)
    if group is None:
        raise Http404
    return group, rules.group_rights(user, group)


def _item_for(user, pk):
    item = get_object_or_404(
        DocumentItem.objects.visible_to(user).select_related(
            *selectors.ROW_RELATED, "created_by", "signed_out_recorded_by", "return_recorded_by", "not_provided_recorded_by",
        ),
        pk=pk,
    )
    return item, rules.group_rights(user, item.inspection.group)


def _inspection_for(user, pk):
    """An inspection whose list the user may see: group material (a unit contact never)."""
    return get_object_or_404(
        policy.group_material_visible_to(Inspection.objects.select_related("group__round", "unit"), user), pk=pk,
    )


# --- The group's register ------------------------------------------------------------------------------------


def register(request, pk):
    """All items of all the group's units, filtered; those still out highlighted."""
    group, rights = _group(request.user, pk)
    form = RegisterFilterForm(request.GET or None, group=group)
    rows = selectors.register(request.user, group, **form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = WorkCalendar.load()
    items = selectors.mark_flags(page.object_list, group, calendar=calendar)
    context = {
        "group": group, "rights": rights, "form": form, "page": page, "items": items,
        "counts": selectors.counts(request.user, group),
        "inspections": list(group.inspections.select_related("unit").order_by("unit__name")),
        "near_withdrawal": selectors.withdrawal_near(group, timezone.localdate(), calendar),
    }
    return render(request, "docrequests/register.html", context)


def export(request, pk):
    group, _rights = _group(request.user, pk)
    form = RegisterFilterForm(request.GET or None, group=group)
    rows = list(selectors.register(request.user, group, **form.filters()))
    content = exports.register_workbook(group, rows)
    access_log_export(request=request, model=DocumentItem, count=len(rows), what=f"{group.full_name} 调阅资料清单与签收单")
    day = timezone.localdate().isoformat()
    name = f"{group.full_name}调阅资料清单与签收单_{day}.xlsx"
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename=\"documents_{day}.xlsx\"; filename*=UTF-8''{quote(name)}"
    add_never_cache_headers(response)
    return response


# --- A unit's request list -----------------------------------------------------------------------------------


def request_list(request, pk):
    """One unit's list (调阅资料清单), with its PDF to hand over and the form to add a line."""
    inspection = _inspection_for(request.user, pk)
    group = inspection.group
    rights = rules.group_rights(request.user, group)
    rows = DocumentItem.objects.visible_to(request.user).filter(inspection=inspection).select_related(*selectors.ROW_RELATED)
    items = selectors.mark_flags(rows.order_by("number"), group)
    return render(request, "docrequests/request_list.html", {
        "group": group, "inspection": inspection, "rights": rights, "items": items,
        "form": ItemForm() if rights.keeps_list else None,
    })


def item_create(request, pk):
    inspection = _inspection_for(request.user, pk)
    group = inspection.group
    rights = rules.group_rights(request.user, group)
    refuse_unless(rights.keeps_list)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(inspection=inspection, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Added to the list as number %(number)s.") % {"number": item.number})
            return redirect(item)
    return render(request, "docrequests/item_form.html", {"group": group, "inspection": inspection, "rights": rights, "form": form})


def item_detail(request, pk):
    item, rights = _item_for(request.user, pk)
    group = item.inspection.group
    may_sign_out = rights.signs_out and item.state in (DocumentItem.State.REQUESTED, DocumentItem.State.APPROVED)
    if item.important and item.state != DocumentItem.State.APPROVED:
        may_sign_out = False
    context = {
        "group": group, "item": item, "rights": rights,
        "flag": selectors.mark_flags([item], group)[0].flag,
        "sign_out_form": SignOutForm(group=group) if may_sign_out else None,
        "return_form": ReturnForm() if rights.signs_out and item.state == DocumentItem.State.SIGNED_OUT else None,
        "not_provided_form": NotProvidedForm() if rights.keeps_list and item.state in (
            DocumentItem.State.REQUESTED, DocumentItem.State.APPROVED) else None,
        "attachments": None if item.classified else attachment_panel(request.user, item, next_url=request.path),
    }
    return render(request, "docrequests/item_detail.html", context)


def item_edit(request, pk):
    item, rights = _item_for(request.user, pk)
    refuse_unless(rights.keeps_list)
    form = ItemForm.for_item(item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, actor=request.user, data=form.data_for_service())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The item is saved."))
            return redirect(item)
    return render(request, "docrequests/item_form.html", {
        "group": item.inspection.group, "inspection": item.inspection, "item": item, "rights": rights, "form": form,
    })


def _move(request, pk, allowed, make_form, move, done):
    item, rights = _item_for(request.user, pk)
    refuse_unless(allowed(rights))
    form = make_form(request.POST, item)
    if form.is_valid():
        try:
            move(item, form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, done)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
    return redirect(item)


@require_POST
def item_sign_out(request, pk):
    return _move(request, pk, lambda rights: rights.signs_out,
                 lambda data, item: SignOutForm(data, group=item.inspection.group),
                 lambda item, data: services.item_sign_out(item=item, actor=request.user, **data), _("Signed out."))


@require_POST
def item_return(request, pk):
    return _move(request, pk, lambda rights: rights.signs_out, lambda data, item: ReturnForm(data),
                 lambda item, data: services.item_return(item=item, actor=request.user, **data), _("Returned to the unit."))


@require_POST
def item_not_provided(request, pk):
    return _move(request, pk, lambda rights: rights.keeps_list, lambda data, item: NotProvidedForm(data),
                 lambda item, data: services.item_mark_not_provided(item=item, actor=request.user, **data),
                 _("Recorded as not provided."))
