"""Rendering of the documents from their data (snapshots and memos) to PDF or HTML."""

from django.utils import translation
from django.utils.formats import date_format

from bodies.selectors import body_settings, body_words
from reporting.agreement_text import agreement_sections
from reporting.pdf import render_html, render_to_pdf
from reporting.services.memos import memo_print_context, number_key
from reporting.text import in_running_text, names_in


def agreement_title(snapshot: dict, version=None) -> str:
    if version is not None and version.kind == "amendment":
        return (
            f"Ändring och tillägg nr {version.amendment_number} till idéburet offentligt "
            f"partnerskap – {snapshot['title']}"
        )
    return f"Idéburet offentligt partnerskap – {snapshot['title']}"


AGREEMENT_DRAFT_INTRO = "Detta saknas innan avtalet kan förberedas för underskrift:"


def memo_draft_intro(board: str) -> str:
    return f"Detta saknas innan tjänsteutlåtandet kan skickas till {board}:"


def body_context(public_body: dict) -> dict:
    """The body's words for a document: what its snapshot froze, the body's current settings
    for what an older snapshot did not keep."""
    return {**body_words(body_settings(public_body["id"])), **public_body}


def _draft(problems, intro: str) -> dict:
    """A document with missing parts prints as a draft: "UTKAST" on every page and the list of
    what is missing first (never as empty fields in the text)."""
    return {"draft_problems": list(problems or []), "draft_intro": intro}


BLANK_DATE = "den ____________ 20__"


def signature_blocks(snapshot: dict, body: dict, version=None) -> list[dict]:
    """One block per party: the public party signs for the deciding body of the body's
    settings ("För socialnämnden"); the date is the recorded signing date, or left blank
    for the signer (never a year guessed from the period)."""
    recorded = {}
    if version is not None and version.pk:
        recorded = {s.party_id: s for s in version.signatures.all()}
    blocks = []
    for party in snapshot["parties"]:
        signatory = next(iter(party["signatories"]), None)
        signature = recorded.get(party["party_id"])
        if party["is_public"]:
            signs_for = (
                in_running_text(body["deciding_body"], names=names_in(snapshot)) or party["name"]
            )
            place = body.get("signing_place") or party["city"]
            title = signatory["title"] if signatory else body["head_title"]
        else:
            signs_for, place = party["name"], party["city"]
            title = signatory["title"] if signatory else ""
        name = signatory["name"] if signatory else ""
        date = BLANK_DATE
        if signature is not None:
            place = signature.place or place
            date = f"den {date_format(signature.signed_on, 'j F Y')}"
            # The version's own signatory stays; the recorded signer fills a blank one.
            if not name:
                name, title = signature.signed_by, signature.capacity
        blocks.append(
            {"for": signs_for, "place": place, "date": date, "name": name, "title": title}
        )
    return blocks


def agreement_context(snapshot: dict, *, version=None, with_appendices=True, problems=None) -> dict:
    parties = snapshot["parties"]
    public = next((p for p in parties if p["is_public"]), snapshot["public_body"])
    body = body_context(snapshot["public_body"])
    return {
        "s": snapshot,
        "body": body,
        # The clauses' printed text, from the register's facts and the frozen clause texts.
        "clauses": agreement_sections(snapshot, body),
        "signature_blocks": signature_blocks(snapshot, body, version),
        "appendices_in_order": sorted(
            (p for p in parties if p["appendix"]),
            key=lambda p: number_key(p["appendix"]["number"]),
        ),
        "public": public,
        "organisations": [p for p in parties if not p["is_public"]],
        "version": version,
        "amendment": version is not None and version.kind == "amendment",
        "changes": version.changes if version is not None else [],
        "with_appendices": with_appendices,
        "appendix_parties": {
            c["name"]
            for c in (version.changes if version is not None else [])
            if c["kind"] in ("appendix_replaced", "appendix_added", "party_added")
        },
        **_draft(problems, AGREEMENT_DRAFT_INTRO),
    }


def _render(kind: str, template: str, context: dict, *, title: str, public_body: dict, created):
    """`public_body` from the snapshot: its letterhead name is the author, its own logo (if it
    has one) is on the first page."""
    author = body_context(public_body)["letterhead_name"]
    options = {
        "title": title,
        "author": author,
        "created": created,
        "logo_url": body_settings(public_body["id"]).logo_data_uri(),
    }
    with translation.override("sv"):
        if kind == "html":
            return render_html(template, context, **options)
        return render_to_pdf(template, context, **options)


