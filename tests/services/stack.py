"""What the worker tests need: a Redis broker that answers and a PostgreSQL test database the worker
process can share. Missing either skips the test (fails it under REQUIRE_SERVICES=1)."""

from django.conf import settings
from django.db import connection

from tests.conftest import skip_or_fail


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def require_worker_stack() -> str:
    """The broker URL, once Redis and PostgreSQL are known to be there."""
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        skip_or_fail("no Redis broker configured (CELERY_BROKER_URL=redis://…)")
    if not redis_answers(broker):
        skip_or_fail(f"Redis is not reachable at {broker}")
    if connection.vendor != "postgresql":
        skip_or_fail("a worker process shares the test database only on PostgreSQL (DATABASE_URL)")
    return broker
