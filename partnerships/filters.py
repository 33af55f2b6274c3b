"""Search and filters for the partnership list."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organisations import lookup

from .constants import Status
from .models import Partnership, Party


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Title, registry number, organisation name or number."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All")
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        method="filter_year",
        widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}),
        help_text=_("Partnerships running some time that year."),
    )
    # A text field the server resolves (name, part of it or organisation number), enhanced
    # with live suggestions: a <select> of every organisation would grow with the register.
    organisation = django_filters.CharFilter(
        label=_("Organisation"),
        method="filter_organisation",
        widget=forms.TextInput(
            attrs={"list": "organisation-suggestions", "autocomplete": "off", "data-suggest": ""}
        ),
        help_text=_("Name or organisation number of a party."),
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "year", "organisation"]

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.form.fields["year"].error_messages["invalid"] = _("Enter a year, e.g. 2017.")

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        year = int(value)
        if not 1900 <= year <= 2200:
            return queryset.none()
        return queryset.filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )

    def filter_organisation(self, queryset, name, value):
        parties = Party.objects.filter(organisation__in=lookup.resolve(value).values("pk"))
        return queryset.filter(pk__in=parties.values("partnership_id"))
