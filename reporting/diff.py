"""What changed between two agreement snapshots: a structured list for the amendment's PDF,
and a line-by-line readable difference (difflib) for the history page."""

import difflib
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from .agreement_text import SECTION_CLAUSES, agreement_sections
from .clauses import TITLES_SV
from .constants import TEXT_FIELDS

# What a difference in these snapshot keys is called when the readable sections miss it.
OTHER_PRINTED = (
    (("title", "registry_number"), _("Title and registry number")),
    (("public_body",), _("The public party")),
    (("decided_on", "decision_paragraph"), _("The board's decision")),
    (("finance",), _("Money and payment terms")),
    (("governance", "clauses", "duties"), _("The agreement's clauses")),
)

# Finance terms the termination clause prints.
_TERMINATION_TERMS = ("notice_months", "refund_on_termination", "dispute_ends_partnership")


def snapshot_fingerprint(snapshot: dict) -> str:
    """SHA-256 of the snapshot's canonical JSON: equal exactly when the agreement would print
    the same (the stored JSON and a fresh snapshot give the same digest)."""
    canonical = json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _by_org(snapshot: dict) -> dict[int, dict]:
    return {p["organisation_id"]: p for p in snapshot.get("parties", [])}


def _budget_totals(snapshot: dict) -> dict[tuple[str, int], tuple[str, str]]:
    totals = {}
    for year in snapshot.get("finance", {}).get("years", []):
        for org in year["organisations"]:
            totals[(year["start"], org["organisation_id"])] = (org["name"], org["total"])
    return totals


def snapshot_changes(old: dict, new: dict) -> list[dict]:
    """Structured changes from `old` to `new` (codes and values, no translated text)."""
    changes: list[dict] = []
    for field, _label in TEXT_FIELDS:
        if old.get(field) != new.get(field):
            changes.append(
                {"kind": "field", "field": field, "old": old.get(field), "new": new.get(field)}
            )
    for field in ("start_date", "end_date", "latest_end_date"):
        if old.get(field) != new.get(field):
            kind = (
                "extension"
                if field == "end_date" and (new.get(field) or "") > (old.get(field) or "")
                else "period"
            )
            changes.append(
                {"kind": kind, "field": field, "old": old.get(field), "new": new.get(field)}
            )
    old_parties, new_parties = _by_org(old), _by_org(new)
    for org_id, party in new_parties.items():
        if org_id not in old_parties:
            changes.append(
                {
                    "kind": "party_added",
                    "name": party["name"],
                    "org_number": party["org_number"],
                    "joined_on": party["joined_on"],
                }
            )
    for org_id, party in old_parties.items():
        if org_id not in new_parties:
            changes.append(
                {"kind": "party_left", "name": party["name"], "org_number": party["org_number"]}
            )
    for org_id, party in new_parties.items():
        before = old_parties.get(org_id)
        if before is None:
            continue
        a, b = before.get("appendix"), party.get("appendix")
        if a and b and (a["id"] != b["id"] or a != b):
            changes.append(
                {
                    "kind": "appendix_replaced",
                    "name": party["name"],
                    "number": b["number"],
                    "version": b["version"],
                    "valid_from": b["valid_from"],
                }
            )
        elif b and not a:
            changes.append(
                {
                    "kind": "appendix_added",
                    "name": party["name"],
                    "number": b["number"],
                    "valid_from": b["valid_from"],
                }
            )
        elif a and not b:
            changes.append(
                {"kind": "appendix_dropped", "name": party["name"], "number": a["number"]}
            )
    old_budget, new_budget = _budget_totals(old), _budget_totals(new)
    for key in sorted(set(old_budget) | set(new_budget)):
        before, after = old_budget.get(key), new_budget.get(key)
        if before != after:
            name = (after or before)[0]
            changes.append(
                {
                    "kind": "budget",
                    "name": name,
                    "year_start": key[0],
                    "old": before[1] if before else None,
                    "new": after[1] if after else None,
                }
            )
    return changes + _clause_changes(old, new)


def _printed(snapshot: dict) -> dict:
    return agreement_sections(snapshot, snapshot.get("public_body", {}))


