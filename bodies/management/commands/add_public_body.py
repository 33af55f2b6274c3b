"""Register a public body and appoint its first administrator, as the national
administrator's page does (for scripts and the first body of an installation)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bodies.onboarding import PUBLIC_LEGAL_FORMS, public_body_register
from organisations.constants import LegalForm


class Command(BaseCommand):
    help = (
        "Register a public body and appoint its first administrator, who is sent an e-mail "
        "with a link to choose a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--organisation-number", required=True, dest="org_number")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument(
            "--legal-form",
            default=LegalForm.MUNICIPALITY,
            choices=[str(value) for value in PUBLIC_LEGAL_FORMS],
        )
        parser.add_argument("--city", default="")
        parser.add_argument(
            "--base-url",
            default="",
            help="Start of the link in the e-mail, e.g. https://iop.example.se (default: "
            "IOP_BASE_URL).",
        )

    def handle(self, *args, name, org_number, admin_email, legal_form, city, base_url, **options):
        base_url = base_url or settings.IOP_BASE_URL
        if not base_url:
            raise CommandError("Give --base-url (or set IOP_BASE_URL): the e-mail needs a link.")
        try:
            body, membership = public_body_register(
                name=name,
                org_number=org_number,
                admin_email=admin_email,
                legal_form=legal_form,
                city=city,
                registered_by=None,
                base_url=base_url,
            )
        except ValidationError as exc:
            problems = (
                [f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()]
                if hasattr(exc, "error_dict")
                else exc.messages
            )
            raise CommandError("; ".join(problems)) from None
        self.stdout.write(
            f"Registered {body.name} ({body.org_number_display}); "
            f"{membership.user.email} is its administrator and was sent a link."
        )
