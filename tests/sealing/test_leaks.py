"""A sealed item's content, the person it names and the reason reach nobody but the head and the head's
nominees — not the office that carries it, not the group's own people or leader, not the superuser — in
any page, list, count, search, export, PDF, history or approval; and the head reads it only on the
opening page, which records every opening."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from petitions import services as petition_services
from petitions.models import Petition, PetitionContent, Petitioner
from petitions.selectors import groups_with_petitions
from tests.files.samples import make_pdf, upload
from tests.petitions.records import SECRET_PETITIONER, register
from xunchar.approvals.models import ApprovalRequest
from xunchar.files.models import Attachment
from xunchar.files.services import attachment_upload
from xunchar.sealing import services
from xunchar.sealing.models import DirectDeliveryOpening, DirectDeliveryReport
from xunchar.sealing.services import delivery_of

from .records import SECRETS

pytestmark = pytest.mark.django_db
NOT_READERS = ("superuser", "office", "director", "deputy", "leader1", "deputy1", "liaison1", "member1", "member2", "liaison2", "jiwei", "unit1")


@pytest.fixture
def world(county_media):
    """An item first sent to the leader as important, then found to be about a commission cadre and
    routed by hand, sealed and delivered; with an attachment."""
    county = county_media
    from .records import SEALED_SUMMARY, SEALED_TEXT, reported

    petition = register(county, summary=SEALED_SUMMARY, full_text=SEALED_TEXT, complained_about="县纪委监委柯振邦")
    petition_services.petition_mark_important(petition=petition, actor=county.liaison1, proposal="收受礼金问题，建议报组长。")
    attachment_upload(owner=petition.content, actor=county.liaison1,
                      file=upload("来信扫描件.pdf", make_pdf("letter scan"), "application/pdf"))
    services.delivery_propose(record=petition, actor=county.liaison1, reason="被反映人系县纪委监委副科级以上领导干部柯振邦")
    petition, delivery = reported(county, petition)
    services.delivery_register(delivery=delivery, actor=county.liaison1)
    services.delivery_deliver(delivery=delivery, actor=county.office)
    county.sealed_petition, county.delivery = petition, delivery_of(petition)
    county.other = register(county, summary="反映财政局食堂超标准接待")  # an ordinary item beside it
    # The Django superuser flag, on an office account: it opens nothing more.
    superuser = county.users["office"].__class__.objects.create_user(username="superuser", password="x", is_superuser=True, is_staff=True)
    _grant_office(superuser)
    county.users["superuser"] = superuser
    return county


def _grant_office(user):
    from xunchar.accounts.models import RoleGrant
    from xunchar.accounts.roles import Role

    RoleGrant.objects.create(user=user, role=Role.OFFICE_STAFF)


def _urls(c):
    p, d, g = c.sealed_petition, c.delivery, c.group1
    request = ApprovalRequest.objects.get(chain="petitions.important", subject_id=p.pk)
    attachment = Attachment.objects.of(p.content).first()
    urls = [
        ("get", reverse("petitions:ledger", args=[g.pk])),
        ("get", reverse("petitions:ledger", args=[g.pk]) + "?q=礼金"),
        ("get", reverse("petitions:ledger", args=[g.pk]) + "?channel=letter"),
        ("get", reverse("petitions:ledger", args=[g.pk]) + "?state=important"),
        ("get", reverse("petitions:index")),
        ("get", reverse("petitions:detail", args=[p.pk])),
        ("get", reverse("core:history", args=["petitions.petition", p.pk])),
        ("get", reverse("approvals:detail", args=[request.pk])),
        ("get", reverse("approvals:compare", args=[request.pk])),
        ("get", reverse("approvals:inbox")),
        ("post", reverse("documents:request", args=["petitions.important", p.pk])),
        ("post", reverse("documents:request", args=["sealing.report", d.pk])),
        ("get", reverse("files:list", args=["petitions.petitioncontent", p.content.pk])),
        ("post", reverse("files:add", args=["petitions.petitioncontent", p.content.pk])),
        ("get", reverse("sealing:index")),
        ("get", reverse("sealing:detail", args=[d.pk])),
        ("post", reverse("sealing:open", args=[d.pk])),
        ("get", reverse("core:home")),
        ("get", reverse("notifications:list")),
        ("get", reverse("files:download", args=[attachment.pk])),
    ]
    return urls


def _export_text(client, group):
    response = client.get(reverse("petitions:export", args=[group.pk]))
    if response.status_code != 200:
        return ""
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)


@pytest.mark.parametrize("persona", NOT_READERS)
def test_nobody_else_reads_a_sealed_item_anywhere(client, world, persona):
    user = world.users[persona]
    client.force_login(user)
    leaks = []
    for method, url in _urls(world):
        response = getattr(client, method)(url, follow=method == "post")
        body = response.content.decode(errors="replace")
        leaks += [f"{method} {url} shows {secret!r}" for secret in (*SECRETS, "柯振邦") if secret in body]
        if "sealing/" in url and url.endswith("/open/") and response.status_code == 200 and "sealed-report" in body:
            leaks.append(f"{url} opened")
    text = _export_text(client, world.group1)
    leaks += [f"export shows {secret!r}" for secret in SECRETS if secret in text]
    assert not leaks, leaks
    assert not PetitionContent.objects.visible_to(user).filter(petition=world.sealed_petition).exists()
    assert not Petitioner.objects.visible_to(user).filter(petition=world.sealed_petition).exists()
    assert not DirectDeliveryReport.objects.visible_to(user).exists()
    assert not DirectDeliveryOpening.objects.exists()


def test_the_ledger_shows_number_date_and_routing_only(client, world):
    client.force_login(world.liaison1)
    body = client.get(reverse("petitions:ledger", args=[world.group1.pk])).content.decode()
    assert world.sealed_petition.reference in body and "径送件" in body
    assert "反映财政局食堂超标准接待" in body  # the ordinary item is unaffected
    # A search for what the sealed item says finds nothing, for its readers too.
    client.force_login(world.secretary)
    response = client.get(reverse("petitions:ledger", args=[world.group1.pk]) + "?q=礼金")
    assert response.context["page"].paginator.count == 0
    text = _export_text(client, world.group1)
    assert world.sealed_petition.reference in text and "径送件（已密封）" in text and "礼金" not in text


def test_counts_do_not_count_a_sealed_item_as_important(world):
    group = groups_with_petitions(world.office).get(pk=world.group1.pk)
    assert group.petition_count == 2 and group.important_count == 0


def test_the_routed_important_request_leaves_the_inbox(world):
    world.sealed_petition.refresh_from_db()
    assert world.sealed_petition.state == Petition.State.IMPORTANT
    from xunchar.approvals.selectors import pending_for

    assert not list(pending_for(world.leader1))


def test_the_head_opens_it_and_the_opening_is_recorded(client, world):
    client.force_login(world.secretary)
    detail = client.get(reverse("sealing:detail", args=[world.delivery.pk])).content.decode()
    assert "礼金" not in detail and 'data-testid="open-sealed"' in detail
    response = client.post(reverse("sealing:open", args=[world.delivery.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for secret in SECRETS:
        assert secret in body
    assert SECRET_PETITIONER in body  # the head reads the petitioner too
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    opening = DirectDeliveryOpening.objects.get()
    assert opening.user == world.secretary
    shown = client.get(reverse("sealing:detail", args=[world.delivery.pk])).content.decode()
    assert 'data-testid="openings"' in shown and world.secretary.display_name in shown


def test_the_report_form_prints_for_the_head(world):
    from tests.documents.helpers import compact, pdf_text
    from xunchar.documents.registry import document_kind
    from xunchar.documents.rendering import render_pdf
    from xunchar.sealing.documents import DOCUMENT_KINDS  # noqa: F401

    kind = document_kind("sealing.report")
    assert list(kind.subjects_for(world.secretary)) == [world.delivery]
    assert not kind.subjects_for(world.leader1).exists() and not kind.subjects_for(world.office).exists()
    template, context = kind.build(world.delivery)
    text = compact(pdf_text(render_pdf(template, context)))
    for phrase in ("巡察径送件呈报单", "柯振邦", "一组径〔2026〕1号", "收受礼金问题", "按径送件密封报送。", world.leader1.display_name):
        assert compact(phrase) in text, phrase


def test_a_nominee_opens_it_and_the_head_sees_it(client, world):
    services.delivery_name_reader(delivery=world.delivery, actor=world.secretary, reader=world.deputy)
    client.force_login(world.deputy)
    body = client.post(reverse("sealing:open", args=[world.delivery.pk])).content.decode()
    assert "收受礼金" in body
    assert DirectDeliveryOpening.objects.get().user == world.deputy


def test_nobody_adds_to_a_sealed_item(client, world):
    client.force_login(world.liaison1)
    response = client.post(reverse("files:add", args=["petitions.petitioncontent", world.sealed_petition.content.pk]),
                           {"file": upload("补充材料.pdf", make_pdf("more"), "application/pdf")})
    assert response.status_code == 404
    assert Attachment.objects.of(world.sealed_petition.content).count() == 1