def _clause_changes(old: dict, new: dict) -> list[dict]:
    """A section whose facts changed (the groups, the termination terms, the fee from other
    municipalities) is printed anew as a whole; otherwise each clause whose text changed (the
    partnership's own text, or the body's) is printed anew. Snapshots from before the clause
    library (no "clauses") compare only their facts."""
    if "clauses" not in old:
        return []
    before, after = _printed(old), _printed(new)
    whole = set()
    old_finance, new_finance = old.get("finance", {}), new.get("finance", {})
    if old.get("governance") != new.get("governance") or old_finance.get(
        "other_municipality_fee"
    ) != new_finance.get("other_municipality_fee"):
        whole.add("cooperation")
    if any(old_finance.get(key) != new_finance.get(key) for key in _TERMINATION_TERMS):
        whole.add("termination")
    changes = []
    for section in SECTION_CLAUSES:
        if section in whole and before["lines"][section] != after["lines"][section]:
            changes.append(
                {
                    "kind": "section",
                    "section": section,
                    "title": after["titles"][section],
                    "text": after["lines"][section],
                }
            )
            continue
        for key in after["used"][section]:
            was = (old["clauses"].get(key) or {}).get("text")
            now = new["clauses"][key]["text"]
            if was != now:
                changes.append(
                    {
                        "kind": "clause",
                        "key": key,
                        "title": TITLES_SV.get(key, key),
                        "source": new["clauses"][key]["source"],
                        "old": was,
                        "new": now,
                        "text": after["texts"][key],
                    }
                )
    return changes


def snapshot_sections(snapshot: dict) -> list[tuple[str, list[str]]]:
    """The snapshot as plain text lines per section, for a readable difference."""
    sections = []
    for field, label in TEXT_FIELDS:
        value = snapshot.get(field) or ""
        lines = value if isinstance(value, list) else value.splitlines()
        sections.append((str(label), [line for line in lines if line.strip()]))
    sections.append(
        (
            "Period",
            [
                f"{snapshot.get('start_date')} – {snapshot.get('end_date')}"
                + (
                    f" (längst {snapshot['latest_end_date']})"
                    if snapshot.get("latest_end_date")
                    else ""
                )
            ],
        )
    )
    parties, appendices = [], []
    for party in snapshot.get("parties", []):
        parties.append(f"{party['name']} {party['org_number']}".strip())
        appendix = party.get("appendix")
        if appendix:
            appendices.append(
                f"Bilaga {appendix['number']} v{appendix['version']} – {party['name']}"
            )
            appendices.extend(
                f"  {line}" for line in appendix["commitments"].splitlines() if line.strip()
            )
    sections.append(("Parter", parties))
    sections.append(("Bilagor", appendices))
    budget = []
    for year in snapshot.get("finance", {}).get("years", []):
        for org in year["organisations"]:
            for line in org["lines"]:
                budget.append(f"{year['start']} {org['name']}: {line['label']} {line['amount']}")
    sections.append(("Budget", budget))
    # The clauses as printed: a change of a clause text or of the facts it prints shows here.
    printed = _printed(snapshot)
    for section in SECTION_CLAUSES:
        sections.append((printed["titles"][section], printed["lines"][section]))
    return sections


def readable_diff(old: dict, new: dict) -> list[dict]:
    """[{"section", "lines": [(sign, text)]}] for the sections that differ."""
    result = []
    for (label, before), (_label, after) in zip(
        snapshot_sections(old), snapshot_sections(new), strict=True
    ):
        if before == after:
            continue
        lines = []
        for line in difflib.ndiff(before, after):
            sign = line[:1]
            if sign == "?":
                continue
            lines.append((sign.strip() or " ", line[2:]))
        result.append({"section": label, "lines": lines})
    return result


def stale_changes(old: dict, new: dict) -> list[dict]:
    """What the register changed in what a prepared version prints: the readable difference,
    plus a named section for each other printed part that differs (signatories, terms …)."""
    result = readable_diff(old, new)
    named = {section["section"] for section in result}
    for keys, label in OTHER_PRINTED:
        if any(old.get(key) != new.get(key) for key in keys) and str(label) not in named:
            result.append({"section": str(label), "lines": []})
    if not result and old.get("parties") != new.get("parties"):
        # Same names and numbers, but a signatory, a town or a date of joining changed.
        result.append({"section": str(_("The parties' details")), "lines": []})
    if not result:
        result.append({"section": str(_("Other printed details")), "lines": []})
    return result
