# Placeholder views: replaced by the real ones.
from django.http import Http404


def organisation_list(request, **kwargs):
    raise Http404


def organisation_create(request, **kwargs):
    raise Http404


def organisation_detail(request, **kwargs):
    raise Http404


def organisation_update(request, **kwargs):
    raise Http404

