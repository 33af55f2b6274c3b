"""DCAT-AP-SE descriptions of the open data (https://docs.dataportal.se/dcat/), so that the
national data portal can harvest them: a catalogue per body with its one dataset, and a
catalogue of every publishing body. The dataset has a distribution per format (360Giving
CSV and JSON). The template reporting/open_data_dcat.rdf writes it as RDF/XML."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.constants import LegalForm
from organisations.models import Organisation

from . import opendata
from .models import OpenDataSet

# Raised when the template changes, so that the ETags of the descriptions change with it.
VERSION = "2"
EU = "http://publications.europa.eu/resource/authority"
THEMES = (f"{EU}/data-theme/GOVE", f"{EU}/data-theme/SOCI")
# As dataportal.se asks licences to be written (http, with the trailing slash).
LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/"
LANGUAGE = f"{EU}/language/SWE"
ACCESS_RIGHTS = f"{EU}/access-right/PUBLIC"
FREQUENCY = f"{EU}/frequency/UPDATE_CONT"
THEME_TAXONOMY = f"{EU}/data-theme"
ADMS = "http://purl.org/adms/publishertype"
PUBLISHER_TYPES = {
    LegalForm.MUNICIPALITY: f"{ADMS}/LocalAuthority",
    LegalForm.REGION: f"{ADMS}/RegionalAuthority",
}
# dataportal.se's URIs for Swedish organisations, by organisation number.
PORTAL_ORGANISATION = "http://dataportal.se/organisation/SE{}"


def _moment(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def fingerprint(body: Organisation) -> tuple:
    """What a body's entry in the catalogue of all bodies is made of."""
    dataset = opendata.stored_set(body)
    return (
        body.pk,
        body.name,
        body.org_number,
        body.legal_form,
        dataset.created_at if dataset else None,
        dataset.changed_at if dataset else None,
    )


def _dataset(body: Organisation, dataset: OpenDataSet | None, base_url: str) -> dict:
    org_number = body.org_number
    page = base_url + reverse("reporting:open_data", args=[org_number])
    description_url = base_url + reverse("reporting:open_data_dcat", args=[org_number])
    formats = (
        ("CSV", "text/csv", reverse("reporting:open_data_csv", args=[org_number])),
        ("JSON", "application/json", reverse("reporting:open_data_json", args=[org_number])),
    )
    return {
        "uri": f"{description_url}#dataset",
        "title": _("Idea-based public partnerships of %(name)s") % {"name": body.name},
        "description": _(
            "The signed, active and ended idea-based public partnerships (IOP) of %(name)s: "
            "each partner organisation's share of the partnership, with its amount awarded "
            "and paid, after the 360Giving data standard. One row per organisation."
        )
        % {"name": body.name},
        "keywords": (
            _("idea-based public partnership"),
            "IOP",
            _("civil society"),
            _("grants"),
        ),
        "publisher": _publisher(body),
        "page": page,
        "issued": _moment(dataset.created_at if dataset else None),
        "modified": _moment(dataset.changed_at if dataset else None),
        "distributions": [
            {
                "uri": base_url + path,
                "title": _("%(name)s: partnerships as %(format)s")
                % {"name": body.name, "format": label},
                "description": _("360Giving grants in %(format)s, one per partner organisation.")
                % {"format": label},
                "format": f"{EU}/file-type/{label}",
                "media_type": f"http://www.iana.org/assignments/media-types/{media_type}",
            }
            for label, media_type, path in formats
        ],
    }


def _publisher(body: Organisation) -> dict:
    return {
        "uri": PORTAL_ORGANISATION.format(body.org_number),
        "name": body.name,
        "identifier": body.org_number,
        "type": PUBLISHER_TYPES.get(body.legal_form, ""),
    }


def _catalog(*, uri, title, description, publisher, homepage, datasets, parts=()) -> dict:
    dated = [*datasets, *(d for part in parts for d in part["datasets"])]
    modified = [d["modified"] for d in dated if d["modified"]]
    issued = [d["issued"] for d in dated if d["issued"]]
    return {
        "uri": uri,
        "title": title,
        "description": description,
        "publisher": publisher,
        "homepage": homepage,
        "issued": min(issued) if issued else "",
        "modified": max(modified) if modified else "",
        "datasets": datasets,
        "parts": [part["uri"] for part in parts],
    }


def _context(catalogs: list[dict]) -> dict:
    """The template's context: every catalogue (the first is the one harvested), each dataset
    and each publisher described once."""
    datasets = [d for catalog in catalogs for d in catalog["datasets"]]
    publishers = {}
    for item in [*catalogs, *datasets]:
        publishers.setdefault(item["publisher"]["uri"], item["publisher"])
    return {
        "catalogs": catalogs,
        "datasets": datasets,
        "publishers": list(publishers.values()),
        "themes": THEMES,
        "license": LICENSE,
        "language": LANGUAGE,
        "access_rights": ACCESS_RIGHTS,
        "frequency": FREQUENCY,
        "theme_taxonomy": THEME_TAXONOMY,
        "standard": opendata.STANDARD,
    }


def _body_catalog(body: Organisation, dataset: OpenDataSet | None, base_url: str) -> dict:
    entry = _dataset(body, dataset, base_url)
    return _catalog(
        uri=base_url + reverse("reporting:open_data_dcat", args=[body.org_number]),
        title=_("Open data of %(name)s on idea-based public partnerships") % {"name": body.name},
        description=_(
            "The open data that %(name)s publishes from the register of idea-based public "
            "partnerships."
        )
        % {"name": body.name},
        publisher=entry["publisher"],
        homepage=entry["page"],
        datasets=[entry],
    )


def body_catalog(*, body: Organisation, dataset: OpenDataSet, base_url: str) -> dict:
    """One body's catalogue, the address its dataportal.se harvesting source points at."""
    return _context([_body_catalog(body, dataset, base_url)])


def full_catalog(*, bodies, base_url: str) -> dict:
    """Every publishing body's catalogue as a part (dct:hasPart) of one main catalogue, as
    dataportal.se's harvesting rules ask for several catalogues in one source."""
    uri = base_url + reverse("reporting:open_data_catalog")
    parts = [_body_catalog(body, opendata.stored_set(body), base_url) for body in bodies]
    main = _catalog(
        uri=uri,
        title=_("Open data on idea-based public partnerships"),
        description=_(
            "Every public body in the register that publishes its idea-based public "
            "partnerships as open data, one dataset per body."
        ),
        publisher={
            "uri": f"{uri}#publisher",
            "name": settings.IOP_OPEN_DATA_PUBLISHER,
            "identifier": "",
            "type": "",
        },
        homepage=base_url + reverse("reporting:open_data_index"),
        datasets=[],
        parts=parts,
    )
    return _context([main, *parts])