def agreement_document(
    snapshot: dict, *, version=None, with_appendices=True, kind="pdf", problems=None
):
    """The agreement (or, for an amendment version, the amendment) as PDF bytes or HTML; with
    `problems` (what is missing) it is a draft."""
    template = (
        "reporting/pdf/amendment.html"
        if version is not None and version.kind == "amendment"
        else "reporting/pdf/agreement.html"
    )
    created = version.prepared_at if version is not None else None
    return _render(
        kind,
        template,
        agreement_context(
            snapshot, version=version, with_appendices=with_appendices, problems=problems
        ),
        title=agreement_title(snapshot, version),
        public_body=snapshot["public_body"],
        created=created,
    )


def appendix_document(snapshot: dict, *, party_id: int, kind="pdf", problems=None):
    """One party's appendix; with `problems` (what the agreement lacks) it is a draft, like
    the agreement it belongs to."""
    party = next(p for p in snapshot["parties"] if p["party_id"] == party_id)
    context = agreement_context(snapshot, problems=problems)
    context.update(party=party, appendix=party["appendix"])
    return _render(
        kind,
        "reporting/pdf/appendix.html",
        context,
        title=f"Bilaga {party['appendix']['number']} – {snapshot['title']}",
        public_body=snapshot["public_body"],
        created=None,
    )


def memo_document(memo, *, facts: dict, kind="pdf", problems=None, created=None):
    """The decision memo; with `problems` (what is missing) it is a draft. Its date is when it
    was frozen (or `created`, for a reproducible rendering of a memo not yet frozen)."""
    return _render(
        kind,
        "reporting/pdf/memo.html",
        {
            "memo": memo,
            "s": facts,
            **memo_print_context(memo, facts),
            **_draft(problems, memo_draft_intro(memo.board)),
        },
        title=f"Tjänsteutlåtande – {memo.title}",
        public_body=facts["public_body"],
        created=memo.frozen_at or created,
    )


def summary_document(summary: dict, *, kind="pdf", created=None):
    return _render(
        kind,
        "reporting/pdf/summary.html",
        {"summary": summary, "s": summary["snapshot"]},
        title=f"Årssammanställning {summary['year_label']} – {summary['snapshot']['title']}",
        public_body=summary["snapshot"]["public_body"],
        created=created,
    )


def account_not_recorded(account: dict) -> list[str]:
    """What the annual account leaves unsaid: its section is left out and it is named on the
    document's list of what is missing, never printed as an empty field or a dash."""
    return ["Hur resurserna har använts"] if not (account.get("narrative") or "").strip() else []


def account_document(account: dict, *, snapshot: dict, kind="pdf", created=None):
    """An organisation's annual account of one contract year, as handed in (for the archive)."""
    return _render(
        kind,
        "reporting/pdf/annual_account.html",
        {"account": account, "s": snapshot, "not_recorded": account_not_recorded(account)},
        title=f"Ekonomisk redovisning {account['period']} – {account['organisation']}",
        public_body=snapshot["public_body"],
        created=created,
    )


def minutes_not_recorded(meeting: dict) -> list[str]:
    """What the meeting's record leaves unsaid (as account_not_recorded). The minutes' text
    is not missing when the scanned minutes are in the register; a meeting without a chair
    just has no chair row (not every group draws one)."""
    missing = []
    if not (meeting.get("agenda") or "").strip():
        missing.append("Dagordning")
    if not (meeting.get("minutes") or "").strip() and not meeting.get("minutes_file_name"):
        missing.append("Protokollets text (och inget inskannat protokoll)")
    return missing


def minutes_document(meeting: dict, *, snapshot: dict, kind="pdf", created=None):
    """A group meeting's minutes, decisions and attendance (for the archive)."""
    return _render(
        kind,
        "reporting/pdf/minutes.html",
        {"meeting": meeting, "s": snapshot, "not_recorded": minutes_not_recorded(meeting)},
        title=f"Protokoll {meeting['group']} {meeting['date']} – {snapshot['title']}",
        public_body=snapshot["public_body"],
        created=created,
    )
