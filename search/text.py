"""Matching words in text columns: PostgreSQL's full-text search with the Swedish
configuration (stemmed, so "nattkaféet" finds "nattkafé"; each word also as a prefix), and on
SQLite every word somewhere in the columns, case-insensitively.

The columns searched per model are named once, in TEXT_FIELDS, so that the migration's GIN
index and the query compile the same expression (see FullTextIndex)."""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

CONFIG = "swedish"

# (app label, model name) -> the text columns one search reads.
TEXT_FIELDS = {
    ("partnerships", "partnership"): (
        "title",
        "registry_number",
        "purpose",
        "goal",
        "target_group",
        "activities",
        "background",
    ),
    ("partnerships", "appendix"): ("number", "title", "commitments"),
    ("governance", "meeting"): ("agenda", "minutes"),
    ("reporting", "decisionmemo"): (
        "title",
        "registry_number",
        "summary",
        "background",
        "preparation",
        "matter",
        "proposed_decision",
        "administration_view",
    ),
}

# Letters and digits of any language; everything else (quotes, &, :, *, NUL …) separates words.
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def words(term: str) -> list[str]:
    return WORD.findall(term or "")[:MAX_WORDS]


def vector(model) -> SearchVector:
    fields = TEXT_FIELDS[(model._meta.app_label, model._meta.model_name)]
    return SearchVector(*fields, config=CONFIG)


def matching(queryset, term: str):
    """The rows of `queryset` whose text columns hold every word of `term` (none if the term
    has no words)."""
    found = words(term)
    if not found:
        return queryset.none()
    model = queryset.model
    if connection.vendor == "postgresql":
        # Built from \w+ words only, so the raw tsquery cannot be malformed.
        raw = " & ".join(f"{word}:*" for word in found)
        return queryset.annotate(search_text=vector(model)).filter(
            search_text=SearchQuery(raw, config=CONFIG, search_type="raw")
        )
    fields = TEXT_FIELDS[(model._meta.app_label, model._meta.model_name)]
    per_word = [reduce(or_, (Q(**{f"{f}__icontains": word}) for f in fields)) for word in found]
    return queryset.filter(reduce(and_, per_word))
