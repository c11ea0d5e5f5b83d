from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import owners
from .forms import AttachmentForm
from .models import Attachment
from .selectors import attachment_panel
from .services import DownloadFailed, UploadRefused, attachment_download, attachment_upload


def _owner_for(user, label: str, owner_id: int):
    """The owner, if the user may see its attachments; else 404 (an unknown kind too)."""
    kind = owners.owner_kind(label)
    if kind is None:
        raise Http404
    return kind, get_object_or_404(kind.visible(user), pk=owner_id)


def attachment_list(request, model, pk):
    kind, obj = _owner_for(request.user, model, pk)
    context = {
        "owner": obj,
        "back": kind.back(obj) if kind.back else None,
        "panel": attachment_panel(request.user, obj, next_url=request.path),
    }
    return render(request, "files/attachment_list.html", context)


@require_POST
def attachment_add(request, model, pk):
    kind, obj = _owner_for(request.user, model, pk)
    if not kind.addable(request.user).filter(pk=obj.pk).exists():
        raise PermissionDenied  # sees the record (a receiver, say) but may not add to it
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment = attachment_upload(owner=obj, file=upload, actor=request.user, request=request)
        except UploadRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, f"已上传“{attachment.original_name}”。")
    else:
        messages.error(request, "请选择要上传的文件。")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("files:list", args=[model, pk])
    return redirect(next_url)


def attachment_get(request, pk):
    """The file, as an attachment that the browser saves and never renders in the page."""
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user).select_related("owner_type"), pk=pk)
    try:
        download = attachment_download(attachment=attachment, reader=request.user, request=request)
    except DownloadFailed as failure:
        messages.error(request, failure.message)
        owner_label = f"{attachment.owner_type.app_label}.{attachment.owner_type.model}"
        return redirect("files:list", owner_label, attachment.owner_id)
    response = HttpResponse(download.content, content_type=download.mime_type)
    response["Content-Disposition"] = content_disposition(download.filename, fallback=f"attachment-{attachment.pk}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    add_never_cache_headers(response)  # confidential: no copy in the browser's or a proxy's cache
    return response


def content_disposition(filename: str, *, fallback: str) -> str:
    """`attachment` with the name twice: plain ASCII for old clients, and RFC 5987 `filename*`
    (UTF-8, percent-encoded) that carries the Chinese name. Neither can break out of the header."""
    extension = "".join(char for char in filename.rpartition(".")[2][:10] if char.isascii() and char.isalnum())
    ascii_name = "".join(char for char in filename if char.isascii() and (char.isalnum() or char in "._-"))
    if not ascii_name.strip("._-") or ascii_name != filename:
        ascii_name = f"{fallback}.{extension}" if extension else fallback
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
