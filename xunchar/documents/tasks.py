from celery import shared_task
from django.db import OperationalError

from .services import document_render


# A database that is briefly locked or unreachable is worth another try; a document that cannot be
# rendered is not (document_render records it as FAILED and the page says why).
@shared_task(name="documents.render", autoretry_for=(OperationalError,), retry_backoff=5, max_retries=3)
def render(document_id: int) -> str:
    """Render one requested document. Takes the id, re-fetches; a row that is gone or already
    READY ends the task quietly."""
    document = document_render(document_id=document_id)
    return document.status if document is not None else "gone"
