"""Redirects to an address the request names (`next`): only to this site, never elsewhere."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str, *, field: str = "next") -> str:
    """The request's `next` (POST first, then GET) when it points into this site, else
    `fallback`. `https://evil.example/x`, `//evil.example/x` and `javascript:` are refused."""
    target = request.POST.get(field) or request.GET.get(field) or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def redirect_to_next(request, fallback: str, *, field: str = "next"):
    return redirect(safe_next(request, fallback, field=field))
