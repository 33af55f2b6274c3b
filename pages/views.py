"""Pages of the frame. They are public: the accessibility statement and the contact details
must be reachable by anyone, signed in or not, and say nothing about the register's content."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bodies.selectors import LOGO_TYPES, body_settings
from organisations.constants import Sector
from organisations.models import Organisation, Relation
from organisations.roles import roles_for
from partnerships.models import Partnership

# The roles that have a help page, in the order of the menu.
HELP_ROLES = ("administrator", "official", "representative")


def _my_roles(user) -> list[str]:
    roles = roles_for(user)
    mine = []
    if roles.is_superuser or roles.administrator_of:
        mine.append("administrator")
    if roles.official_of:
        mine.append("official")
    if roles.representative_of:
        mine.append("representative")
    return mine


def help_index(request):
    return render(
        request, "pages/help/index.html", {"roles": HELP_ROLES, "my_roles": _my_roles(request.user)}
    )


def help_role(request, role):
    if role not in HELP_ROLES:
        raise Http404
    return render(
        request,
        f"pages/help/{role}.html",
        {"role": role, "my_roles": _my_roles(request.user)},
    )


def _contact_bodies(user):
    """The public bodies a signed-in user works with: their own, or those their organisation
    has partnerships with. Nobody else's."""
    roles = roles_for(user)
    if not user.is_authenticated:
        return Organisation.objects.none()
    ids = set() if roles.is_superuser else set(roles.staff_of)
    if roles.representative_of:
        ids |= set(Partnership.objects.visible_to(user).values_list("public_body_id", flat=True))
    # A body's own contact details are its relation with itself.
    return (
        Organisation.objects.public_bodies()
        .filter(pk__in=ids)
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "relations",
                queryset=Relation.objects.filter(body_id=F("organisation_id")),
                to_attr="own_relations",
            )
        )
    )


def contact(request):
    return render(
        request,
        "pages/contact.html",
        {"bodies": _contact_bodies(request.user), "support_email": settings.IOP_SUPPORT_EMAIL},
    )


def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {
            "support_email": settings.IOP_SUPPORT_EMAIL,
            "statement_date": settings.IOP_ACCESSIBILITY_STATEMENT_DATE,
        },
    )


@require_GET
def body_logo(request, pk):
    """A public body's own logo for the page header: public, like the body's name (404 for
    an organisation that is not a public body or a body without a logo of its own)."""
    body = Organisation.objects.filter(pk=pk, sector=Sector.PUBLIC).first()
    if body is None:
        raise Http404
    name = body_settings(body).logo_name
    if not name or not default_storage.exists(name):
        raise Http404
    handle = default_storage.open(name, "rb")
    head = handle.read(4)
    handle.seek(0)
    kind = next((t for magic, t in LOGO_TYPES.items() if head.startswith(magic)), None)
    if kind is None:
        handle.close()
        raise Http404
    response = FileResponse(handle, content_type=kind)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
