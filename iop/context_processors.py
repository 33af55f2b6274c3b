from django.utils.functional import SimpleLazyObject

from bodies.selectors import body_settings
from organisations.roles import roles_for


def roles(request):
    # Pages refused before authentication (413) have no user yet.
    return {"roles": roles_for(getattr(request, "user", None))}


def _frame_body(user):
    """The public body whose name and logo the header carries: the one body a user works for
    or speaks to. A user of several bodies (or none) sees the register's own name only."""
    roles = roles_for(user)
    bodies = roles.staff_of or {body for _organisation, body in roles.representations}
    if len(bodies) != 1:
        return None
    return body_settings(next(iter(bodies)))


def frame(request):
    user = getattr(request, "user", None)
    # Lazy: pages that never render the header (files, JSON) ask nothing.
    return {"frame_body": SimpleLazyObject(lambda: _frame_body(user) or False)}
