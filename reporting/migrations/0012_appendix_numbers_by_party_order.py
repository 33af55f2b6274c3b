"""Renumber the appendices written before the rule of issue 13.7: the organisations first in
the order they joined, the public party last (seed 004), as partnerships.services.
appendices_renumber numbers them from now on. A number printed in an agreement version
prepared for signing stays (the signed text cites it), and is not given to anyone else.

The rule is partnerships.numbering.appendix_numbers, a pure function; the models are the
historical ones. Reversing leaves the numbers as they are: the old ones followed only the
order of creation and are not worth restoring."""

from django.db import migrations

from partnerships.numbering import appendix_numbers


def issued_numbers(snapshots) -> dict[int, str]:
    """{party id: appendix number} as printed in these snapshots, the later ones last."""
    issued: dict[int, str] = {}
    for snapshot in snapshots:
        for party in (snapshot or {}).get("parties", []):
            if party.get("appendix") and party.get("party_id"):
                issued[party["party_id"]] = party["appendix"]["number"]
    return issued


def renumber_appendices(apps, schema_editor):
    appendix_model = apps.get_model("partnerships", "Appendix")
    version_model = apps.get_model("reporting", "AgreementVersion")
    current = appendix_model.objects.filter(
        party__left_on__isnull=True, status="current"
    ).select_related("party")
    by_partnership: dict[int, list] = {}
    for appendix in current:
        by_partnership.setdefault(appendix.party.partnership_id, []).append(appendix)
    for partnership_id, appendices in by_partnership.items():
        snapshots = (
            version_model.objects.filter(partnership_id=partnership_id, prepared_at__isnull=False)
            .order_by("number")
            .values_list("snapshot", flat=True)
        )
        numbers = appendix_numbers(
            ((a.party_id, a.party.is_public, a.party.joined_on) for a in appendices),
            issued_numbers(snapshots),
        )
        for appendix in appendices:
            if appendix.number != numbers[appendix.party_id]:
                appendix_model.objects.filter(pk=appendix.pk).update(
                    number=numbers[appendix.party_id]
                )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_partnership_case_officer"),
        ("reporting", "0011_memo_decision_points"),
    ]

    operations = [migrations.RunPython(renumber_appendices, migrations.RunPython.noop)]
