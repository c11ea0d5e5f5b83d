import pytest

from .records import add_group1_petitions


@pytest.fixture
def ledger(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return add_group1_petitions(county)
