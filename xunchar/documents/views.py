from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from xunchar.core.htmx import template_for
from xunchar.files.views import content_disposition

from . import registry
from .models import GeneratedDocument
from .services import DocumentUnavailable, document_download, document_request


def _visible_document(user, pk) -> GeneratedDocument:
    return get_object_or_404(GeneratedDocument.objects.visible_to(user).select_related("requested_by"), pk=pk)


@require_POST
def document_request_view(request, kind, pk):
    """Generate a PDF of a record: rendered at once, or queued for a long document. 404 for an
    unknown kind or a record outside the user's scope."""
    document_kind = registry.document_kind(kind)
    if document_kind is None:
        raise Http404
    subject = get_object_or_404(document_kind.subjects_for(request.user), pk=pk)
    document = document_request(kind=document_kind, subject=subject, actor=request.user, request=request)
    return redirect("documents:detail", document.pk)


def document_detail(request, pk):
    """The copy's status; while it is being made, htmx polls the `status` partial every second."""
    document = _visible_document(request.user, pk)
    kind = document.document_kind
    subject = kind.subjects_for(request.user).filter(pk=document.subject_id).first() if kind else None
    context = {
        "document": document,
        "kind": kind,
        "subject": subject,
        "subject_url": subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
    }
    return render(request, template_for(request, "documents/document_detail.html", "status"), context)


def document_get(request, pk):
    """The PDF, watermarked for the reader, as an attachment the browser saves."""
    document = _visible_document(request.user, pk)
    if document.status != GeneratedDocument.Status.READY:
        return redirect("documents:detail", document.pk)
    try:
        download = document_download(document=document, reader=request.user, request=request)
    except DocumentUnavailable as failure:
        messages.error(request, failure.message)
        return redirect("documents:detail", document.pk)
    response = HttpResponse(download.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(download.filename, fallback=f"document-{document.pk}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    add_never_cache_headers(response)  # confidential: no copy in the browser's or a proxy's cache
    return response
