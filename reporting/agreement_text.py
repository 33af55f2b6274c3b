"""The agreement's clauses as printed text, from a snapshot: the register's facts (groups,
finance terms, period, reporting duties) decide which clauses apply and fill their
placeholders; the wording is the clause texts the snapshot froze (the partnership's, its
body's or the installation's). Every value returned is plain text: the templates escape it.

Blank lines in a returned text separate paragraphs (the `paragraphs` filter)."""

from django.utils import translation
from django.utils.formats import date_format

from common.formatting import format_kronor

from .clauses import ClauseKey, default_entry, fill
from .constants import number_word
from .selectors import parse_date

# A group's meeting interval in days as the agreement says it; any other in days.
_CADENCE_SV = (
    ((7,), "varje vecka"),
    ((14,), "varannan vecka"),
    ((28, 29, 30, 31), "minst en gång i månaden"),
    ((60, 61, 62), "varannan månad"),
    ((89, 90, 91, 92), "var tredje månad"),
    ((182, 183, 184), "två gånger per år"),
    ((365, 366), "en gång per år"),
)
_GROUP_SV = {
    "steering": ("Styrgrupp", "Styrgruppen", "styrgruppen"),
    "cooperation": ("Samverkansgrupp", "Samverkansgruppen", "samverkansgruppen"),
}


# The agreement's sections that print clauses, with their headings.
SECTION_CLAUSES = {
    "form": "Partnerskapets form och utgångspunkt",
    "cooperation": "Organisation och samverkan",
    "follow_up": "Uppföljning",
    "period": "Period för partnerskapet",
    "copyright": "Upphovsrätt",
    "termination": "Omförhandling, uppsägning samt tvist",
    "amendments": "Ändringar och tillägg",
}


def cadence_sv(days: int) -> str:
    for lengths, words in _CADENCE_SV:
        if days in lengths:
            return words
    return f"var {days}:e dag" if days != 1 else "varje dag"


def months_sv(months: int) -> str:
    return "en månad" if months == 1 else f"{number_word(months)} månader"


def days_sv(days: int) -> str:
    return "en dag" if days == 1 else f"{days} dagar"


