"""Browser tests: Playwright driving the system's Chromium against pytest-django's live server.

`playwright install` is not used (no network): the browser is Debian's `chromium` package at
/usr/bin/chromium (override with IOP_CHROMIUM). `make test` installs it when it can; without it
these tests skip, unless IOP_REQUIRE_BROWSER=1 (set by CI), which makes them fail instead.

Fixtures for journey tests:
- `page` (pytest-playwright) opens pages relative to the live server: `page.goto("/partnerships/")`.
- `log_in(user)` logs a user in through the login form (password `factories.PASSWORD`).
- `log_in_fast(user)` puts a session cookie in the browser without visiting the form.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told that this is safe (it is: the loop is Playwright's).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("IOP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _browser_required() -> bool:
    return os.environ.get("IOP_REQUIRE_BROWSER", "").lower() in ("1", "true", "yes")


def _check_chromium() -> None:
    if CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK):
        return
    message = (
        f"Browser tests need Chromium at {CHROMIUM}: install Debian's package "
        "(apt-get install chromium) or set IOP_CHROMIUM to the executable."
    )
    if _browser_required():
        pytest.fail(f"IOP_REQUIRE_BROWSER=1 and no browser. {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _require_chromium():
    _check_chromium()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    _check_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in `page.goto()` go to pytest-django's live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Swedish is the default language; say so to the browser too.
    return {**browser_context_args, "locale": "sv-SE", "timezone_id": "Europe/Stockholm"}


def _persist_password(user) -> None:
    """UserFactory sets the password on the object after saving it (skip_postgeneration_save):
    store that hash, so the user can log in with factories.PASSWORD."""
    type(user).objects.filter(pk=user.pk).update(password=user.password)


@pytest.fixture
def log_in(page, live_server):
    """Log a user in through the login form, as a person would."""
    from tests.factories import PASSWORD

    def _log_in(user, password: str = PASSWORD):
        _persist_password(user)
        page.goto("/login/")
        page.get_by_label("Användarnamn").fill(user.get_username())
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()
        return page

    return _log_in


@pytest.fixture
def log_in_fast(page, live_server):
    """Give the browser a logged-in session without the login form (for journeys that are
    not about logging in)."""
    from django.conf import settings
    from django.test import Client

    def _log_in_fast(user):
        _persist_password(user)  # the session is bound to the stored password hash
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return _log_in_fast
