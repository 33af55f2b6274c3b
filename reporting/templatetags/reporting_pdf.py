"""Filters for the documents: Swedish dates from ISO strings, number words, paragraphs."""

import re
from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from partnerships.models import appendix_heading
from reporting.constants import PAYMENT_FREQUENCY_TEXT, number_word
from reporting.selectors import parse_date
from reporting.text import in_running_text

register = template.Library()


@register.filter
def sv_date(value) -> str:
    """ "2017-05-01" → "1 maj 2017" (in the active language, Swedish for the documents)."""
    day = parse_date(value)
    return date_format(day, "j F Y") if day else ""


@register.filter
def sv_period(start, end) -> str:
    """A period in running text: "år 2018" for a calendar year, "1 september – 31 december
    2017" within a year, "1 maj 2017 – 30 april 2018" across two."""
    first, last = parse_date(start), parse_date(end)
    if not first or not last:
        return ""
    if first.year == last.year:
        if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
            return f"år {first.year}"
        return f"{date_format(first, 'j F')} – {date_format(last, 'j F Y')}"
    return f"{date_format(first, 'j F Y')} – {date_format(last, 'j F Y')}"


@register.filter
def split_public(rows) -> list[tuple[bool, list]]:
    """Co-financing rows as (organisations' rows), then (the public party's own): the
    public body's resources are never printed among the organisations'."""
    public = [r for r in rows if r.get("is_public")]
    return [(False, [r for r in rows if not r.get("is_public")]), (True, public)]


@register.filter
def by_period(rows) -> list[dict]:
    """Co-financing rows (in period order) in one group per period, each with its total of the
    amounts given (Decimal); `valued_only` when some contribution of the period has no amount,
    so the total says it counts only the valued ones."""
    groups: list[dict] = []
    for row in rows:
        key = (row.get("period_start"), row.get("period_end"), row.get("period"))
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "first": row, "rows": [], "total": Decimal("0")})
        group = groups[-1]
        group["rows"].append(row)
        if row.get("amount") in (None, ""):
            group["valued_only"] = True
        else:
            group["total"] += Decimal(row["amount"])
    return groups


@register.filter
def heading(title) -> str:
    """An appendix's title without a number of its own (partnerships.models)."""
    return appendix_heading(title)


@register.filter
def running_text(value) -> str:
    """A name or title inside a sentence ("Socialnämnden" → "socialnämnden"), see
    reporting.text."""
    return in_running_text(value)


@register.filter
def iso_date(value) -> str:
    day = parse_date(value)
    return day.isoformat() if day else ""


@register.filter
def year_of(value) -> str:
    day = parse_date(value)
    return str(day.year) if day else ""


@register.filter
def in_words(value) -> str:
    return number_word(int(value))


@register.filter
def payment_frequency(code) -> str:
    return PAYMENT_FREQUENCY_TEXT.get(code or "", code or "")


@register.filter
def cut_number(value: str) -> str:
    """ "1. Socialnämnden godkänner …" → "Socialnämnden godkänner …" (the list numbers it)."""
    return re.sub(r"^\s*\d+[.)]\s*", "", value or "")


@register.filter(needs_autoescape=True)
def paragraphs(value: str, autoescape=True) -> str:
    """Blank lines separate paragraphs; lines starting with "- " become a bulleted list."""
    esc = conditional_escape if autoescape else (lambda text: text)
    html = []
    for block in re.split(r"\n\s*\n", (value or "").strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        # Group consecutive lines into runs of text and runs of bullet items.
        runs: list[tuple[bool, list[str]]] = []
        for line in lines:
            is_item = line.lstrip().startswith(("- ", "• "))
            text = line.lstrip()[2:] if is_item else line
            if runs and runs[-1][0] == is_item:
                runs[-1][1].append(text)
            else:
                runs.append((is_item, [text]))
        for is_item, items in runs:
            if is_item:
                html.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>")
            else:
                html.append("<p>" + "<br>".join(esc(i) for i in items) + "</p>")
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above
