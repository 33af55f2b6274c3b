"""Reads for the version page: per party, whether a valid electronic signature by one of its
authorised signatories is present in the version's signed copies."""

from dataclasses import dataclass, field

from .models import AgreementVersion, EmbeddedSignature
from .pades import normalised_name


@dataclass
class PartyESignature:
    party_id: int
    name: str
    signatories: list[str]
    valid: EmbeddedSignature | None = None
    # Signatures by one of the party's signatories that are not valid (changed, untrusted …).
    failed: list[EmbeddedSignature] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.valid is not None:
            return "valid"
        return "failed" if self.failed else "missing"


def version_esignatures(version: AgreementVersion) -> tuple[list[PartyESignature], list]:
    """(one row per party of the version, the signatures by nobody who signs for a party).

    The party's authorised signatories are those the version printed (its snapshot), so the
    answer does not change when the register's list of signatories changes later."""
    signatures = list(
        EmbeddedSignature.objects.filter(copy__version=version).order_by("copy_id", "pk")
    )
    rows = []
    matched: set[int] = set()
    for party in version.snapshot.get("parties", []):
        names = [s["name"] for s in party.get("signatories", [])]
        wanted = {normalised_name(n) for n in names}
        row = PartyESignature(party_id=party["party_id"], name=party["name"], signatories=names)
        for signature in signatures:
            if normalised_name(signature.signer_name) not in wanted:
                continue
            matched.add(signature.pk)
            if signature.is_valid and row.valid is None:
                row.valid = signature
            elif not signature.is_valid:
                row.failed.append(signature)
        rows.append(row)
    strangers = [s for s in signatures if s.pk not in matched]
    return rows, strangers
