from ninja.security import HttpBearer

from .services import principal_for, token_for


class TokenAuth(HttpBearer):
    """`Authorization: Bearer iop_…`. An unknown or revoked token is a 401."""

    def authenticate(self, request, token):
        found = token_for(token)
        if found is None:
            return None
        # Views and services ask `request.user`: the token's principal, never a session.
        request.user = principal_for(found)
        return found
