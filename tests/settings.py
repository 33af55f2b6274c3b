"""The test suite runs the production settings (DEBUG off, secure cookies, CSP, HSTS), with
only what a test client speaking plain HTTP needs: a throwaway key, no redirect to HTTPS,
static files without the collected manifest, and the second factor not required (see below)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")

from iop.settings import *  # noqa: E402, F403
from iop.settings import STORAGES  # noqa: E402

# Tests sign users in with force_login (no second factor); the tests of the second factor
# turn the requirement on with override_settings (tests/accounts/test_second_factor.py).
IOP_REQUIRE_2FA = False

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
