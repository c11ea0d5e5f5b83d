"""Production shape: the deployment checklist passes, the demo flag is refused, nothing loads from outside."""

import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    drop = {"DEBUG", "XUNCHAR_DEMO", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    full_env = {k: v for k, v in os.environ.items() if k not in drop}
    # A database of its own: the developer's var/ database holds the demo accounts, which the
    # production checks rightly refuse.
    full_env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='xunchar-prod-check-')}/empty.sqlite3"
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {"DEBUG": "0", "ALLOWED_HOSTS": "xunchar.example.gov.cn"}


def test_deploy_checklist_passes_in_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_demo_flag():
    result = _manage("check", SECRET_KEY=secrets.token_urlsafe(50), XUNCHAR_DEMO="1", **PRODUCTION)
    assert result.returncode != 0
    assert "XUNCHAR_DEMO" in result.stderr


EXTERNAL = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I)


def test_no_template_or_stylesheet_loads_anything_from_outside():
    offenders = []
    for folder, patterns in ((ROOT / "templates", ("*.html",)), (ROOT / "static", ("*.css", "*.html"))):
        for pattern in patterns:
            for path in folder.rglob(pattern):
                if EXTERNAL.search(path.read_text(encoding="utf-8", errors="replace")):
                    offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


@pytest.mark.django_db
def test_pages_carry_a_nonce_csp_and_every_script_has_the_nonce(client, county):
    client.force_login(county.office)
    response = client.get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts, "the base layout loads htmx"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)


def test_htmx_is_vendored():
    assert (ROOT / "static/vendor/htmx/htmx.min.js").stat().st_size > 10_000
    assert (ROOT / "static/vendor/htmx/LICENSE").exists()
