from django import template

from common.formatting import format_kronor

register = template.Library()


@register.filter
def kr(amount):
    """Show an amount the Swedish way: {{ budget.total|kr }} → 711 833 kr."""
    return format_kronor(amount)


@register.filter
def kr_plain(amount):
    return format_kronor(amount, with_unit=False)
