"""The decision memo (tjänsteutlåtande): prefilled from the partnership, written by the
officer, frozen when it goes to the board."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bodies.selectors import body_settings, body_words
from common.versions import Versioned
from partnerships.constants import ResourceKind
from partnerships.models import Partnership, appendix_heading
from reporting.models import DecisionMemo
from reporting.selectors import agreement_snapshot, memo_problems, partnership_for_documents
from reporting.templatetags.reporting_pdf import cut_number
from reporting.text import in_running_text, names_in, sentence

MEMO_FIELDS = (
    "case_officer_name",
    "case_officer_phone",
    "memo_date",
    "registry_number",
    "title",
    "proposed_decision",
    "admits_new_organisations",
    "adjust_immediately",
    "official_1_name",
    "official_1_title",
    "official_2_name",
    "official_2_title",
    "summary",
    "background",
    "preparation",
    "matter",
    "gender_analysis",
    "administration_view",
    "appendices",
)
# What the memo form covers (common.versions). A form opened before the memo existed carries
# the version of "no memo yet", so a memo made meanwhile is not overwritten either.
MEMO_VERSION = Versioned(DecisionMemo, MEMO_FIELDS)


def _render_text(name: str, context: dict) -> str:
    with translation.override("sv"):
        text = render_to_string(f"reporting/prefill/{name}.txt", context)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    # Collapse runs of blank lines left by template tags.
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _criteria_met(partnership: Partnership) -> list[tuple[str, str]]:
    with translation.override("sv"):
        return [
            (str(c.get_criterion_display()), c.justification.strip())
            for c in partnership.criteria.all()
            if c.is_met
        ]


def memo_prefill(*, partnership: Partnership, user=None, snapshot: dict | None = None) -> dict:
    """Initial values for a new memo: what the partnership already knows. Names keep their
    case in running text (reporting.text), the parties' money and resources print as tables
    from the register (not as text here), and the appendices are listed from the parties."""
    snapshot = snapshot or agreement_snapshot(partnership)
    own = body_settings(partnership.public_body_id)
    board = own.deciding_body
    names = names_in(snapshot)
    organisations = [p for p in snapshot["parties"] if not p["is_public"]]
    officer = partnership.case_officer or user
    context = {
        "s": snapshot,
        "board": board,
        "board_in_text": in_running_text(board, names=names),
        "head_title_definite": own.head_title_definite,
        "letterhead_name": own.letterhead_name,
        "organisations": organisations,
        "title_in_text": in_running_text(snapshot["title"], names=names),
        "purpose_in_text": in_running_text(sentence(snapshot["purpose"]), names=names),
        "goal_in_text": in_running_text(sentence(snapshot["goal"]), names=names),
        "officer_name": officer.get_full_name() if officer is not None else "",
        "criteria_met": _criteria_met(partnership),
    }
    return {
        "case_officer_name": user.get_full_name() if user is not None else "",
        "memo_date": timezone.localdate(),
        "registry_number": partnership.registry_number,
        "title": partnership.title,
        "proposed_decision": _render_text("decision", context),
        "official_1_title": own.head_title,
        "official_2_title": "Administrativ chef",
        "summary": _render_text("summary", context),
        "background": _render_text("background", context),
        "preparation": _render_text("preparation", context),
        "matter": _render_text("matter", context),
        # The proposal itself prints from the decision points; this is for the views.
        "administration_view": "",
        "appendices": "",
    }


def _check(memo: DecisionMemo) -> None:
    memo.full_clean(exclude=["partnership"])


@transaction.atomic
def memo_create(*, partnership: Partnership, **fields) -> DecisionMemo:
    if DecisionMemo.objects.filter(partnership=partnership).exists():
        raise ValidationError(_("The partnership already has a decision memo."))
    unknown = set(fields) - set(MEMO_FIELDS)
    if unknown:
        raise ValueError(f"Not memo fields: {sorted(unknown)}")
    # The memo goes to the body's deciding body: its settings name it, the officer does not.
    board = body_settings(partnership.public_body_id).deciding_body
    memo = DecisionMemo(partnership=partnership, board=board, **fields)
    _check(memo)
    memo.save()
    return memo


@transaction.atomic
def memo_update(*, memo: DecisionMemo, version: str | None = None, **fields) -> DecisionMemo:
    """`version` (MEMO_VERSION), when given, is what the form showed: a save over a newer one
    is refused (common.versions)."""
    locked = DecisionMemo.objects.select_for_update().get(pk=memo.pk)
    if locked.frozen_at is not None:
        raise ValidationError(
            _("The decision memo has been sent to %(board)s and is frozen: it cannot change.")
            % {"board": locked.board}
        )
    MEMO_VERSION.check(version, locked)
    for name, value in fields.items():
        if name not in MEMO_FIELDS:
            raise ValueError(f"{name} is not a memo field")
        setattr(locked, name, value)
    locked.board = body_settings(locked.partnership.public_body_id).deciding_body
    _check(locked)
    locked.save()
    return locked


@transaction.atomic
def memo_freeze(*, memo: DecisionMemo) -> DecisionMemo:
    """Send the memo to the board: only a complete memo, and from then on it prints the
    register's facts as they are now."""
    locked = DecisionMemo.objects.select_for_update().get(pk=memo.pk)
    if locked.frozen_at is not None:
        raise ValidationError(_("The decision memo is already frozen."))
    partnership = partnership_for_documents(Partnership.objects.all(), locked.partnership_id)
    facts = agreement_snapshot(partnership)
    problems = memo_problems(locked, partnership, facts)
    if problems:
        raise ValidationError([problem["message"] for problem in problems])
    locked.facts = facts
    locked.board = facts["public_body"]["deciding_body"]
    locked.frozen_at = timezone.now().replace(microsecond=0)
    locked.save(update_fields=["facts", "board", "frozen_at"])
    return locked


