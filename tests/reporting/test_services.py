"""Versions, signing, freezing, signed copies, amendments and the memo's freeze."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from organisations.models import Organisation
from partnerships.constants import Status
from partnerships.services import appendix_replace, party_add
from reporting.constants import VersionKind
from reporting.models import AgreementVersion, Signature
from reporting.services import agreements, memos
from reporting.services.documents import agreement_document
from tests.factories import AppendixFactory, OrganisationFactory

from .conftest import add_budget, pdf_text, sign_all

pytestmark = pytest.mark.django_db


def test_preparing_stores_snapshot_pdf_and_hash(eu, official):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    assert version.number == 1 and version.kind == VersionKind.ORIGINAL
    content = version.pdf.read()
    assert content.startswith(b"%PDF-")
    assert version.pdf_sha256 == hashlib.sha256(content).hexdigest()
    assert len(version.snapshot["parties"]) == 6
    assert "Convictus" in pdf_text(content)


def test_missing_parts_refuse_a_version_and_nothing_is_saved(bris, official):
    with pytest.raises(ValidationError) as exc:
        agreements.agreement_version_create(partnership=bris, user=official)
    assert "Bris (Barnens rätt i samhället) saknar organisationsnummer." in exc.value.messages
    assert not AgreementVersion.objects.exists()


def test_signature_before_the_board_decision_is_refused(eu, official):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    party = eu.parties.get(is_public=True)
    with pytest.raises(ValidationError) as exc:
        agreements.signature_record(
            version=version,
            party=party,
            signed_by="Gillis Hammar",
            capacity="Förvaltningschef",
            signed_on=datetime.date(2017, 4, 19),
            user=official,
        )
    assert exc.value.message_dict["signed_on"] == [
        "Avtalet kan inte undertecknas före beslutet i Socialnämnden den 2017-04-20."
    ]
    assert not Signature.objects.exists()


def test_a_party_signs_once_and_outsiders_cannot_sign(eu, official, public_body):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    party = eu.parties.get(is_public=True)
    kwargs = {
        "signed_by": "Gillis Hammar",
        "capacity": "Förvaltningschef",
        "signed_on": datetime.date(2017, 5, 2),
        "user": official,
    }
    agreements.signature_record(version=version, party=party, **kwargs)
    with pytest.raises(ValidationError):
        agreements.signature_record(version=version, party=party, **kwargs)
    other = OrganisationFactory()
    from partnerships.models import Party

    stranger = Party.objects.create(partnership=eu, organisation=other, joined_on=eu.start_date)
    with pytest.raises(ValidationError) as exc:
        agreements.signature_record(version=version, party=stranger, **kwargs)
    assert "party" in exc.value.message_dict


def test_last_signature_freezes_and_printed_fields_are_locked(eu, official):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    agreements.ensure_not_frozen(eu)  # before anyone signs, changes are fine
    version = sign_all(version, official)
    assert version.frozen_at is not None
    eu.refresh_from_db()
    assert eu.status == Status.SIGNED
    with pytest.raises(ValidationError) as exc:
        agreements.ensure_not_frozen(eu)
    assert "låst" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        agreements.version_refresh(version=version, user=official)


def test_frozen_version_exports_the_same_text_every_time(eu, official):
    version = sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    first = agreement_document(version.snapshot, version=version)
    # The partnership changes afterwards (through an amendment): the version does not.
    eu.title = "Ett nytt namn"
    eu.save()
    second = agreement_document(version.snapshot, version=version)
    assert first == second
    assert "Ett nytt namn" not in pdf_text(second)


def test_signed_copy_must_be_a_pdf_by_content(eu, official):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    fake = SimpleUploadedFile("avtal.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        agreements.signed_copy_upload(version=version, uploaded_file=fake, user=official)
    assert exc.value.message_dict["file"] == [
        "Filen är inte en PDF. Ladda upp den skannade kopian som PDF."
    ]
    data = b"%PDF-1.7\n% scanned\n"
    copy = agreements.signed_copy_upload(
        version=version, uploaded_file=SimpleUploadedFile("scan.pdf", data), user=official
    )
    assert copy.sha256 == hashlib.sha256(data).hexdigest()
    assert copy.file.name.startswith("reporting/signed/") and "scan" not in copy.file.name


def test_amendment_lists_what_changed_and_gets_its_own_signatures(eu, official, administrator):
    original = sign_all(
        agreements.agreement_version_create(partnership=eu, user=official), official
    )
    with pytest.raises(ValidationError):
        agreements.agreement_version_create(partnership=eu, user=official)
    amendment = agreements.amendment_start(partnership=eu, user=official)
    agreements.ensure_not_frozen(eu)  # open for changes again
    with pytest.raises(ValidationError):  # nothing changed yet
        agreements.amendment_prepare(version=amendment, user=official)
    newcomer = OrganisationFactory(name="Hela människan", org_number="8020038819")
    party = party_add(partnership=eu, organisation=newcomer, joined_on=datetime.date(2018, 1, 1))
    appendix = AppendixFactory(party=party, number="2.7", commitments="Dagverksamhet.")
    add_budget(
        eu,
        appendix,
        [
            (
                (datetime.date(2017, 5, 1), datetime.date(2018, 4, 30)),
                [("Personal", Decimal("100000"))],
            )
        ],
    )
    convictus = eu.parties.get(organisation__name="Convictus").appendices.get()
    appendix_replace(
        appendix=convictus,
        commitments="Natthärbärge och dagcenter.",
        valid_from=datetime.date(2018, 1, 1),
    )
    eu.end_date = datetime.date(2020, 4, 30)
    eu.save()
    amendment = agreements.amendment_prepare(version=amendment, user=official)
    kinds = {c["kind"] for c in amendment.changes}
    assert {"party_added", "appendix_replaced", "budget", "extension"} <= kinds
    text = pdf_text(amendment.pdf.read())
    assert "Ändring och tillägg nr 1" in text
    assert "Hela människan, organisationsnummer 802003-8819, ansluter till partnerskapet" in text
    assert "Bilaga 2.2 för Convictus ersätts av en ny version" in text
    assert "Partnerskapet förlängs till och med den 30 april 2020" in text
    assert "sju likalydande exemplar" in text
    assert original.frozen_at and not amendment.frozen_at
    sign_all(amendment, official, on=datetime.date(2018, 1, 10))
    amendment.refresh_from_db()
    assert amendment.frozen_at is not None


def test_memo_is_editable_until_frozen(minors, administrator):
    fields = memos.memo_prefill(partnership=minors, user=administrator)
    # Only a complete memo goes to the board (issue 13): the sections the prefill cannot know.
    fields.update(gender_analysis="Andelen flickor har ökat.", preparation="Beredd.")
    memo = memos.memo_create(partnership=minors, **fields, official_1_name="Gillis Hammar")
    memos.memo_update(memo=memo, title="Nytt ärende")
    memo = memos.memo_freeze(memo=memo)
    with pytest.raises(ValidationError) as exc:
        memos.memo_update(memo=memo, title="Ändrat efteråt")
    assert "låst" in exc.value.messages[0]
    memo.refresh_from_db()
    assert memo.title == "Nytt ärende"


def test_bris_blocks_until_someone_enters_the_number(bris, bris_org, official):
    Organisation.objects.filter(pk=bris_org.pk).update(org_number="8020000016")
    version = agreements.agreement_version_create(partnership=bris, user=official)
    assert version.snapshot["parties"][1]["org_number"] == "802000-0016"


def test_agreement_prints_the_signatories_given_to_its_body_and_a_version_keeps_them(
    eu, official, other_body
):
    """Uppsala also partners with Convictus and was given another signatory: Stockholm's
    agreement prints Stockholm's. A signed version keeps what it printed after Stockholm's
    list changes."""
    from organisations.services import relation_update
    from tests.factories import PartnershipFactory

    convictus = eu.parties.get(organisation__name="Convictus").organisation
    PartnershipFactory(public_body=other_body, organisations=[convictus])
    relation_update(body=eu.public_body, organisation=convictus, signatories=[{"name": "Åsa Lind"}])
    relation_update(
        body=other_body, organisation=convictus, signatories=[{"name": "Uppsalas Urban"}]
    )
    version = sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    text = pdf_text(agreement_document(version.snapshot, version=version))
    assert "Åsa Lind" in text and "Uppsalas Urban" not in text
    relation_update(
        body=eu.public_body, organisation=convictus, signatories=[{"name": "Ny Person"}]
    )
    version.refresh_from_db()
    text = pdf_text(agreement_document(version.snapshot, version=version))
    assert "Åsa Lind" in text and "Ny Person" not in text
