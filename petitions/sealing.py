"""A petition can be a direct-delivery item (径送件, S13.2): what the sealing mechanism needs to know."""

from xunchar.sealing.sources import SealableSource

from .models import Petition


def _content(petition: Petition) -> dict:
    from .models import PetitionContent, Petitioner

    content = PetitionContent.objects.select_related("complained_cadre__unit").get(petition=petition)
    return {
        "petition": petition,
        "content": content,
        "petitioner": None if petition.anonymous else Petitioner.objects.filter(petition=petition).first(),
        "receivers": petition.receivers.in_role_order().select_related("cadre"),
        "attachment_owner": content,  # the opening page shows its attachments panel
    }


SEALABLE_SOURCES = [
    SealableSource(
        model_label="petitions.petition",
        label="信访件",
        group=lambda petition: petition.group,
        reference=lambda petition: petition.reference,
        received_on=lambda petition: petition.received_on,
        cadre=lambda petition: petition.content.complained_cadre,
        content_template="petitions/_sealed_content.html",
        content=_content,
        related=("group", "round"),
    ),
]
