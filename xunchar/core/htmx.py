"""One rule for htmx: a request from htmx that names a target gets the page's named partial."""


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def template_for(request, template_name: str, partial: str) -> str:
    return f"{template_name}#{partial}" if is_htmx(request) else template_name
