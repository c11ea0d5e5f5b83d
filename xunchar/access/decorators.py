from functools import wraps

from django.core.exceptions import PermissionDenied


def require(predicate):
    """Refuse a view with 403 unless `predicate(user)` holds — for whole pages, not single records
    (a single record out of scope is a 404 from its `visible_to` queryset)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
