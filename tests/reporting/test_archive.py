"""The archive package of a partnership: a zip with every document (PDF/A where the register
renders it), mets.xml in the shape of FGS Paketstruktur and sha256sums.txt; reproducible byte
for byte until something changes; built in the background for the body's staff only."""

import datetime
import hashlib
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from finance.models import BudgetPeriod
from governance.services import group_create, meeting_record
from jobs.models import Job
from partnerships.models import Partnership
from partnerships.services import appendix_replace
from portal.models import AccountLine, AnnualAccount
from reporting.archive import archive_package
from reporting.models import SignedCopy
from reporting.selectors import partnership_for_documents
from reporting.services import agreements, memos
from tests.factories import MembershipFactory

from .conftest import login, pdf_text, sign_all
from .pdfcheck import structure_of

pytestmark = pytest.mark.django_db

METS = "{http://www.loc.gov/METS/}"
XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.fixture
def signed_eu(eu, official, administrator):
    """The EU partnership signed by every party, with its memo frozen, a signed copy, an
    annual account handed in and a steering group meeting with minutes."""
    fields = memos.memo_prefill(partnership=eu, user=administrator)
    fields.update(gender_analysis="Analys.", preparation="Beredd.", official_1_name="Gillis Hammar")
    memos.memo_freeze(memo=memos.memo_create(partnership=eu, **fields))
    version = sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    agreements.signed_copy_upload(
        version=version,
        uploaded_file=SimpleUploadedFile("underskrivet.pdf", b"%PDF-1.7\n% inskannad\n"),
        user=official,
    )
    party = eu.parties.filter(is_public=False).order_by("organisation__name").first()
    account = AnnualAccount.objects.create(
        party=party,
        period=BudgetPeriod.objects.get(partnership=eu),
        status="submitted",
        narrative="Pengarna gick till personal och lokal.",
        own_money=Decimal("12000"),
    )
    AccountLine.objects.create(
        account=account, category="Personal", budget_amount=Decimal(500000), actual=Decimal(498000)
    )
    group = group_create(partnership=eu, kind="steering", meeting_interval_days=91)
    meeting_record(
        group=group, date=datetime.date(2017, 6, 1), user=official, minutes="Budgeten följs."
    )
    return eu


def _build(partnership) -> bytes:
    fresh = partnership_for_documents(Partnership.objects.all(), partnership.pk)
    return archive_package(fresh, host="iop.example.se")


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def test_the_package_holds_every_document_with_mets_and_manifest(signed_eu):
    content = _build(signed_eu)
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    assert names == sorted(names)
    assert {"mets.xml", "sha256sums.txt"} <= set(names)
    documents = [name for name in names if name.startswith("content/")]
    assert documents == [
        "content/arssammanstallningar/2017-05-01.pdf",
        "content/avtal/version-01.pdf",
        "content/ekonomiska-redovisningar/2017-05-01-8020121581.pdf",
        "content/protokoll/2017-06-01-steering-1.pdf",
        "content/tjansteutlatande.pdf",
        "content/underskrivna/version-01-kopia-1.pdf",
    ]

    # mets.xml: every document listed once, with its size, checksum and type.
    root = etree.fromstring(archive.read("mets.xml"))
    assert root.tag == f"{METS}mets"
    assert root.get("PROFILE").startswith("http://xml.ra.se/e-arkiv/METS/")
    header = root.find(f"{METS}metsHdr")
    agents = {(a.get("ROLE"), a.findtext(f"{METS}name")) for a in header.findall(f"{METS}agent")}
    body = signed_eu.public_body.name
    assert ("ARCHIVIST", body) in agents and ("CREATOR", body) in agents
    assert ("CREATOR", "IOP-registret") in agents
    reference = header.find(f"{METS}altRecordID[@TYPE='REFERENCECODE']")
    assert reference.text == "156-139/2015"
    listed = {}
    for entry in root.iter(f"{METS}file"):
        href = entry.find(f"{METS}FLocat").get(f"{XLINK}href")
        listed[href.removeprefix("file:")] = entry
    assert sorted(listed) == documents
    for name, entry in listed.items():
        data = archive.read(name)
        assert entry.get("CHECKSUMTYPE") == "SHA-256"
        assert entry.get("CHECKSUM") == _sha(data)
        assert entry.get("SIZE") == str(len(data))
        assert entry.get("MIMETYPE") == "application/pdf"
        assert entry.get("CREATED")
        # The structure map points to every file.
        assert root.find(f".//{METS}structMap//{METS}fptr[@FILEID='{entry.get('ID')}']") is not None
    types = {name: entry.get("USE") for name, entry in listed.items()}
    assert types["content/tjansteutlatande.pdf"] == "Tjänsteutlåtande"
    assert types["content/avtal/version-01.pdf"] == "Avtal"
    assert types["content/underskrivna/version-01-kopia-1.pdf"] == "Underskrivet avtal"
    assert types["content/protokoll/2017-06-01-steering-1.pdf"] == "Protokoll"
    dc = "{http://purl.org/dc/elements/1.1/}"
    partnership_dmd = root.find(f"{METS}dmdSec[@ID='dmd-partnership']")
    assert partnership_dmd.find(f".//{dc}identifier").text == "156-139/2015"

    # sha256sums.txt: every other file with its SHA-256 and size.
    manifest = {}
    for line in archive.read("sha256sums.txt").decode().splitlines():
        sha, size, name = line.split("  ")
        manifest[name] = (sha, int(size))
    assert sorted(manifest) == [*documents, "mets.xml"]
    for name, (sha, size) in manifest.items():
        data = archive.read(name)
        assert (sha, size) == (_sha(data), len(data))


