"""The archive package of a partnership, for the registry and the auditors: a zip with every
document as PDF/A (the decision memo, every agreement version and amendment as prepared, the
yearly summaries, the annual accounts handed in and the groups' minutes, each rendered by the
reporting PDF helper), the signed copies as uploaded with a PDF/A-2b rendition beside each one
that is not PDF/A itself (reporting.services.renditions), `mets.xml` (FGS Paketstruktur, see
reporting.mets) and `sha256sums.txt` (SHA-256 and size of every other file).

Byte for byte reproducible until something changes: every date in it comes from the data
(never the clock), the PDFs are rendered with those dates (their identifiers derive from their
content), the entries are sorted and their zip timestamps are the documents' own dates."""

import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.utils import timezone, translation

from partnerships.models import Partnership

from . import mets
from .constants import ArchivalError, ArchivalForm
from .models import AgreementVersion, DecisionMemo, SignedCopy
from .selectors import agreement_snapshot, finance_for, memo_problems, yearly_summary
from .services.documents import (
    account_document,
    memo_document,
    minutes_document,
    summary_document,
)

PDF = "application/pdf"
CONTENT = "content"
# The earliest moment a zip entry can carry.
ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)


@dataclass
class ArchiveFile:
    path: str
    content: bytes
    mime: str
    created: datetime.datetime
    doc_type: str
    title: str
    note: str = ""
    # A signed copy and its PDF/A rendition: their METS GROUPID, the rendition's dc:source
    # (the original's path), the original's dc:relation, the PDF/A level as dc:format and
    # how the rendition was made (its digiprovMD).
    group: str = ""
    source: str = ""
    relation: str = ""
    format: str = ""
    provenance: str = ""
    missing_archival_form: bool = False

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _local(moment) -> datetime.datetime:
    return timezone.localtime(moment).replace(microsecond=0)


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _versions(partnership) -> list[ArchiveFile]:
    files = []
    versions = AgreementVersion.objects.filter(
        partnership=partnership, prepared_at__isnull=False
    ).order_by("number")
    for version in versions:
        if not version.pdf:
            continue
        with version.pdf.open("rb") as handle:
            content = handle.read()
        if version.kind == "amendment":
            name = f"version-{version.number:02d}-andring-{version.amendment_number}.pdf"
            doc_type, title = (
                "Ändring och tillägg",
                (f"Ändring och tillägg nr {version.amendment_number} (version {version.number})"),
            )
        else:
            name = f"version-{version.number:02d}.pdf"
            doc_type, title = "Avtal", f"Avtal (version {version.number})"
        files.append(
            ArchiveFile(
                f"{CONTENT}/avtal/{name}",
                content,
                PDF,
                _local(version.prepared_at),
                doc_type,
                title,
                "Undertecknat på papper" if version.signed_on_paper else "",
            )
        )
    copies = (
        SignedCopy.objects.filter(version__partnership=partnership)
        .select_related("version")
        .order_by("version__number", "uploaded_at", "pk")
    )
    counts: dict[int, int] = {}
    with translation.override("sv"):
        for copy in copies:
            number = counts[copy.version.number] = counts.get(copy.version.number, 0) + 1
            files += _signed_copy(copy, number)
    return files


