"""Load the three seeded partnerships, their organisations and demo users.

By default the partnerships are moved by whole years so that they stand today where their
status says (demo/timeline.py); `--as-in-seeds` keeps the seeds' own dates.

Idempotent: organisations are keyed by organisation number (Bris, which has none, by name),
partnerships by public body + registry number, users by username. Running it again updates
what it owns and creates nothing twice. Writes to partnerships go through partnerships.services.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bodies.models import BodySettings
from demo import agreements as agreements_demo
from demo import clauses as clauses_demo
from demo import finance as finance_demo
from demo import governance as governance_demo
from demo import portal as portal_demo
from demo import reporting as reporting_demo
from demo import seed_data, timeline
from organisations.constants import Role, Sector
from organisations.models import Membership, Organisation, relation_for
from organisations.services import relation_update
from partnerships import services
from partnerships.constants import TRANSITIONS, Status
from partnerships.models import Partnership

# The lifecycle path the demo partnerships walk along to reach their status.
STATUS_PATH = [Status.DRAFT, Status.PROPOSED, Status.DECIDED, Status.SIGNED, Status.ACTIVE]

# Each app's demo data, in the order they build on each other: `load(*, stdout=None)`. The
# budgets, the groups and the partnerships' own clause texts come before the signing (a signed
# agreement is frozen and prints them), the payments after it (none is paid before the
# agreement is signed); the groups' meetings up to today once the partnership runs.
BEFORE_SIGNING = (finance_demo, governance_demo, clauses_demo)
AFTER_SIGNING = (finance_demo.load_payments, governance_demo, reporting_demo, portal_demo)
# Reached through the agreement signed on paper (demo/agreements.py), not step by step.
SIGNED_STATUSES = (Status.SIGNED, Status.ACTIVE)


def min_status(status: str, limit: str) -> str:
    """The earlier of two statuses on the demo's path."""
    if status not in STATUS_PATH:
        return status
    return STATUS_PATH[min(STATUS_PATH.index(status), STATUS_PATH.index(limit))]


