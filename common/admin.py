"""The admin's two ways with a domain model whose writes have rules (issue 12, point 5):
shown read-only (the services are the only writers), or written through the services."""

from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import NON_FIELD_ERRORS

from common.forms import keep_input_with_version, version_field
from common.versions import VERSION_FIELD, StaleVersion, Versioned


class ReadOnlyAdminMixin:
    """Readable in the admin; added, changed and deleted only through the services (the
    register's own pages). For ModelAdmins and inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request, *args, **kwargs):
        return False


class ThroughServicesAdminMixin:
    """Added and changed in the admin only through the services (its `save_model` calls
    them, as do its import resources); never deleted here, and its inlines are read-only."""

    writes_through_services = True

    def has_delete_permission(self, request, obj=None):
        return False


class VersionedAdminMixin:
    """The admin's change form carries a version (common.versions), as the register's own edit
    forms do (issue 12, point 7): a save over a newer one is refused at the top of the form,
    with what changed meanwhile, and what was typed is kept. `version_spec` is the service's
    own `Versioned`, so the admin and the pages cover the same fields.

    The row is locked in the form's clean(): the admin saves inside one transaction, so the
    lock holds until `save_model` has run the service, and nobody can save in between."""

    version_spec: Versioned

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The version is no model field: the model form is made without it, then given it.
        fields = (
            kwargs.pop("fields")
            if "fields" in kwargs
            else flatten_fieldsets(self.get_fieldsets(request, obj))
        )
        if fields is not None:
            fields = [name for name in fields if name != VERSION_FIELD]
        form_class = super().get_form(request, obj, change=change, fields=fields, **kwargs)
        if obj is None:
            return form_class
        spec = self.version_spec

        class ChangeForm(form_class):
            version = version_field()

            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                self.initial[VERSION_FIELD] = spec.version(self.instance)

            def clean(self):
                cleaned = super().clean()
                current = spec.model.objects.select_for_update().get(pk=self.instance.pk)
                try:
                    spec.check(cleaned.get(VERSION_FIELD) or None, current)
                except StaleVersion as exc:
                    keep_input_with_version(self, exc.current_version)
                    self.add_error(None, exc.error_dict[NON_FIELD_ERRORS])
                return cleaned

        return ChangeForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(VERSION_FIELD in options["fields"] for _n, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], VERSION_FIELD)}), *rest]
