"""Rendering of the documents from their data (snapshots and memos) to PDF or HTML."""

from django.utils import translation

from reporting.pdf import render_html, render_to_pdf


def agreement_title(snapshot: dict, version=None) -> str:
    if version is not None and version.kind == "amendment":
        return (
            f"Ändring och tillägg nr {version.amendment_number} till idéburet offentligt "
            f"partnerskap – {snapshot['title']}"
        )
    return f"Idéburet offentligt partnerskap – {snapshot['title']}"


AGREEMENT_DRAFT_INTRO = "Detta saknas innan avtalet kan förberedas för underskrift:"
MEMO_DRAFT_INTRO = "Detta saknas innan tjänsteutlåtandet kan skickas till nämnden:"


def _draft(problems, intro: str) -> dict:
    """A document with missing parts prints as a draft: "UTKAST" on every page and the list of
    what is missing first (never as empty fields in the text)."""
    return {"draft_problems": list(problems or []), "draft_intro": intro}


def agreement_context(snapshot: dict, *, version=None, with_appendices=True, problems=None) -> dict:
    parties = snapshot["parties"]
    public = next((p for p in parties if p["is_public"]), snapshot["public_body"])
    return {
        "s": snapshot,
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


def _render(kind: str, template: str, context: dict, *, title: str, author: str, created):
    with translation.override("sv"):
        if kind == "html":
            return render_html(template, context, title=title, author=author, created=created)
        return render_to_pdf(template, context, title=title, author=author, created=created)


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
        author=snapshot["public_body"]["name"],
        created=created,
    )


def appendix_document(snapshot: dict, *, party_id: int, kind="pdf"):
    party = next(p for p in snapshot["parties"] if p["party_id"] == party_id)
    context = agreement_context(snapshot)
    context.update(party=party, appendix=party["appendix"])
    return _render(
        kind,
        "reporting/pdf/appendix.html",
        context,
        title=f"Bilaga {party['appendix']['number']} – {snapshot['title']}",
        author=snapshot["public_body"]["name"],
        created=None,
    )


def memo_document(memo, *, facts: dict, kind="pdf", problems=None):
    """The decision memo; with `problems` (what is missing) it is a draft."""
    return _render(
        kind,
        "reporting/pdf/memo.html",
        {"memo": memo, "s": facts, **_draft(problems, MEMO_DRAFT_INTRO)},
        title=f"Tjänsteutlåtande – {memo.title}",
        author=facts["public_body"]["name"],
        created=memo.frozen_at,
    )


def summary_document(summary: dict, *, kind="pdf"):
    return _render(
        kind,
        "reporting/pdf/summary.html",
        {"summary": summary, "s": summary["snapshot"]},
        title=f"Årssammanställning {summary['year_label']} – {summary['snapshot']['title']}",
        author=summary["snapshot"]["public_body"]["name"],
        created=None,
    )
