import pytest

from .records import add_group1_onsite


@pytest.fixture
def onsite(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return add_group1_onsite(county)
