"""Filters for the documents: Swedish dates from ISO strings, number words, paragraphs."""

import re

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from reporting.constants import PAYMENT_FREQUENCY_TEXT, number_word
from reporting.selectors import parse_date

register = template.Library()


@register.filter
def sv_date(value) -> str:
    """ "2017-05-01" → "1 maj 2017" (in the active language, Swedish for the documents)."""
    day = parse_date(value)
    return date_format(day, "j F Y") if day else ""


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
