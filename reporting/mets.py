"""The archive package's metadata file, `mets.xml`, in the shape of the Swedish e-archive
package structure (FGS Paketstruktur, the Common Specification for Information Packages,
METS-based): who (the body as archivist and creator, the register as the creating software),
what (the partnership with its registry number, each document with its type), when, and every
file with its MIME type, size, date and SHA-256. Deterministic: the same data gives the same
bytes (no clock, attributes in a fixed order)."""

import datetime
import uuid

from lxml import etree

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EXT = "ExtensionMETS"
DC = "http://purl.org/dc/elements/1.1/"
PROFILE = "http://xml.ra.se/e-arkiv/METS/CommonSpecificationSwedenPackageProfile.xml"
SCHEMA_LOCATION = f"{METS} http://www.loc.gov/standards/mets/mets.xsd"
NSMAP = {None: METS, "xlink": XLINK, "xsi": XSI, "ext": EXT, "dc": DC}
SOFTWARE = "IOP-registret"


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def package_id(partnership_id: int, host: str) -> str:
    """The package's identifier: the same partnership gives the same one."""
    return "UUID:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{host}/partnerships/{partnership_id}"))


def _el(parent, tag, attributes=None, text=None, ns=METS):
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in (attributes or {}).items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _agent(header, *, role, kind, name, note="", other_role="", other_type=""):
    attributes = {"ROLE": role}
    if other_role:
        attributes["OTHERROLE"] = other_role
    attributes["TYPE"] = kind
    if other_type:
        attributes["OTHERTYPE"] = other_type
    agent = _el(header, "agent", attributes)
    _el(agent, "name", text=name)
    if note:
        _el(agent, "note", text=note)


def _dublin_core(parent, identifier: str, values: list[tuple[str, str]]):
    """A dmdSec with Dublin Core elements in a fixed order."""
    dmd = _el(parent, "dmdSec", {"ID": identifier})
    wrap = _el(dmd, "mdWrap", {"MDTYPE": "DC"})
    data = _el(wrap, "xmlData")
    for name, value in values:
        if value:
            _el(data, name, text=value, ns=DC)


