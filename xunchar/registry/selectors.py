"""The register lists as the user filtered them; the list pages and the Excel export share them so that
"export" gives exactly the rows on screen (all pages)."""

from django.db.models import Q

from .models import Cadre, Unit


def units_for_list(user, *, query: str = "", kind: str = ""):
    units = Unit.objects.visible_to(user).select_related("supervising_department", "parent")
    if query:
        units = units.filter(name__icontains=query)
    if kind in Unit.Kind.values:
        units = units.filter(kind=kind)
    return units


def cadres_for_list(user, *, query: str = "", county_managed_only: bool = False):
    cadres = Cadre.objects.visible_to(user).select_related("unit")
    if query:
        cadres = cadres.filter(Q(name__icontains=query) | Q(post__icontains=query) | Q(unit__name__icontains=query))
    if county_managed_only:
        cadres = cadres.filter(is_county_managed=True)
    return cadres
