import pytest

from .records import add_group1_documents


@pytest.fixture
def documents(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return add_group1_documents(county)
