def unread_notifications(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def count():
        return user.notifications.filter(read_at__isnull=True).count()

    # Evaluated only when a template asks for it, so pages that never show the header pay nothing.
    return {"unread_notification_count": count}
