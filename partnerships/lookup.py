"""Finding a partnership from what a user typed: its registry number, its title or part of
it, or a party's name or organisation number. For list filters that are text fields the
server resolves, and the suggestions endpoint that enhances them."""

SUGGESTION_LIMIT = 10


def partnership_label(partnership) -> str:
    return f"{partnership.title} ({partnership.registry_number})"


def resolve(term: str, among):
    """The partnerships of `among` that `term` stands for: the one whose label or registry
    number it is, otherwise every partnership the search finds."""
    term = (term or "").strip()
    if not term:
        return among.none()
    if term.endswith(")") and "(" in term:
        _title, _sep, number = term[:-1].rpartition("(")
        exact = among.filter(registry_number=number.strip())
        if exact.exists():
            return exact
    exact = among.filter(registry_number=term)
    if exact.exists():
        return exact
    return among.search(term)


def suggestions(term: str, among, *, limit: int = SUGGESTION_LIMIT) -> list[dict]:
    term = (term or "").strip()
    if len(term) < 2:
        return []
    found = resolve(term, among).only("pk", "title", "registry_number").order_by("title", "pk")
    return [{"value": partnership_label(p), "id": p.pk} for p in found[:limit]]
