"""Services are the only writers (issue 12, point 5): every ModelAdmin of a domain model either
shows it read-only or writes through the services (and then deletes nothing and its inlines
are read-only). The admin stays useful for reading: every list opens for a superuser."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory


def _is_domain_app(app_config) -> bool:
    """The project's own apps (not Django's contrib nor a library's)."""
    path = Path(app_config.path).resolve()
    return Path(settings.BASE_DIR).resolve() in path.parents and ".venv" not in path.parts


def _domain_admins():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if _is_domain_app(model._meta.app_config)
        ),
        key=lambda item: item[0]._meta.label,
    )


@pytest.fixture
def superuser_request(db):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    return request


def _writable(model_admin, request, *, inline=False) -> list[str]:
    found = []
    if (
        model_admin.has_add_permission(request, None)
        if inline
        else model_admin.has_add_permission(request)
    ):
        found.append("add")
    if model_admin.has_change_permission(request, None):
        found.append("change")
    if model_admin.has_delete_permission(request, None):
        found.append("delete")
    has_import = getattr(model_admin, "has_import_permission", None)
    if has_import is not None and has_import(request):
        found.append("import")
    return found


def test_there_are_domain_admins_to_walk():
    labels = {model._meta.label for model, _admin in _domain_admins()}
    assert {"partnerships.Party", "finance.Budget", "portal.AnnualAccount"} <= labels


@pytest.mark.django_db
def test_no_domain_model_is_writable_past_its_services(superuser_request):
    offenders = []
    for model, model_admin in _domain_admins():
        label = model._meta.label
        if getattr(model_admin, "writes_through_services", False):
            # Writes through the services: its own save_model, nothing deleted here.
            if type(model_admin).save_model is ModelAdmin.save_model:
                offenders.append(f"{label}: writes_through_services without its own save_model")
            if model_admin.has_delete_permission(superuser_request, None):
                offenders.append(f"{label}: delete")
        else:
            offenders += [f"{label}: {what}" for what in _writable(model_admin, superuser_request)]
        for inline in model_admin.get_inline_instances(superuser_request):
            offenders += [
                f"{label} inline {inline.model._meta.label}: {what}"
                for what in _writable(inline, superuser_request, inline=True)
            ]
    assert offenders == []


@pytest.mark.django_db
def test_every_domain_list_opens_for_reading(client, superuser_request):
    client.force_login(superuser_request.user)
    for model, model_admin in _domain_admins():
        assert model_admin.has_view_permission(superuser_request), model._meta.label
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, model._meta.label
