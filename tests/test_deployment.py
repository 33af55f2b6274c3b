"""Production settings: DEBUG off unless set, `check --deploy` clean, security headers, HTTPS,
and templates without inline script or style (the Content-Security-Policy forbids them)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent

# The production environment of the README's "Production settings".
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k8Jq2vN0xR5tW7yZ1aC3eG5iK7mO9qS1uW3yA5cE7gI9kM1oQ3sU5wY7",
    "DJANGO_ALLOWED_HOSTS": "iop.example.se",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://iop.example.se",
}


def run_django(*args, env: dict, code: str | None = None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "IOP_"))}
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command,
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "iop.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW_DEBUG = (
    "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
)


def test_debug_is_off_unless_the_environment_turns_it_on():
    assert run_django(env=PRODUCTION_ENV, code=SHOW_DEBUG).stdout.strip() == "False"
    on = run_django(env={"DJANGO_DEBUG": "true"}, code=SHOW_DEBUG)
    assert on.stdout.strip() == "True"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django(env={}, code=SHOW_DEBUG)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_the_production_settings():
    result = run_django("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.django_db
def test_login_page_headers(client):
    response = client.get(reverse("login"), secure=True)

    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response.url == "https://testserver/login/"
    assert client.get("/healthz").status_code == 200
    assert client.get(reverse("login"), headers={"X-Forwarded-Proto": "https"}).status_code == 200


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_session_is_http_only(client, official):
    from tests.factories import PASSWORD

    official.set_password(PASSWORD)
    official.save()
    response = client.post(
        reverse("login"), {"username": official.username, "password": PASSWORD}, secure=True
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert response.cookies["csrftoken"]["secure"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_have_no_inline_script_or_style():
    """Browser pages only: the PDF templates (templates/<app>/pdf/) go to WeasyPrint."""
    templates = [
        path
        for path in ROOT.glob("**/templates/**/*.html")
        if not {".venv", ".tools", "pdf"} & set(path.parts)
    ]
    assert len(templates) > 20
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in templates
        for pattern, what in INLINE
        if pattern.search(path.read_text())
    ]
    assert found == []
