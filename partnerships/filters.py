"""Search and filters for the partnership list."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .constants import Status
from .forms import OrganisationChoiceField
from .models import Partnership


class OrganisationFilter(django_filters.ModelChoiceFilter):
    field_class = OrganisationChoiceField


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
    organisation = OrganisationFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        method="filter_organisation",
        empty_label=_("All"),
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "year", "organisation"]

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        # Only organisations that are parties to partnerships this user may see.
        self.filters["organisation"].queryset = (
            Organisation.objects.filter(parties__partnership__in=self.queryset.values("pk"))
            .distinct()
            .order_by("name")
        )
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
        return queryset.filter(
            pk__in=Partnership.objects.filter(parties__organisation=value).values("pk")
        )