class Command(BaseCommand):
    help = "Load the seed documents' partnerships, organisations and demo users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only-core",
            action="store_true",
            help="Skip the other apps' demo data (finance, governance, reporting, portal).",
        )
        parser.add_argument(
            "--as-in-seeds",
            action="store_true",
            help="Keep the seed documents' own dates (2017–2019) instead of moving each "
            "partnership by whole years so that it runs now with its status.",
        )

    def handle(self, *args, only_core=False, as_in_seeds=False, **options):
        today = timezone.localdate()
        with transaction.atomic():
            public_body = self._public_body()
            organisations = self._organisations()
            users = self._users(public_body=public_body, organisations=organisations)
            partnerships = []
            for spec in seed_data.PARTNERSHIPS:
                years = timeline.spec_shift(spec, today=today, as_in_seeds=as_in_seeds)
                spec = timeline.shifted_spec(spec, years, today=today)
                partnership = self._partnership(
                    spec,
                    public_body=public_body,
                    organisations=organisations,
                    user=users["administrator"],
                )
                partnerships.append((partnership, spec))
            if not only_core:
                self._load(BEFORE_SIGNING)
            for partnership, spec in partnerships:
                self._sign_and_walk(partnership, spec, user=users["administrator"])
            if not only_core:
                self._load(AFTER_SIGNING)
        self._print_logins(users)

    # Organisations -----------------------------------------------------------------------

    def _save_organisation(self, *, lookup: dict, values: dict) -> Organisation:
        organisation = Organisation.objects.filter(**lookup).first() or Organisation(**lookup)
        for name, value in values.items():
            setattr(organisation, name, value)
        organisation.full_clean()
        organisation.save()
        return organisation

    def _public_body(self) -> Organisation:
        values = {**seed_data.PUBLIC_BODY, "sector": Sector.PUBLIC}
        body = self._save_organisation(
            lookup={"org_number": values.pop("org_number")}, values=values
        )
        # The body's own signatories are its relation with itself.
        relation = relation_for(body, body)
        existing = {s.name: s.pk for s in relation.signatories.all()} if relation.pk else {}
        relation_update(
            body=body,
            organisation=body,
            signatories=[
                {"id": existing.get(s["name"]), "name": s["name"], "title": s["title"]}
                for s in seed_data.SIGNATORIES
            ],
        )
        BodySettings.objects.update_or_create(body=body, defaults=seed_data.BODY_SETTINGS)
        return body

    def _organisations(self) -> dict[str, Organisation]:
        organisations = {}
        for key, (name, org_number, legal_form) in seed_data.ORGANISATIONS.items():
            values = {
                "name": name,
                "sector": Sector.IDEA_BASED,
                "legal_form": legal_form,
                "city": "Stockholm",
            }
            if org_number:
                lookup = {"org_number": org_number}
            else:
                lookup = {"name": name, "org_number": None}
            organisations[key] = self._save_organisation(lookup=lookup, values=values)
        return organisations

    # Users ---------------------------------------------------------------------------------

    def _user(self, username: str, first_name: str, last_name: str, **extra):
        user, _ = get_user_model().objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "is_active": True,
                **extra,
            },
        )
        user.set_password(seed_data.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        return user

    def _users(self, *, public_body, organisations) -> dict:
        users = {}
        for username, first_name, last_name, role in seed_data.STAFF_USERS:
            if role is None:
                user = self._user(username, first_name, last_name, is_superuser=True, is_staff=True)
            else:
                user = self._user(username, first_name, last_name)
                Membership.objects.update_or_create(
                    user=user, organisation=public_body, body=None, defaults={"role": role}
                )
            users[username] = user
        for key, organisation in organisations.items():
            user = self._user(f"rep-{key}", "Företrädare", organisation.name[:150])
            Membership.objects.update_or_create(
                user=user,
                organisation=organisation,
                body=public_body,
                defaults={"role": Role.REPRESENTATIVE},
            )
            users[user.username] = user
        return users

    # Partnerships --------------------------------------------------------------------------

    def _partnership(self, spec, *, public_body, organisations, user) -> Partnership:
        fields = spec["fields"]
        partnership = Partnership.objects.filter(
            public_body=public_body, registry_number=fields["registry_number"]
        ).first()
        if partnership is None:
            partnership = services.partnership_create(
                public_body=public_body, registered_by=user, **fields
            )
        elif partnership.is_editable:
            partnership = services.partnership_update(partnership=partnership, **fields)

        parties = {party.organisation_id: party for party in partnership.parties.all()}
        for key in spec["parties"]:
            organisation = organisations[key]
            if organisation.pk not in parties:
                parties[organisation.pk] = services.party_add(
                    partnership=partnership,
                    organisation=organisation,
                    joined_on=partnership.start_date,
                )

        for key, title, commitments, resources in spec["appendices"]:
            organisation = public_body if key == "public" else organisations[key]
            party = parties[organisation.pk]
            if not party.appendices.exists():
                services.appendix_create(
                    party=party,
                    title=title,
                    commitments=commitments,
                    valid_from=partnership.start_date,
                    resources=resources,
                )

        services.criteria_assess(partnership=partnership, assessments=spec["criteria"])
        # Up to the board's decision here; signing waits for the budgets (see handle()).
        target = spec["status"]
        self._walk_to(partnership, spec, user=user, target=min_status(target, Status.DECIDED))
        return partnership

    def _sign_and_walk(self, partnership, spec, *, user) -> None:
        """A partnership that runs was signed on paper before it was registered: record that
        agreement (it makes the partnership signed), then walk on to the seed's status."""
        partnership.refresh_from_db()
        if spec["status"] in SIGNED_STATUSES and partnership.status == Status.DECIDED:
            agreements_demo.sign_on_paper(partnership, user=user)
        self._walk_to(partnership, spec, user=user, target=spec["status"])

    def _walk_to(self, partnership, spec, *, user, target) -> None:
        """Take the partnership step by step to `target` (never backwards)."""
        partnership.refresh_from_db()
        if partnership.status not in STATUS_PATH or target not in STATUS_PATH:
            return
        while STATUS_PATH.index(partnership.status) < STATUS_PATH.index(target):
            step = STATUS_PATH[STATUS_PATH.index(partnership.status) + 1]
            if step not in TRANSITIONS[partnership.status]:
                raise CommandError(f"No transition {partnership.status} → {step}")
            partnership = services.partnership_transition(
                partnership=partnership,
                to_status=step,
                user=user,
                decided_on=spec["decided_on"],
                decision_paragraph=spec["decision_paragraph"],
                note="Demodata",
            )

    # Other apps and output -----------------------------------------------------------------

    def _load(self, loaders) -> None:
        for loader in loaders:
            (getattr(loader, "load", None) or loader)(stdout=self.stdout)

    def _print_logins(self, users) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS("Demo data loaded: three partnerships from the seed documents."))
        for partnership in Partnership.objects.filter(
            registry_number__in=seed_data.REGISTRY_NUMBERS.values()
        ).order_by("start_date"):
            write(
                f"  {partnership.registry_number:<14} {partnership.start_date} – "
                f"{partnership.end_date}  {partnership.get_status_display()}"
                f"  (seed dates + {timeline.shift_of(partnership)} years)"
            )
        write(f"Demo logins (password for all: {seed_data.DEMO_PASSWORD}):")
        write("  administrator        administrator of Socialförvaltningen, Stockholms stad")
        write("  handlaggare          official of Socialförvaltningen, Stockholms stad")
        write("  superuser            superuser (also /admin/)")
        for key, (name, _, _) in seed_data.ORGANISATIONS.items():
            write(f"  {'rep-' + key:<20} representative of {name}")
