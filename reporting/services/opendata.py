"""The one write of open data: a body's stored set, rebuilt when its sources have moved."""

import hashlib

from django.db import transaction
from django.utils import timezone

from organisations.models import Organisation
from reporting import opendata
from reporting.models import OpenDataGrant, OpenDataSet

BATCH = 200


@transaction.atomic
def open_data_rebuild(*, body: Organisation, source_version: str, base_url: str) -> OpenDataSet:
    """Build `body`'s open data from the register as it is now and store it under
    `source_version`. Two requests at once build it once: the second waits for the first's
    lock and finds the set already built. The content's digest (the ETag) and `changed_at`
    stay the same when the rebuild gives the same data."""
    now = timezone.now()
    dataset, _created = OpenDataSet.objects.get_or_create(
        body=body,
        defaults={"source_version": "", "digest": "", "built_at": now, "changed_at": now},
    )
    dataset = OpenDataSet.objects.select_for_update().get(pk=dataset.pk)
    if dataset.source_version == source_version:
        return dataset
    dataset.grants.all().delete()
    digest = hashlib.sha256()
    json_url = opendata.json_url(body, base_url)
    ids = opendata.published_partnership_ids(body)
    batch, position, recipients = [], 0, 0
    for start in range(0, len(ids), opendata.CHUNK):
        for partnership, parties, budgets, payments in opendata.read_chunk(
            ids[start : start + opendata.CHUNK]
        ):
            grants, csv, page = opendata.partnership_rows(
                body=body,
                partnership=partnership,
                parties=parties,
                budgets=budgets,
                payments=payments,
                json_url=json_url,
            )
            digest.update(grants.encode())
            digest.update(csv.encode())
            position += 1
            recipients += len(parties)
            batch.append(
                OpenDataGrant(dataset=dataset, position=position, json=grants, csv=csv, page=page)
            )
            if len(batch) >= BATCH:
                OpenDataGrant.objects.bulk_create(batch)
                batch = []
    OpenDataGrant.objects.bulk_create(batch)
    digest.update(body.name.encode())
    value = digest.hexdigest()
    if value != dataset.digest:
        dataset.changed_at = now
    dataset.digest = value
    dataset.source_version = source_version
    dataset.partnerships = position
    dataset.recipients = recipients
    dataset.built_at = now
    dataset.full_clean(exclude=["body"])
    dataset.save()
    return dataset


def open_data_current(*, body: Organisation, base_url: str) -> OpenDataSet:
    """The body's stored set, rebuilt first when a published figure may have changed since
    (`body` from reporting.opendata.public_body, which read the version with it)."""
    version = opendata.source_version(body, base_url)
    dataset = opendata.stored_set(body)
    if dataset is not None and dataset.source_version == version:
        return dataset
    return open_data_rebuild(body=body, source_version=version, base_url=base_url)
