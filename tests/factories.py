"""factory_boy factories shared by every test module."""

import datetime

import factory
from django.contrib.auth import get_user_model
from stdnum import luhn

from organisations.constants import LegalForm, Role, Sector
from organisations.models import AuthorisedSignatory, Membership, Organisation, Relation
from partnerships.constants import Status
from partnerships.models import Appendix, Partnership, Party, Resource

PASSWORD = "ett-bra-lösenord-42"


def _valid_org_number(n: int) -> str:
    """A valid organisation number in the 80xxxx range used by non-profit associations."""
    body = f"80{n:07d}"[-9:]
    return body + luhn.calc_check_digit(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Användare {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Förening {n}")
    org_number = factory.Sequence(lambda n: _valid_org_number(n + 1000))
    sector = Sector.IDEA_BASED
    legal_form = LegalForm.NON_PROFIT_ASSOCIATION
    city = "Stockholm"

    class Params:
        public = factory.Trait(
            sector=Sector.PUBLIC,
            legal_form=LegalForm.MUNICIPALITY,
            name=factory.Sequence(lambda n: f"Socialförvaltningen {n}"),
            org_number=factory.Sequence(
                lambda n: (lambda b: b + luhn.calc_check_digit(b))(f"21{n + 100000:07d}"[-9:])
            ),
        )


class RelationFactory(factory.django.DjangoModelFactory):
    """What one public body records about an organisation (contact, giro, signatories)."""

    class Meta:
        model = Relation
        django_get_or_create = ("body", "organisation")

    body = factory.SubFactory(OrganisationFactory, public=True)
    organisation = factory.SubFactory(OrganisationFactory)


class SignatoryFactory(factory.django.DjangoModelFactory):
    """A signatory the organisation gave one body; `relation__body=...` picks the body."""

    class Meta:
        model = AuthorisedSignatory

    relation = factory.SubFactory(RelationFactory)
    name = "Anna Andersson"
    title = "Ordförande"


class MembershipFactory(factory.django.DjangoModelFactory):
    """Staff of a public body by default; `role=Role.REPRESENTATIVE` needs `body`, the body
    that invited the representative (or use RepresentativeFactory)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory, public=True)
    role = Role.ADMINISTRATOR
    body = None


class RepresentativeFactory(MembershipFactory):
    """A representative of `organisation` towards `body` (the body that invited them)."""

    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.REPRESENTATIVE
    body = factory.SubFactory(OrganisationFactory, public=True)


def body_with_staff(**fields):
    """A public body with one administrator and one official: (body, administrator, official)."""
    body = OrganisationFactory(public=True, **fields)
    administrator = MembershipFactory(organisation=body, role=Role.ADMINISTRATOR).user
    official = MembershipFactory(organisation=body, role=Role.OFFICIAL).user
    return body, administrator, official


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A partnership with its public party; `organisations=[...]` adds idea-based parties."""

    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    public_body = factory.SubFactory(OrganisationFactory, public=True)
    title = factory.Sequence(lambda n: f"Partnerskap {n}")
    registry_number = factory.Sequence(lambda n: f"{100 + n}-{n}/2017")
    purpose = "Att erbjuda stöd till målgruppen."
    goal = "Att stärka målgruppens hälsa."
    target_group = "Barn 7–18 år."
    start_date = datetime.date(2017, 1, 1)
    end_date = datetime.date(2018, 12, 31)

    class Params:
        proposed = factory.Trait(status=Status.PROPOSED)
        active = factory.Trait(
            status=Status.ACTIVE, decided_on=datetime.date(2016, 12, 15), decision_paragraph="§ 12"
        )

    @factory.post_generation
    def public_party(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Party.objects.create(
                partnership=obj,
                organisation=obj.public_body,
                is_public=True,
                joined_on=obj.start_date,
            )

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        for organisation in extracted or ():
            Party.objects.create(
                partnership=obj, organisation=organisation, joined_on=obj.start_date
            )


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = factory.LazyAttribute(lambda o: o.partnership.start_date)


class AppendixFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appendix

    party = factory.SubFactory(PartyFactory)
    number = "2.1"
    commitments = "Genomföra stödgrupper."
    valid_from = factory.LazyAttribute(lambda o: o.party.partnership.start_date)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    appendix = factory.SubFactory(AppendixFactory)
    kind = "premises"
    description = "Lokal"


# --- governance (helper E) ---------------------------------------------------------------


class GroupFactory(factory.django.DjangoModelFactory):
    """A steering group (trait `cooperation=True` for a cooperation group)."""

    class Meta:
        model = "governance.Group"

    partnership = factory.SubFactory(PartnershipFactory, active=True)
    kind = "steering"
    meeting_interval_days = 91
    chair_term_months = 3

    class Params:
        cooperation = factory.Trait(kind="cooperation", meeting_interval_days=30)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.GroupMember"

    group = factory.SubFactory(GroupFactory)
    organisation = factory.LazyAttribute(lambda o: o.group.partnership.public_body)
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "representative"
    joined_on = factory.LazyAttribute(lambda o: o.group.partnership.start_date)
