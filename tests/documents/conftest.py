import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Generated PDFs of each test go to a folder of its own, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.XUNCHAR_FONT_DIR = ""
    return settings.MEDIA_ROOT
