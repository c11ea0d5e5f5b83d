def pending_approvals(request):
    """`pending_approval_count` for the menu badge, evaluated only when a template shows it. A page
    that has counted already (the inbox) puts its own number in the context instead."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def count():
        from .selectors import pending_for

        return len(pending_for(user))

    return {"pending_approval_count": count}
