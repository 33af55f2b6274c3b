"""The JSON API under /api/: the schema at /api/openapi.json, the browsable documentation at
/api/docs (Swagger UI from the installed django-ninja package, no CDN)."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .auth import TokenAuth
from .endpoints import router

api = NinjaAPI(
    title="IOP-registret API",
    version="1",
    description=(
        "Read the partnerships, organisations, budgets, payments and documents of the public "
        "body that owns the token; report payments as paid. Authenticate with "
        "`Authorization: Bearer <token>`; an administrator of the body creates tokens on "
        "the page API-nycklar."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
)
api.add_router("/", router)


def _field(loc) -> str:
    # ("body", "payload", "paid_on") → "paid_on"; ("query", "page") → "page".
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or NON_FIELD_ERRORS


def _message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Enter a valid date.")
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return _("Enter a whole number.")
    if kind == "enum" or kind == "literal_error":
        return _("Select a valid choice. That choice is not one of the available choices.")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _("Ensure this value is within the allowed range.")
    if kind == "string_too_long":
        return _("Ensure this value has at most %(limit_value)d characters.") % {
            "limit_value": (error.get("ctx") or {}).get("max_length", 0)
        }
    return _("Enter a valid value.")


@api.exception_handler(NinjaValidationError)
def malformed(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field(error.get("loc", ())), []).append(_message(error))
    return api.create_response(
        request, {"detail": _("The request has errors."), "errors": errors}, status=400
    )


@api.exception_handler(DjangoValidationError)
def refused(request, exc):
    if hasattr(exc, "error_dict"):
        errors = {field: list(messages) for field, messages in exc.message_dict.items()}
    else:
        errors = {NON_FIELD_ERRORS: list(exc.messages)}
    return api.create_response(
        request, {"detail": _("The request has errors."), "errors": errors}, status=400
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(
        request, {"detail": _("Unknown or revoked API token.")}, status=401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
