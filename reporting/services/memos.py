"""The decision memo (tjänsteutlåtande): prefilled from the partnership, written by the
officer, frozen when it goes to the board."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bodies.selectors import body_settings
from common.versions import Versioned
from partnerships.models import Partnership
from reporting.models import DecisionMemo
from reporting.selectors import agreement_snapshot, memo_problems, partnership_for_documents

MEMO_FIELDS = (
    "case_officer_name",
    "case_officer_phone",
    "board",
    "memo_date",
    "registry_number",
    "title",
    "proposed_decision",
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


def memo_prefill(*, partnership: Partnership, user=None, snapshot: dict | None = None) -> dict:
    """Initial values for a new memo: what the partnership already knows."""
    snapshot = snapshot or agreement_snapshot(partnership)
    own = body_settings(partnership.public_body_id)
    board = own.deciding_body
    organisations = [p for p in snapshot["parties"] if not p["is_public"]]
    context = {
        "s": snapshot,
        "board": board,
        "head_title_definite": own.head_title_definite,
        "organisations": organisations,
    }
    decision = _render_text("decision", context)
    return {
        "case_officer_name": user.get_full_name() if user is not None else "",
        "board": board,
        "memo_date": timezone.localdate(),
        "registry_number": partnership.registry_number,
        "title": partnership.title,
        "proposed_decision": decision,
        "official_1_title": own.head_title,
        "official_2_title": "Administrativ chef",
        "summary": _render_text("summary", context),
        "background": _render_text("background", context),
        # Who prepared the matter and when is not in the register: the officer writes it
        # (a generic sentence would say nothing); until then the memo is a draft.
        "preparation": "",
        "matter": _render_text("matter", context),
        "administration_view": f"Förvaltningen föreslår att {board} beslutar att:\n\n" + decision,
        "appendices": _render_text("appendices", context),
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
    memo = DecisionMemo(partnership=partnership, **fields)
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
    locked.frozen_at = timezone.now().replace(microsecond=0)
    locked.save(update_fields=["facts", "frozen_at"])
    return locked