def names_sv(names: list[str]) -> str:
    """ "A", "A och B", "A, B och C"."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def _date_sv(value) -> str:
    day = parse_date(value)
    return date_format(day, "j F Y") if day else ""


class _Clauses:
    """Fills the snapshot's clause texts with the snapshot's facts."""

    def __init__(self, snapshot: dict, body: dict):
        self.texts = snapshot.get("clauses") or {}
        parties = snapshot.get("parties", [])
        public = next((p for p in parties if p["is_public"]), snapshot["public_body"])
        self.public_party = public["name"]
        self.organisations = names_sv([p["name"] for p in parties if not p["is_public"]])
        finance = snapshot.get("finance", {})
        fee = finance.get("other_municipality_fee")
        self.groups = snapshot.get("governance") or []
        self.steering = next((g for g in self.groups if g["kind"] == "steering"), None)
        latest, end = snapshot.get("latest_end_date"), snapshot.get("end_date")
        due_days = (snapshot.get("duties") or {}).get("account_due_days")
        self.values = {
            "public_party": self.public_party,
            "organisations": self.organisations,
            "deciding_body": body.get("deciding_body") or "",
            "notice_period": months_sv(int(finance.get("notice_months") or 0)),
            "forum": "i styrgruppen"
            if self.steering
            else f"mellan {names_sv([self.public_party, self.organisations])}",
            "fee": format_kronor(fee) if fee else "",
            "account_due": days_sv(due_days) if due_days else "",
            "start_date": _date_sv(snapshot.get("start_date")),
            "end_date": _date_sv(end),
            "extension": (
                f" och kan förlängas med ett år i taget, dock längst till den {_date_sv(latest)}"
                if latest and latest != end
                else ""
            ),
        }

        self.section = ""
        self.used: dict[str, list[str]] = {section: [] for section in SECTION_CLAUSES}
        self.filled: dict[str, str] = {}

    def __call__(self, key: str, **extra) -> str:
        entry = self.texts.get(key) or default_entry(key)
        text = fill(entry["text"], {**self.values, **extra})
        if key not in self.used[self.section]:
            self.used[self.section].append(key)
            self.filled[key] = text
        return text


def _group_paragraphs(group: dict, clause: _Clauses) -> list[str]:
    _title, the_group, the_group_lower = _GROUP_SV.get(group["kind"], ("", "Gruppen", "gruppen"))
    members = names_sv(group["organisations"]) or "partnerskapets aktörer"
    steering = clause.steering
    paragraphs = []
    if group["kind"] == "cooperation" and steering is None:
        paragraphs.append(
            f"Samarbetet leds av en samverkansgrupp bestående av representanter för {members}."
        )
    else:
        paragraphs.append(f"{the_group} utgörs av representanter för {members}.")
    if group["kind"] == "steering":
        paragraphs.append(clause(ClauseKey.STEERING_GROUP))
    else:
        mandate = clause(ClauseKey.COOPERATION_GROUP)
        if steering is not None:
            mandate += " Frågor som kräver beslut lyfts vid behov till styrgruppen."
        paragraphs.append(mandate)
    paragraphs.append(
        f"{the_group} träffas {cadence_sv(group['interval_days'])} eller vid förekommen anledning."
    )
    if group["chair_by_lot"]:
        paragraphs.append(
            clause(
                ClauseKey.CHAIR_BY_LOT,
                group=the_group,
                chair_term=months_sv(group["chair_term_months"]),
            )
        )
    if group["writes_reports"]:
        to = "styrgruppen" if steering is not None else clause.public_party
        paragraphs.append(
            f"{the_group} lämnar en skriftlig rapport till {to} ett halvår in på varje avtalsår "
            "och innan nästa avtalsår börjar. " + clause(ClauseKey.GROUP_REPORT)
        )
        paragraphs.append(clause(ClauseKey.COMPILATION))
    return paragraphs


def agreement_sections(snapshot: dict, body: dict) -> dict:
    """The printed text of the agreement's clauses, section by section."""
    with translation.override("sv"):
        clause = _Clauses(snapshot, body)
        clause.section = "form"
        form = [
            clause(ClauseKey.FORM_SCOPE),
            clause(ClauseKey.FORM_APPENDICES),
            clause(ClauseKey.FORM_BASIS),
            clause(ClauseKey.CONFIDENTIALITY),
        ]
        clause.section = "cooperation"
        groups = [
            {
                "title": _GROUP_SV.get(g["kind"], ("Grupp",))[0],
                "paragraphs": _group_paragraphs(g, clause),
            }
            for g in clause.groups
        ]
        subsections = list(groups)
        if clause.values["fee"]:
            subsections.append(
                {
                    "title": "Deltagare från andra kommuner",
                    "paragraphs": [clause(ClauseKey.OTHER_INCOME)],
                }
            )
        information = clause(ClauseKey.INFORMATION)
        if information.strip():
            subsections.append({"title": "Informationsspridning", "paragraphs": [information]})
        cooperation = {
            "intro": clause(ClauseKey.COOPERATION),
            # Without groups the parties work together directly: the register has no group.
            "no_groups": (
                ""
                if groups
                else "Samverkan sker genom direkt kontakt mellan "
                f"{names_sv([clause.public_party, clause.organisations])}."
            ),
            "subsections": subsections,
        }
        reported_to = next(
            (g["kind"] for g in clause.groups if g["kind"] == "cooperation"),
            clause.steering["kind"] if clause.steering else None,
        )
        clause.section = "follow_up"
        follow_up = [clause(ClauseKey.FOLLOW_UP)]
        if reported_to:
            lower = _GROUP_SV[reported_to][2]
            follow_up.append(
                "Uppföljning och dokumentation genomförs av varje idéburen organisation och "
                f"redovisas till {lower}. Uppföljning ska behandlas som en stående punkt på "
                f"{lower}s möten."
            )
        else:
            follow_up.append(
                "Uppföljning och dokumentation genomförs av varje idéburen organisation och "
                f"redovisas till {clause.public_party}."
            )
        follow_up.append(clause(ClauseKey.ANNUAL_ACCOUNT))
        finance = snapshot.get("finance", {})
        clause.section = "period"
        period = clause(ClauseKey.PERIOD)
        clause.section = "copyright"
        copyright_ = clause(ClauseKey.COPYRIGHT)
        clause.section = "termination"
        termination = [
            clause(ClauseKey.RENEGOTIATION),
            clause(ClauseKey.BREACH_STEERING if clause.steering else ClauseKey.BREACH_DIALOGUE),
            clause(
                ClauseKey.TERMINATION_REFUND
                if finance.get("refund_on_termination")
                else ClauseKey.TERMINATION_NOTICE
            ),
            clause(
                ClauseKey.DISPUTE_ENDS
                if finance.get("dispute_ends_partnership")
                else ClauseKey.DISPUTE_DIALOGUE
            ),
        ]
        clause.section = "amendments"
        amendments = clause(ClauseKey.AMENDMENTS)
        follow_up = [text for text in follow_up if text]
        termination = [text for text in termination if text]
        cooperation_lines = [cooperation["intro"], cooperation["no_groups"]]
        for sub in subsections:
            cooperation_lines += [sub["title"], *sub["paragraphs"]]
        printed = {
            "form": form,
            "cooperation": cooperation_lines,
            "follow_up": follow_up,
            "period": [period],
            "copyright": [copyright_],
            "termination": termination,
            "amendments": [amendments],
        }
        return {
            "form_scope": form[0],
            "form_appendices": form[1],
            "form_basis": form[2],
            "confidentiality": form[3],
            "cooperation": cooperation,
            "follow_up": follow_up,
            "period": period,
            "copyright": copyright_,
            "termination": termination,
            "amendments": amendments,
            # For the differences between versions: each section as lines of plain text,
            # its heading, the clauses it printed and each clause as filled.
            "lines": {
                section: [line for text in texts for line in text.splitlines() if line.strip()]
                for section, texts in printed.items()
            },
            "titles": dict(SECTION_CLAUSES),
            "used": clause.used,
            "texts": clause.filled,
        }
