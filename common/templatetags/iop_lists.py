"""Column headers that sort a paginated list (see common.pagination)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def sort_header(listing, key, label, css_class=""):
    """<th> for a column: a link that sorts by `key` when the listing offers it, with
    aria-sort telling screen readers the current order."""
    attrs = format_html(' class="{}"', css_class) if css_class else ""
    if key not in listing.sort_keys:
        return format_html('<th scope="col"{}>{}</th>', attrs, label)
    state = listing.sort_state(key)
    arrow = {"ascending": " ▲", "descending": " ▼"}.get(state, "")
    return format_html(
        '<th scope="col"{} aria-sort="{}">'
        '<a href="{}">{}<span aria-hidden="true">{}</span></a></th>',
        attrs,
        state,
        listing.sort_url(key),
        label,
        arrow,
    )
