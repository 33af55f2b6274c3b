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


# A common noun in its definite form ("Stadsdelsnämnden", "Rådet", "Nämnderna"): the usual
# head of a board's name, written small in running text even before a name of its own.
_DEFINITE = re.compile(r"(en|et|na)$")


def _is_abbreviation(word: str) -> bool:
    return any(c.isupper() or c.isdigit() for c in word[1:])


def _starts_a_longer_name(phrase: str, first: str) -> bool:
    """Whether the first word is the first of several capitalised ones, as in a name the
    register does not know ("Göteborgs Stads kulturnämnd", "Region Skåne", "Västra
    Götalandsregionen"): its next word is capitalised (not an abbreviation such as
    "EU-medborgare", which a common noun may precede) and the first word is not a common noun
    in its definite form ("Stadsdelsnämnden Västra Hisingen" is "stadsdelsnämnden Västra
    Hisingen" in a sentence)."""
    rest = _WORD.findall(phrase[len(first) :])
    if not rest or not rest[0][:1].isupper() or _is_abbreviation(rest[0]):
        return False
    return not _DEFINITE.search(first.lower())


def in_running_text(phrase: str, *, names=()) -> str:
    """ "Humanitärt stöd för utsatta EU-medborgare" → "humanitärt stöd för utsatta
    EU-medborgare"; "Socialnämnden" → "socialnämnden"; "Kommunfullmäktige" →
    "kommunfullmäktige" (a board's name is a common noun in a Swedish sentence). Left as
    written when the first word is an abbreviation or a name (any capital after its first
    letter: "EU-medborgare", "IOP"), when the phrase begins with one of `names` (the parties,
    the body, their cities, its place of signing: names_in) or when its first two words are
    both capitalised, a name of several words ("Göteborgs Stads kulturnämnd")."""
    phrase = (phrase or "").strip()
    if not phrase:
        return phrase
    first = _WORD.match(phrase).group(0)
    if (
        _is_abbreviation(first)
        or _starts_with_name(phrase, names)
        or _starts_a_longer_name(phrase, first)
    ):
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
    """The proper nouns the register knows for a partnership: its parties, the body (its
    name, letterhead name and place of signing from its settings) and their cities."""
    body = snapshot.get("public_body", {})
    names = [body.get("name", ""), body.get("letterhead_name", ""), body.get("signing_place", "")]
    for party in snapshot.get("parties", []):
        names += [party.get("name", ""), party.get("city", "")]
    # Longest first, so "Stockholms stadsmission" is tried before "Stockholm".
    return sorted({n for n in names if n}, key=len, reverse=True)
