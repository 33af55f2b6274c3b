"""Two people edit the same thing: helpers for the tests of common.versions' refusal.

`form_values` reads a page's form as a browser would send it, so a test opens the form as
each user, changes what the user would type, and sends it back."""

from html import unescape
from html.parser import HTMLParser

STALE = "Någon annan sparade detta efter att du öppnade formuläret"


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form = None
        self._select = None
        self._select_first = None
        self._select_chosen = False
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = []
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            value = attrs.get("value", default)
            self._form.append((name, default if value is None else value))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs and not self._select_chosen:
                self._form.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._form.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self._form.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_values(response, *, having: str = "version") -> dict[str, str]:
    """The values of the page's form that has a field named `having` (the version), as the
    browser would send them (single values; the last of repeated names)."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    for form in parser.forms:
        names = {name.rsplit("-", 1)[-1] for name, _value in form}
        if having in names:
            return {name: unescape(value) for name, value in form}
    raise AssertionError(f"No form with a field {having!r} on the page")


def both_save(client_a, client_b, url, change_a: dict, change_b: dict, *, files=None):
    """B opens the form, A opens it and saves, then B saves: returns B's response. A's save
    must go through (a redirect)."""
    seen_by_b = form_values(client_b.get(url))
    seen_by_a = form_values(client_a.get(url))
    first = client_a.post(url, {**seen_by_a, **change_a})
    assert first.status_code == 302, first.content.decode()[:3000]
    return client_b.post(url, {**seen_by_b, **change_b})


def assert_refused(response, *, changes: list[str], kept: list[str], status: int = 200):
    """B's save was refused at the top of the form, which lists what changed meanwhile and
    still shows what B typed. `status`: what the page answers a refused form with (some
    apps say 400)."""
    page = response.content.decode()
    assert response.status_code == status, page[:2000]
    assert STALE in page, page.split('id="main"')[-1][:3000]
    summary = page.split('id="error-summary-title"')[1].split("</div>")[0]
    for change in changes:
        assert change in unescape(summary), (change, unescape(summary))
    for value in kept:
        assert value in unescape(page), value


def client_for(user):
    """A browser of its own for `user` (two people, two sessions)."""
    from django.test import Client

    user.refresh_from_db()
    client = Client()
    client.force_login(user)
    return client


def second_administrator_of(body):
    from organisations.constants import Role
    from tests.factories import MembershipFactory

    return MembershipFactory(organisation=body, role=Role.ADMINISTRATOR).user
