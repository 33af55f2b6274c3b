"""The clause library's pages: a body's administrators edit its texts (another body's is a
404, as its settings are), bad input is refused next to the field with what was typed kept,
and two administrators saving at once do not overwrite each other."""

from html import unescape

import pytest
from django.urls import reverse

from reporting.models import ClauseText, PartnershipClause
from tests.edit_conflicts import STALE, client_for, form_values, second_administrator_of

pytestmark = pytest.mark.django_db


def _edit_url(body, key="copyright"):
    return reverse("reporting:clause_edit", args=[body.pk, key])


def test_the_body_s_administrator_edits_a_clause_as_a_new_version(public_body, administrator):
    client = client_for(administrator)
    page = client.get(reverse("reporting:clause_library", args=[public_body.pk]))
    assert page.status_code == 200
    assert "Upphovsrätt" in page.content.decode()
    url = _edit_url(public_body)
    for text in ("Första lydelsen.", "Andra lydelsen."):
        response = client.post(url, {**form_values(client.get(url)), "text": text})
        assert response.status_code == 302
    row = ClauseText.objects.get(body=public_body, key="copyright")
    assert (row.text, row.number) == ("Andra lydelsen.", 2)
    # The earlier version is kept, and the page shows it.
    assert list(row.history.values_list("text", flat=True).order_by("number")) == [
        "Första lydelsen.",
        "Andra lydelsen.",
    ]
    assert "Första lydelsen." in client.get(url).content.decode()


def test_another_body_s_library_and_non_administrators_get_404(
    public_body, official, other_administrator
):
    for user in (other_administrator, official):
        client = client_for(user)
        assert client.get(_edit_url(public_body)).status_code == 404
        assert client.post(_edit_url(public_body), {"text": "Nej."}).status_code == 404
        library = reverse("reporting:clause_library", args=[public_body.pk])
        assert client.get(library).status_code == 404
    assert not ClauseText.objects.exists()


def test_an_unknown_placeholder_is_shown_next_to_the_field_and_the_text_is_kept(
    public_body, administrator
):
    client = client_for(administrator)
    url = _edit_url(public_body)
    typed = "Materialet tillhör {kommunen} och <b>alla</b>."
    response = client.post(url, {**form_values(client.get(url)), "text": typed})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    error = page.split('id="id_text_error"')[1].split("</ul>")[0]
    assert "Okänd platshållare {kommunen}" in error
    assert typed in page
    assert not ClauseText.objects.exists()


def test_template_syntax_is_stored_as_text(public_body, administrator):
    client = client_for(administrator)
    url = _edit_url(public_body)
    typed = "{{ body.name }} {% if x %}<script>alert(1)</script>{% endif %}"
    assert client.post(url, {**form_values(client.get(url)), "text": typed}).status_code == 302
    assert ClauseText.objects.get(body=public_body).text == typed
    page = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_two_administrators_saving_at_once_do_not_overwrite_each_other(public_body, administrator):
    first, second = client_for(administrator), client_for(second_administrator_of(public_body))
    url = _edit_url(public_body)
    seen_by_second = form_values(second.get(url))
    assert first.post(url, {**form_values(first.get(url)), "text": "A:s text."}).status_code == 302
    response = second.post(url, {**seen_by_second, "text": "B:s text."})
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert STALE in page and "A:s text." in page and "B:s text." in page
    assert ClauseText.objects.get(body=public_body).text == "A:s text."
    # Saving again, knowingly, keeps B's text as the next version.
    assert second.post(url, form_values(response)).status_code == 302
    row = ClauseText.objects.get(body=public_body)
    assert (row.text, row.number) == ("B:s text.", 2)


def test_a_partnership_s_own_text_is_for_its_body_s_administrators(
    eu, administrator, official, other_administrator
):
    url = reverse("reporting:partnership_clause_edit", args=[eu.pk, "information"])
    assert client_for(other_administrator).get(url).status_code == 404
    assert client_for(official).get(url).status_code == 403
    listing = reverse("reporting:partnership_clauses", args=[eu.pk])
    assert client_for(official).get(listing).status_code == 200
    client = client_for(administrator)
    response = client.post(url, {**form_values(client.get(url)), "text": "Egen text."})
    assert response.status_code == 302
    assert PartnershipClause.objects.get(partnership=eu).text == "Egen text."
    assert "Partnerskapets egen, version 1" in client.get(listing).content.decode()


def test_a_partnership_s_text_is_refused_as_the_body_s_is(eu, administrator, other_administrator):
    """The two edit pages share one save-or-refuse path: an unknown placeholder is refused
    next to the field with the text kept, a good one saved with its message."""
    url = reverse("reporting:partnership_clause_edit", args=[eu.pk, "information"])
    client = client_for(administrator)
    typed = "Frågor besvaras av {kommunen}."
    response = client.post(url, {**form_values(client.get(url)), "text": typed})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Okänd platshållare {kommunen}" in page and typed in page
    assert not PartnershipClause.objects.exists()
    good = {**form_values(response), "text": "Frågor besvaras av {public_party}."}
    response = client.post(url, good, follow=True)
    assert "Partnerskapets avtalstext sparades." in response.content.decode()
    assert PartnershipClause.objects.get(partnership=eu).text == good["text"]
    assert client_for(other_administrator).post(url, good).status_code == 404