def mets_document(*, package: dict, files: list) -> bytes:
    """`package`: id, label, created, body (name, org_number), registry_number, title,
    period, status, parties; `files`: the package's documents (path, content, mime, created,
    doc_type, title), in the order they are listed."""
    root = etree.Element(f"{{{METS}}}mets", nsmap=NSMAP)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("OBJID", package["id"])
    root.set("LABEL", package["label"])
    root.set("TYPE", "IOP")
    root.set("PROFILE", PROFILE)
    root.set(f"{{{EXT}}}OAISTYPE", "SIP")
    body = package["body"]

    header = _el(root, "metsHdr", {"CREATEDATE": _iso(package["created"]), "RECORDSTATUS": "NEW"})
    body_note = f"ORG:{body['org_number']}" if body["org_number"] else ""
    _agent(header, role="ARCHIVIST", kind="ORGANIZATION", name=body["name"], note=body_note)
    _agent(header, role="CREATOR", kind="ORGANIZATION", name=body["name"], note=body_note)
    _agent(
        header,
        role="OTHER",
        other_role="PRODUCER",
        kind="ORGANIZATION",
        name=body["name"],
        note=body_note,
    )
    _agent(
        header,
        role="CREATOR",
        kind="OTHER",
        other_type="SOFTWARE",
        name=SOFTWARE,
    )
    _el(header, "altRecordID", {"TYPE": "DELIVERYTYPE"}, "ERMS")
    _el(header, "altRecordID", {"TYPE": "DELIVERYSPECIFICATION"}, "FGS Paketstruktur")
    _el(header, "altRecordID", {"TYPE": "REFERENCECODE"}, package["registry_number"])
    _el(header, "metsDocumentID", text="mets.xml")

    _dublin_core(
        root,
        "dmd-partnership",
        [
            ("title", f"Idéburet offentligt partnerskap – {package['title']}"),
            ("identifier", package["registry_number"]),
            ("creator", body["name"]),
            ("publisher", body["name"]),
            ("contributor", "; ".join(package["parties"])),
            ("type", "Idéburet offentligt partnerskap (IOP)"),
            ("coverage", package["period"]),
            ("description", package["status"]),
            ("date", package["created"].date().isoformat()),
            ("language", "sv"),
        ],
    )
    for number, item in enumerate(files, start=1):
        _dublin_core(
            root,
            f"dmd-file-{number}",
            [
                ("title", item.title),
                ("type", item.doc_type),
                ("identifier", package["registry_number"]),
                ("creator", body["name"]),
                ("date", item.created.date().isoformat()),
                ("format", f"{item.mime}; {item.format}" if item.format else item.mime),
                ("source", item.source),
                ("relation", item.relation),
                ("description", item.note),
            ],
        )

    amd = _el(root, "amdSec", {"ID": "amd-package"})
    digiprov = _el(amd, "digiprovMD", {"ID": "digiprov-package"})
    wrap = _el(digiprov, "mdWrap", {"MDTYPE": "OTHER", "OTHERMDTYPE": "IOP-PACKAGE"})
    data = _el(wrap, "xmlData")
    _el(
        data,
        "description",
        text=(
            f"Arkivpaket skapat av {SOFTWARE}. De dokument registret skapar är PDF/A-2a. "
            "Underskrivna kopior är bevarade byte för byte som de laddades upp (originalet är "
            "beviset, och en omvandling skulle bryta dess elektroniska underskrifter); en kopia "
            "som inte själv är PDF/A har bredvid sig en arkivform i PDF/A-2b (samma GROUPID, "
            "originalet som dc:source). Kontrollsummor: SHA-256, även i sha256sums.txt."
        ),
        ns=DC,
    )
    missing = package.get("missing_archival_forms") or []
    if missing:
        _el(
            data,
            "description",
            text=f"Arkivform (PDF/A) saknas för: {', '.join(missing)} (se filens beskrivning).",
            ns=DC,
        )
    for number, item in enumerate(files, start=1):
        if item.provenance:
            made = _el(amd, "digiprovMD", {"ID": f"digiprov-file-{number}"})
            wrap = _el(made, "mdWrap", {"MDTYPE": "OTHER", "OTHERMDTYPE": "IOP-RENDITION"})
            _el(_el(wrap, "xmlData"), "description", text=item.provenance, ns=DC)

    file_sec = _el(root, "fileSec")
    group = _el(file_sec, "fileGrp", {"ID": "fgrp-content", "USE": "FILES"})
    for number, item in enumerate(files, start=1):
        attributes = {
            "ID": f"file-{number}",
            "MIMETYPE": item.mime,
            "SIZE": str(len(item.content)),
            "CREATED": _iso(item.created),
            "CHECKSUM": item.sha256,
            "CHECKSUMTYPE": "SHA-256",
            "USE": item.doc_type,
        }
        if item.group:
            # METS's way of tying a master file to the versions derived from it.
            attributes["GROUPID"] = item.group
        attributes["DMDID"] = f"dmd-file-{number}"
        attributes["ADMID"] = (
            f"amd-package digiprov-file-{number}" if item.provenance else "amd-package"
        )
        entry = _el(group, "file", attributes)
        _el(
            entry,
            "FLocat",
            {
                "LOCTYPE": "URL",
                f"{{{XLINK}}}type": "simple",
                f"{{{XLINK}}}href": f"file:{item.path}",
            },
        )

    struct = _el(root, "structMap", {"TYPE": "physical", "LABEL": "Paketets innehåll"})
    top = _el(struct, "div", {"LABEL": package["label"], "DMDID": "dmd-partnership"})
    folders: dict[str, object] = {}
    for number, item in enumerate(files, start=1):
        folder = item.path.rsplit("/", 1)[0]
        if folder not in folders:
            folders[folder] = _el(top, "div", {"LABEL": folder})
        _el(folders[folder], "fptr", {"FILEID": f"file-{number}"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
