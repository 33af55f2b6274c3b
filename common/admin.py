"""The admin's two ways with a domain model whose writes have rules (issue 12, point 5):
shown read-only (the services are the only writers), or written through the services."""


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
