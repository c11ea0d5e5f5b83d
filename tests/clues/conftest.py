import pytest

from .records import add_group1_inquiries


@pytest.fixture
def inquiries(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return add_group1_inquiries(county)
