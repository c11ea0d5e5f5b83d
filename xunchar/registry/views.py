from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from xunchar.access.decorators import require
from xunchar.access.policy import can_view_registries

from .models import Cadre, Unit


@require(can_view_registries)
def unit_list(request):
    units = Unit.objects.visible_to(request.user).select_related("supervising_department", "parent")
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(name__icontains=query)
    kind = request.GET.get("kind", "")
    if kind in Unit.Kind.values:
        units = units.filter(kind=kind)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "registry/unit_list.html", {"page": page, "q": query, "kind": kind, "kinds": Unit.Kind.choices})


def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("supervising_department", "parent"), pk=pk)
    cadres = Cadre.objects.visible_to(request.user).filter(unit=unit).order_by("name")
    return render(request, "registry/unit_detail.html", {"unit": unit, "cadres": cadres})


@require(can_view_registries)
def cadre_list(request):
    cadres = Cadre.objects.visible_to(request.user).select_related("unit")
    query = request.GET.get("q", "").strip()
    if query:
        cadres = cadres.filter(Q(name__icontains=query) | Q(post__icontains=query) | Q(unit__name__icontains=query))
    if request.GET.get("county_managed") == "1":
        cadres = cadres.filter(is_county_managed=True)
    page = Paginator(cadres, 50).get_page(request.GET.get("page"))
    return render(request, "registry/cadre_list.html", {"page": page, "q": query})


def cadre_detail(request, pk):
    cadre = get_object_or_404(Cadre.objects.visible_to(request.user).select_related("unit"), pk=pk)
    posts = cadre.posts.select_related("unit")
    relatives = cadre.relatives.select_related("workplace_unit")
    return render(request, "registry/cadre_detail.html", {"cadre": cadre, "posts": posts, "relatives": relatives})
