"""One rule for htmx: a request from htmx gets the page's named partial, everything else the page."""

import pytest
from django.urls import reverse

from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db


def test_a_live_search_gets_only_the_results(client, county):
    CadreFactory(name="欧阳明远", post="局长")
    client.force_login(county.office)
    response = client.get(reverse("registry:cadre_list"), {"q": "欧阳"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="results">')
    assert "欧阳明远" in body
    assert county.member1.cadre.name not in body


def test_a_history_restore_gets_the_whole_page(client, county):
    client.force_login(county.office)
    response = client.get(
        reverse("registry:unit_list"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_the_partial_is_refused_like_the_page(client, county):
    client.force_login(county.member1)
    response = client.get(reverse("registry:cadre_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
