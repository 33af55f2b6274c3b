"""Journey: a person logs in through the login form and lands on the partnership list."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_logs_in_and_lands_on_the_partnerships(page, live_server, official, log_in):
    log_in(official)

    expect(page).to_have_url(f"{live_server.url}/partnerships/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerskap")


def test_a_wrong_password_keeps_the_user_on_the_login_form(page, live_server, official, log_in):
    log_in(official, password="fel-lösenord")

    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    expect(page.get_by_role("alert")).to_contain_text("användarnamn och lösenord")
    expect(page.get_by_label("Användarnamn")).to_have_value(official.get_username())


def test_the_fast_login_fixture_gives_a_logged_in_session(page, live_server, official, log_in_fast):
    log_in_fast(official)
    page.goto("/")

    expect(page).to_have_url(f"{live_server.url}/partnerships/")