def _signed_copy(copy: SignedCopy, number: int) -> list[ArchiveFile]:
    """The upload as it is (the evidence) and, unless it is PDF/A itself, its PDF/A rendition:
    the two share a METS GROUPID, the rendition names the original as its dc:source."""
    base = f"{CONTENT}/underskrivna/version-{copy.version.number:02d}-kopia-{number}"
    title = f"Underskriven kopia {number} av version {copy.version.number}"
    original_path, rendition_path = f"{base}.pdf", f"{base}-pdfa.pdf"
    with copy.file.open("rb") as handle:
        content = handle.read()
    kept = (
        f"Bevarad byte för byte som den laddades upp ({copy.original_name}); "
        f"underskrifterna: {copy.get_verification_display()}"
    )
    original = ArchiveFile(
        original_path,
        content,
        PDF,
        _local(copy.uploaded_at),
        "Underskrivet avtal",
        title,
        group=f"signed-copy-{copy.version.number}-{number}",
    )
    if copy.archival_form == ArchivalForm.ORIGINAL:
        original.note = (
            f"{kept}. Filen är redan {copy.archival_conformance} och är sin egen arkivform."
        )
        original.format = copy.archival_conformance
        return [original]
    if copy.archival_form != ArchivalForm.RENDITION or not copy.archival_file:
        original.note = f"{kept}. Arkivform (PDF/A) saknas: {archival_gap(copy)}."
        original.missing_archival_form = True
        return [original]
    with copy.archival_file.open("rb") as handle:
        rendition = handle.read()
    original.note = f"{kept}. Originalet (bevis); arkivform: {rendition_path}."
    original.relation = f"Har arkivform: {rendition_path}"
    made = _local(copy.archival_made_at)
    return [
        original,
        ArchiveFile(
            rendition_path,
            rendition,
            PDF,
            made,
            "Underskrivet avtal",
            f"{title} – arkivform ({copy.archival_conformance})",
            (
                f"Arkivform ({copy.archival_conformance}) av {original_path}, gjord "
                f"{made.date().isoformat()} med {copy.archival_tool or 'Ghostscript'}. "
                "Den visar samma sidor; de elektroniska underskrifterna gäller bara originalet."
            ),
            group=original.group,
            source=original_path,
            format=copy.archival_conformance,
            provenance=(
                f"Omvandling (migrering) till {copy.archival_conformance}: {original_path} "
                f"(SHA-256 {copy.sha256}) till {rendition_path} (SHA-256 "
                f"{copy.archival_sha256}), {_local(copy.archival_made_at).isoformat()}, "
                f"{copy.archival_tool or 'Ghostscript'}."
            ),
        ),
    ]


def archival_gap(copy: SignedCopy) -> str:
    """Why a signed copy has no archival form (in Swedish: it goes into the package)."""
    with translation.override("sv"):
        if copy.archival_error:
            return str(ArchivalError(copy.archival_error).label)
        return str(ArchivalForm(copy.archival_form).label)


def _memo(partnership, snapshot) -> list[ArchiveFile]:
    memo = DecisionMemo.objects.filter(partnership=partnership).first()
    if memo is None:
        return []
    created = _local(memo.frozen_at or memo.updated_at)
    if memo.is_frozen:
        facts, problems = memo.facts or snapshot, []
    else:
        facts, problems = snapshot, memo_problems(memo, partnership, snapshot)
    content = memo_document(memo, facts=facts, problems=problems, created=created)
    return [
        ArchiveFile(
            f"{CONTENT}/tjansteutlatande.pdf",
            content,
            PDF,
            created,
            "Tjänsteutlåtande",
            f"Tjänsteutlåtande – {memo.title}",
            "" if memo.is_frozen else "Utkast: ännu inte fryst",
        )
    ]


def _accounts(partnership, snapshot) -> list[ArchiveFile]:
    if not apps.is_installed("portal"):
        return []
    from .portal_adapter import accounts_for_archive

    files = []
    for account in accounts_for_archive(partnership):
        created = _local(account["updated_at"])
        safe = account["org_number"].replace("-", "") or str(account["id"])
        files.append(
            ArchiveFile(
                f"{CONTENT}/ekonomiska-redovisningar/{account['start']}-{safe}.pdf",
                account_document(account, snapshot=snapshot, created=created),
                PDF,
                created,
                "Ekonomisk redovisning",
                f"Ekonomisk redovisning {account['period']} – {account['organisation']}",
            )
        )
    return files


def _minutes(partnership, snapshot) -> list[ArchiveFile]:
    if not apps.is_installed("governance"):
        return []
    Meeting = apps.get_model("governance", "Meeting")
    meetings = (
        Meeting.objects.filter(group__partnership=partnership)
        .select_related("group", "chair__result")
        .prefetch_related("attendees", "decisions__organisation")
        .order_by("date", "pk")
    )
    files, counts = [], {}
    with translation.override("sv"):
        for meeting in meetings:
            group = str(meeting.group.get_kind_display())
            key = (meeting.date, meeting.group.kind)
            counts[key] = counts.get(key, 0) + 1
            data = {
                "group": group,
                "date": meeting.date.isoformat(),
                "chair": str(meeting.chair.result) if meeting.chair else "",
                "attendees": sorted(str(person) for person in meeting.attendees.all()),
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
                "minutes_file_name": meeting.minutes_file_name,
                "decisions": [
                    {
                        "kind": str(decision.get_kind_display()),
                        "text": decision.text,
                        "organisation": decision.organisation.name if decision.organisation else "",
                    }
                    for decision in sorted(meeting.decisions.all(), key=lambda d: d.pk)
                ],
            }
            created = _local(meeting.created_at)
            name = f"{meeting.date.isoformat()}-{meeting.group.kind}-{counts[key]}.pdf"
            files.append(
                ArchiveFile(
                    f"{CONTENT}/protokoll/{name}",
                    minutes_document(data, snapshot=snapshot, created=created),
                    PDF,
                    created,
                    "Protokoll",
                    f"Protokoll {group.lower()} {data['date']}",
                )
            )
    return files


