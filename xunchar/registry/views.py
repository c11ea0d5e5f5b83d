from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from xunchar.access.decorators import require
from xunchar.access.policy import can_manage_registries, can_view_registries
from xunchar.access.services import access_log_export, access_log_record
from xunchar.core.htmx import template_for

from . import exports, services
from .excel import GENDER_LABELS_ZH, KIND_LABELS_ZH, NO, RANK_LABELS_ZH, YES, CadreColumn, UnitColumn
from .forms import ImportForm
from .models import Cadre, Unit
from .selectors import cadres_for_list, units_for_list


def _unit_filters(request) -> dict:
    return {"query": request.GET.get("q", "").strip(), "kind": request.GET.get("kind", "")}


def _cadre_filters(request) -> dict:
    return {"query": request.GET.get("q", "").strip(), "county_managed_only": request.GET.get("county_managed") == "1"}


@require(can_view_registries)
def unit_list(request):
    filters = _unit_filters(request)
    page = Paginator(units_for_list(request.user, **filters), 50).get_page(request.GET.get("page"))
    export_query = urlencode({key: request.GET[key] for key in ("q", "kind") if request.GET.get(key)})
    context = {
        "page": page,
        "q": filters["query"],
        "kind": filters["kind"],
        "kinds": Unit.Kind.choices,
        "export_query": export_query,
        "can_import": can_manage_registries(request.user),
    }
    return render(request, template_for(request, "registry/unit_list.html", "results"), context)


def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("supervising_department", "parent"), pk=pk)
    cadres = Cadre.objects.visible_to(request.user).filter(unit=unit).order_by("name")
    return render(request, "registry/unit_detail.html", {"unit": unit, "cadres": cadres})


@require(can_view_registries)
def cadre_list(request):
    filters = _cadre_filters(request)
    page = Paginator(cadres_for_list(request.user, **filters), 50).get_page(request.GET.get("page"))
    export_query = urlencode({key: request.GET[key] for key in ("q", "county_managed") if request.GET.get(key)})
    context = {
        "page": page,
        "q": filters["query"],
        "export_query": export_query,
        "can_import": can_manage_registries(request.user),
    }
    return render(request, template_for(request, "registry/cadre_list.html", "results"), context)


def cadre_detail(request, pk):
    cadre = get_object_or_404(Cadre.objects.visible_to(request.user).select_related("unit"), pk=pk)
    access_log_record(request=request, obj=cadre)  # personnel record with relatives: confidential
    posts = cadre.posts.select_related("unit")
    relatives = cadre.relatives.select_related("workplace_unit")
    return render(request, "registry/cadre_detail.html", {"cadre": cadre, "posts": posts, "relatives": relatives})


@require(can_view_registries)
def unit_export(request):
    """The units on the list as filtered, or with ?empty=1 only the header row (a blank template)."""
    if request.GET.get("empty") == "1":
        workbook = exports.units_workbook(Unit.objects.none())
        return _xlsx_response(workbook, name="单位名录导入模板", ascii_name="units-template")
    workbook = exports.units_workbook(units_for_list(request.user, **_unit_filters(request)))
    return _xlsx_response(workbook, name="单位名录", ascii_name="units")


@require(can_view_registries)
def cadre_export(request):
    """The cadres on the list as filtered, with their posts and relatives; ?empty=1 for a blank template."""
    if request.GET.get("empty") == "1":
        workbook = exports.cadres_workbook(Cadre.objects.none())
        return _xlsx_response(workbook, name="干部名册导入模板", ascii_name="cadres-template")
    cadres = cadres_for_list(request.user, **_cadre_filters(request))
    workbook = exports.cadres_workbook(cadres)
    access_log_export(request=request, model=Cadre, count=cadres.count(), what=request.GET.urlencode())
    return _xlsx_response(workbook, name="干部名册", ascii_name="cadres")


def _xlsx_response(workbook, *, name: str, ascii_name: str) -> HttpResponse:
    day = timezone.localdate().isoformat()
    response = HttpResponse(exports.workbook_bytes(workbook), content_type=exports.XLSX_CONTENT_TYPE)
    # filename* (RFC 5987) carries the Chinese name; filename is the fallback for older clients.
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}_{day}.xlsx\"; filename*=UTF-8''{quote(f'{name}_{day}.xlsx')}"
    )
    add_never_cache_headers(response)  # personnel data: no copies in shared caches
    return response


@require(can_manage_registries)
def unit_import(request):
    return _import_page(
        request,
        register="units",
        service=services.import_units,
        columns=UnitColumn.ALL,
        choices=[(UnitColumn.KIND, list(KIND_LABELS_ZH.values()))],
        done_url="registry:unit_list",
    )


@require(can_manage_registries)
def cadre_import(request):
    return _import_page(
        request,
        register="cadres",
        service=services.import_cadres,
        columns=CadreColumn.ALL,
        choices=[
            (CadreColumn.GENDER, list(GENDER_LABELS_ZH.values())),
            (CadreColumn.RANK, list(RANK_LABELS_ZH.values())),
            (CadreColumn.COUNTY_MANAGED, [YES, NO]),
            (CadreColumn.RETIRED, [YES, NO]),
        ],
        done_url="registry:cadre_list",
    )


def _import_page(request, *, register, service, columns, choices, done_url):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    rejected = None
    if form.is_bound and form.is_valid():
        try:
            result = service(file=form.cleaned_data["file"], actor=request.user)
        except services.ImportRejected as error:
            rejected = error
        else:
            messages.success(request, result.summary)
            return redirect(done_url)
    context = {
        "register": register,
        "form": form,
        "rejected": rejected,
        "columns": columns,
        "choices": choices,
        "max_megabytes": services.MAX_UPLOAD_BYTES // 1024 // 1024,
        "max_rows": services.MAX_DATA_ROWS,
    }
    return render(request, "registry/import.html", context)
