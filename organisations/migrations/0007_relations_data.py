"""Today's contact details, giro numbers and signatories of an organisation become the
relation of every body that partners with it (a party to one of its partnerships, a draft
included), so no body loses what it relied on and none sees another's from now on.

A public body's own details become its relation with itself. An organisation no body
partners with keeps its details with the bodies of the administrator who registered it
(the first version in its history); with no such body they are dropped, since no body
may read them any more.
"""

from django.db import migrations

FIELDS = ("contact_name", "contact_email", "contact_phone", "bankgiro", "plusgiro")


def _registering_bodies(apps, organisation):
    Historical = apps.get_model("organisations", "HistoricalOrganisation")
    Membership = apps.get_model("organisations", "Membership")
    first = (
        Historical.objects.filter(id=organisation.pk, history_type="+")
        .order_by("history_date")
        .first()
    )
    if first is None or first.history_user_id is None:
        return set()
    return set(
        Membership.objects.filter(
            user_id=first.history_user_id, role="administrator"
        ).values_list("organisation_id", flat=True)
    )


def forwards(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Relation = apps.get_model("organisations", "Relation")
    Signatory = apps.get_model("organisations", "AuthorisedSignatory")
    Party = apps.get_model("partnerships", "Party")
    for organisation in Organisation.objects.order_by("pk").iterator():
        bodies = set(
            Party.objects.filter(organisation_id=organisation.pk).values_list(
                "partnership__public_body_id", flat=True
            )
        )
        if organisation.sector == "public":
            bodies.add(organisation.pk)
        signatories = list(Signatory.objects.filter(organisation_id=organisation.pk))
        has_details = signatories or any(getattr(organisation, f) for f in FIELDS)
        if not bodies and has_details:
            bodies = _registering_bodies(apps, organisation)
        for body_id in sorted(bodies):
            relation, _created = Relation.objects.get_or_create(
                body_id=body_id,
                organisation_id=organisation.pk,
                defaults={field: getattr(organisation, field) for field in FIELDS},
            )
            for signatory in signatories:
                if signatory.relation_id is None:
                    signatory.relation_id = relation.pk
                    signatory.save(update_fields=["relation"])
                else:
                    Signatory.objects.create(
                        organisation_id=organisation.pk,
                        relation_id=relation.pk,
                        name=signatory.name,
                        title=signatory.title,
                    )
    # Signatories no body may read any more.
    Signatory.objects.filter(relation__isnull=True).delete()


def backwards(apps, schema_editor):
    """Back to one set of details per organisation: the first body's relation wins."""
    Organisation = apps.get_model("organisations", "Organisation")
    Relation = apps.get_model("organisations", "Relation")
    Signatory = apps.get_model("organisations", "AuthorisedSignatory")
    seen = set()
    for relation in Relation.objects.order_by("organisation_id", "body_id"):
        if relation.organisation_id in seen:
            Signatory.objects.filter(relation=relation).delete()
            continue
        seen.add(relation.organisation_id)
        Organisation.objects.filter(pk=relation.organisation_id).update(
            **{field: getattr(relation, field) for field in FIELDS}
        )
        Signatory.objects.filter(relation=relation).update(relation=None)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0006_relations"),
        ("partnerships", "0003_search_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
