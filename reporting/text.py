"""Words as the documents print them inside a sentence.

A title or a purpose is stored as it reads on its own ("Humanitärt stöd för utsatta
EU-medborgare", "Att förbättra … i Stockholms stad"); in running text only its first letter
changes case, and not even that when the phrase starts with a name. `|lower` on the whole
phrase would turn every proper noun in it ("EU-medborgare", "Stockholms stad") into a common
word.
"""

import re

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\S+")


def _starts_with_name(phrase: str, names) -> bool:
    for name in names:
        name = (name or "").strip()
        # The name itself or its genitive ("Stockholm" in "Stockholms stad").
        if name and re.match(re.escape(name) + r"s?(?![^\W_])", phrase):
            return True
    return False


def in_running_text(phrase: str, *, names=()) -> str:
    """ "Humanitärt stöd för utsatta EU-medborgare" → "humanitärt stöd för utsatta
    EU-medborgare"; "Socialnämnden" → "socialnämnden". Left as written when the first word is
    an abbreviation or a name (any capital after its first letter: "EU-medborgare", "IOP") or
    begins with one of `names` (the parties, the body, their cities)."""
    phrase = (phrase or "").strip()
    if not phrase:
        return phrase
    first = _WORD.match(phrase).group(0)
    if any(c.isupper() or c.isdigit() for c in first[1:]) or _starts_with_name(phrase, names):
        return phrase
    return phrase[0].lower() + phrase[1:]


def sentence(phrase: str) -> str:
    """The phrase as a sentence of its own: a capital first and a full stop last."""
    phrase = (phrase or "").strip()
    if not phrase:
        return phrase
    phrase = phrase[0].upper() + phrase[1:]
    return phrase if phrase[-1] in ".!?" else phrase + "."


def names_in(snapshot: dict) -> list[str]:
    """The proper nouns the register knows for a partnership: its parties, the body and
    their cities."""
    body = snapshot.get("public_body", {})
    names = [body.get("name", ""), body.get("letterhead_name", "")]
    for party in snapshot.get("parties", []):
        names += [party.get("name", ""), party.get("city", "")]
    # Longest first, so "Stockholms stadsmission" is tried before "Stockholm".
    return sorted({n for n in names if n}, key=len, reverse=True)
