# Placeholder views: replaced by the real ones.
from django.http import Http404


def partnership_list(request, **kwargs):
    raise Http404


def partnership_create(request, **kwargs):
    raise Http404


def partnership_detail(request, **kwargs):
    raise Http404


def partnership_update(request, **kwargs):
    raise Http404


def criteria_update(request, **kwargs):
    raise Http404


def partnership_transition(request, **kwargs):
    raise Http404


def party_create(request, **kwargs):
    raise Http404


def party_leave(request, **kwargs):
    raise Http404


def appendix_create(request, **kwargs):
    raise Http404


def appendix_detail(request, **kwargs):
    raise Http404


def appendix_replace(request, **kwargs):
    raise Http404


def appendix_drop(request, **kwargs):
    raise Http404

