from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, noting on the request that the attempt was refused
    because of a lockout already in force (the sign-in log then records a lockout, not a
    wrong password: the password was never checked)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        # Every sign-in page passes its request; a check from code without one (the test
        # client's login()) has no address to count and is not a sign-in from outside.
        if request is None:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.iop_refused_while_locked = True
            raise
