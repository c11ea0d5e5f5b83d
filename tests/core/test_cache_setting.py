"""CACHE_URL picks a cache every web process shares (Redis) or the process's own memory; a bad value stops start-up."""

import subprocess
import sys

import pytest

CHECK = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


def _backend(cache_url: str) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xunchar.settings", "CACHE_URL": cache_url}
    return subprocess.run([sys.executable, "-c", f"import django; django.setup(); {CHECK}"], env=env, capture_output=True, text=True)


@pytest.mark.parametrize(("cache_url", "backend"), [
    ("", "django.core.cache.backends.locmem.LocMemCache"),
    ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
])
def test_cache_url_chooses_the_backend(cache_url, backend):
    result = _backend(cache_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


def test_a_cache_url_that_is_not_redis_stops_start_up():
    result = _backend("memcached://127.0.0.1:11211")
    assert result.returncode != 0 and "CACHE_URL" in result.stderr