# --- Printing -------------------------------------------------------------------------------


def number_key(number: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in str(number).split("."))


def _optional_points(memo: DecisionMemo, words: dict) -> list[str]:
    """Seed 004's points the officer chooses on the memo form."""
    points = []
    if memo.admits_new_organisations:
        points.append(
            f"{words['deciding_body']} ger {words['head_title_definite']} i uppdrag att godkänna "
            "nya organisationer som ansluter sig till partnerskapet, inom ramen för "
            "partnerskapets budget."
        )
    return points


ADJUST_IMMEDIATELY = "Paragrafen justeras omedelbart."


def memo_print_context(memo: DecisionMemo, facts: dict) -> dict:
    """What the memo prints beside its written text, all from `facts` (the register now, or
    as it was when the memo was frozen): the body's words, the decision points with the
    chosen optional ones, the parties' resources as tables and the appendices in number
    order."""
    words = {**body_words(body_settings(facts["public_body"]["id"])), **facts["public_body"]}
    names = names_in(facts)
    proposal = [cut_number(p) for p in memo.decision_points] + _optional_points(memo, words)
    # The immediate adjustment is a point of the decision, not of the proposal's reasons.
    points = proposal + ([ADJUST_IMMEDIATELY] if memo.adjust_immediately else [])
    parties = facts["parties"]
    public_ids = {p["organisation_id"] for p in parties if p["is_public"]}
    cofinancing = facts["finance"]["cofinancing"]

    def is_public(row) -> bool:
        return row.get("is_public", row["organisation_id"] in public_ids)

    budget = bool(facts["finance"]["years"])

    def in_kind(party) -> list[dict]:
        # The public party's money is the budget, printed per period above its resources.
        return [
            {"organisation": party["name"], **r}
            for r in (party["appendix"] or {}).get("resources", [])
            if not (party["is_public"] and budget and r["kind"] == ResourceKind.MONEY)
        ]

    appendices = sorted(
        (
            (
                p["appendix"]["number"],
                appendix_heading(p["appendix"]["title"]) or f"Avtal {p['name']}",
            )
            for p in parties
            if p["appendix"]
        ),
        key=lambda item: number_key(item[0]),
    )
    return {
        "body": words,
        "board": words["deciding_body"],
        "board_in_text": in_running_text(words["deciding_body"], names=names),
        "points": points,
        "proposal_points": proposal,
        "public_money": facts["finance"]["years"],
        "public_resources": [c for c in cofinancing if is_public(c)]
        + [r for p in parties if p["is_public"] for r in in_kind(p)],
        "organisation_cofinancing": [c for c in cofinancing if not is_public(c)],
        "organisation_resources": [r for p in parties if not p["is_public"] for r in in_kind(p)],
        "party_appendices": appendices,
        "further_appendices": [cut_number(a) for a in memo.appendix_list],
    }