def test_rendered_documents_are_pdf_a(signed_eu):
    archive = zipfile.ZipFile(io.BytesIO(_build(signed_eu)))
    for name in (
        "content/tjansteutlatande.pdf",
        "content/avtal/version-01.pdf",
        "content/arssammanstallningar/2017-05-01.pdf",
        "content/ekonomiska-redovisningar/2017-05-01-8020121581.pdf",
        "content/protokoll/2017-06-01-steering-1.pdf",
    ):
        structure = structure_of(archive.read(name))
        assert structure.pdfa == ("2", "A"), name
        assert structure.lang == "sv"
    minutes = pdf_text(archive.read("content/protokoll/2017-06-01-steering-1.pdf"))
    assert "Budgeten följs." in minutes and "156-139/2015" in minutes
    account = pdf_text(archive.read("content/ekonomiska-redovisningar/2017-05-01-8020121581.pdf"))
    assert "Convictus" in account and "Pengarna gick till personal och lokal." in account
    # The signed copy is kept as uploaded, byte for byte.
    assert archive.read("content/underskrivna/version-01-kopia-1.pdf") == (
        b"%PDF-1.7\n% inskannad\n"
    )


def test_the_package_is_reproducible_until_something_changes(signed_eu, official):
    first = _build(signed_eu)
    second = _build(signed_eu)
    assert _sha(first) == _sha(second)
    # Every zip entry carries a date from the data, not the clock: the signed copy's is when
    # it was uploaded, the metadata's the package's date in mets.xml.
    archive = zipfile.ZipFile(io.BytesIO(first))
    copy = SignedCopy.objects.get()
    uploaded = timezone.localtime(copy.uploaded_at)
    stamp = archive.getinfo("content/underskrivna/version-01-kopia-1.pdf").date_time
    assert abs(datetime.datetime(*stamp) - uploaded.replace(tzinfo=None)) < datetime.timedelta(
        seconds=2
    )
    created = etree.fromstring(archive.read("mets.xml")).find(f"{METS}metsHdr").get("CREATEDATE")
    mets_stamp = datetime.datetime(*archive.getinfo("mets.xml").date_time)
    package_date = datetime.datetime.fromisoformat(created).replace(tzinfo=None)
    assert abs(mets_stamp - package_date) < datetime.timedelta(seconds=2)
    group = signed_eu.groups.get()
    meeting_record(group=group, date=datetime.date(2017, 9, 1), user=official, minutes="Nytt.")
    third = _build(signed_eu)
    assert _sha(third) != _sha(first)
    assert (
        "content/protokoll/2017-09-01-steering-1.pdf"
        in zipfile.ZipFile(io.BytesIO(third)).namelist()
    )


def test_built_in_the_background_for_the_bodys_staff_only(
    client, signed_eu, official, other_official, other_administrator
):
    url = reverse("reporting:archive", args=[signed_eu.pk])
    representative_org = signed_eu.parties.filter(is_public=False).first().organisation
    representative = MembershipFactory(
        organisation=representative_org, role="representative", body=signed_eu.public_body
    ).user
    login(client, official)
    page = client.get(reverse("reporting:overview", args=[signed_eu.pk])).content.decode()
    assert url in page
    response = client.post(url)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == "done"
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert 'filename="arkivpaket-156-139-2015.zip"' in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    assert "mets.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()

    for outsider in (other_official, other_administrator, representative):
        login(client, outsider)
        assert client.post(url).status_code == 404
    login(client, representative)
    page = client.get(reverse("reporting:overview", args=[signed_eu.pk])).content.decode()
    assert url not in page
    assert Job.objects.count() == 1


def test_an_amendment_is_a_version_of_its_own_in_the_package(signed_eu, official):
    agreements.amendment_start(partnership=signed_eu, user=official)
    convictus = signed_eu.parties.get(organisation__name="Convictus").appendices.get()
    appendix_replace(
        appendix=convictus,
        commitments="Natthärbärge och dagcenter.",
        valid_from=datetime.date(2018, 1, 1),
    )
    amendment = signed_eu.agreement_versions.get(number=2)
    agreements.amendment_prepare(version=amendment, user=official)
    archive = zipfile.ZipFile(io.BytesIO(_build(signed_eu)))
    name = "content/avtal/version-02-andring-1.pdf"
    assert "content/avtal/version-01.pdf" in archive.namelist()
    root = etree.fromstring(archive.read("mets.xml"))
    entry = root.find(f".//{METS}file/{METS}FLocat[@{XLINK}href='file:{name}']/..")
    assert entry.get("USE") == "Ändring och tillägg"
    assert entry.get("CHECKSUM") == _sha(archive.read(name))
    assert structure_of(archive.read(name)).pdfa == ("2", "A")
    assert "Natthärbärge och dagcenter." in pdf_text(archive.read(name))
