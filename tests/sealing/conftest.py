import pytest


@pytest.fixture
def county_media(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return county
