"""System checks: uploaded files can never become static files, and the limit makes sense."""

from xunchar.files.checks import check_media_root


def test_media_apart_from_the_static_files_passes(settings):
    assert check_media_root(None) == []


def test_media_root_inside_the_static_root_is_an_error(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "static" / "media"
    assert [error.id for error in check_media_root(None)] == ["files.E001"]


def test_the_static_root_inside_media_root_is_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    assert [error.id for error in check_media_root(None)] == ["files.E001"]


def test_a_media_url_is_an_error(settings):
    settings.MEDIA_URL = "/media/"
    assert [error.id for error in check_media_root(None)] == ["files.E002"]


def test_a_limit_below_one_megabyte_is_an_error(settings):
    settings.XUNCHAR_UPLOAD_MAX_MB = 0
    assert [error.id for error in check_media_root(None)] == ["files.E003"]
