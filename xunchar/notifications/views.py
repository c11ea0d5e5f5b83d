from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Notification
from .services import notification_mark_read, notifications_mark_all_read


def notification_list(request):
    page = Paginator(Notification.objects.filter(recipient=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification_mark_read(notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
def notification_read_all(request):
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")