def _summaries(partnership, as_of: datetime.datetime) -> list[ArchiveFile]:
    """A yearly summary for each contract year that has begun, dated as the package."""
    files = []
    today = timezone.localdate()
    for year in finance_for(partnership)["years"]:
        if datetime.date.fromisoformat(year["start"]) > today:
            continue
        summary = yearly_summary(partnership, year_start=year["start"])
        files.append(
            ArchiveFile(
                f"{CONTENT}/arssammanstallningar/{year['start']}.pdf",
                summary_document(summary, created=as_of),
                PDF,
                as_of,
                "Årssammanställning",
                f"Årssammanställning {summary['year_label']}",
            )
        )
    return files


def _zip_time(moment: datetime.datetime) -> tuple:
    moment = max(_local(moment), timezone.localtime(ZIP_EPOCH))
    return moment.timetuple()[:6]


def _zip(entries: list[tuple[str, bytes, datetime.datetime]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, content, moment in sorted(entries, key=lambda entry: entry[0]):
            info = zipfile.ZipInfo(path, date_time=_zip_time(moment))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content, compresslevel=6)
    return buffer.getvalue()


def manifest(files: list[ArchiveFile]) -> bytes:
    """`sha256sums.txt`: "<sha256>  <size>  <path>" per file, sorted by path (check with
    `sha256sum -c` after cutting the size column)."""
    lines = [f"{f.sha256}  {len(f.content)}  {f.path}" for f in sorted(files, key=lambda f: f.path)]
    return ("\n".join(lines) + "\n").encode()


def archive_package(partnership: Partnership, *, host: str, progress=None) -> bytes:
    """The zip for `partnership` (fetched through reporting.selectors.partnership_for_documents)."""
    progress = progress or (lambda done, total: None)
    snapshot = agreement_snapshot(partnership)
    progress(0, 5)
    files = _memo(partnership, snapshot) + _versions(partnership)
    progress(1, 5)
    files += _accounts(partnership, snapshot)
    progress(2, 5)
    files += _minutes(partnership, snapshot)
    progress(3, 5)
    # The package is dated by the latest of its documents and of the partnership's own record.
    dated = [f.created for f in files] + [_local(partnership.updated_at)]
    as_of = max(dated)
    files += _summaries(partnership, as_of)
    files.sort(key=lambda f: f.path)
    progress(4, 5)
    body = snapshot["public_body"]
    package = {
        "id": mets.package_id(partnership.pk, host),
        "label": f"Arkivpaket {partnership.registry_number} – {partnership.title}",
        "created": as_of,
        "body": {"name": body["name"], "org_number": body.get("org_number", "")},
        "registry_number": partnership.registry_number,
        "title": partnership.title,
        "period": f"{partnership.start_date.isoformat()}/{partnership.end_date.isoformat()}",
        "status": str(partnership.get_status_display()),
        "parties": [party["name"] for party in snapshot["parties"]],
        "missing_archival_forms": [f.path for f in files if f.missing_archival_form],
    }
    with translation.override("sv"):
        package["status"] = str(partnership.get_status_display())
        metadata = mets.mets_document(package=package, files=files)
    mets_file = ArchiveFile("mets.xml", metadata, "text/xml", as_of, "METS", "mets.xml")
    entries = [(f.path, f.content, f.created) for f in files]
    entries.append(("mets.xml", metadata, as_of))
    entries.append(("sha256sums.txt", manifest([*files, mets_file]), as_of))
    content = _zip(entries)
    progress(5, 5)
    return content
