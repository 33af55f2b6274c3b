from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import TokenScope


class TokenForm(forms.Form):
    body = forms.TypedChoiceField(label=_("Public body"), coerce=int)
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Which system uses it, e.g. Ekonomisystemet."),
    )
    scope = forms.ChoiceField(
        label=_("Allowed to"), choices=TokenScope.choices, widget=forms.RadioSelect, initial="read"
    )

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.pk, b.name) for b in bodies]
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0].pk
