"""axe-core over the main pages of each role, at 1280 px and at 320 px: no WCAG 2.1 A/AA
violations, and at 320 px the page itself never scrolls sideways (WCAG 1.4.10 Reflow).

The data is the demo loader's (the seed partnerships moved to run now), so the pages show what
a real register shows: budgets, schedules, groups, meetings, accounts and reports. One browser,
one context per role; both widths are checked in the same context (set_viewport_size).

axe-core comes from the npm registry (package-lock.json); `make test` installs it.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 320)
# Forms checked blank and again sent empty, with their errors shown (the administrator's).
FORMS = [("/partnerships/new/", "Spara"), ("/organisations/new/", "Spara")]


def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs `npm ci`).", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def _pages_by_role() -> dict[str, list[str]]:
    """The main pages of each role, found in the demo data."""
    from finance.models import Payment
    from governance.models import Group, Meeting
    from organisations.models import Organisation
    from partnerships.models import Partnership
    from portal.models import AnnualAccount

    bris = Partnership.objects.get(registry_number="DEMO-1/2016")
    bris_org = Organisation.objects.get(parties__partnership=bris, name__startswith="Bris")
    payment = Payment.objects.filter(partnership=bris).order_by("due_date").first()
    group = Group.objects.filter(partnership=bris).order_by("pk").first()
    meeting = Meeting.objects.filter(group__partnership=bris).order_by("-date").first()
    account = AnnualAccount.objects.filter(party__partnership=bris).order_by("-pk").first()
    assert payment and group and meeting and account, "the demo data lacks a page to check"

    from portal.models import ActivityReport

    report = ActivityReport.objects.filter(partnership=bris).order_by("-pk").first()
    appendix = bris.parties.get(organisation=bris_org).appendices.order_by("pk").first()
    assert report and appendix, "the demo data lacks a page to check"
    common = ["/search/?q=Bris", "/help/", "/accessibility/", "/contact/", "/accounts/me/"]
    staff = [
        "/",
        "/governance/dashboard/",
        "/partnerships/",
        f"/partnerships/{bris.pk}/",
        f"/partnerships/{bris.pk}/appendices/{appendix.pk}/",
        f"/partnerships/{bris.pk}/history/",
        f"/governance/partnerships/{bris.pk}/",
        "/finance/",
        f"/finance/partnerships/{bris.pk}/",
        "/finance/payments/",
        f"/finance/payments/{payment.pk}/",
        f"/governance/groups/{group.pk}/",
        f"/governance/meetings/{meeting.pk}/",
        f"/documents/{bris.pk}/",
        f"/documents/{bris.pk}/memo/",
        f"/documents/{bris.pk}/history/",
        f"/portal/accounts/{account.pk}/",
        "/portal/review/",
        "/portal/reports/",
        f"/portal/reports/{report.pk}/",
        "/organisations/",
        f"/organisations/{bris_org.pk}/",
        *common,
    ]
    representative = [
        "/portal/",
        f"/portal/accounts/{account.pk}/",
        "/portal/reports/",
        f"/portal/reports/{report.pk}/",
        "/help/representative/",
        *common,
    ]
    return {
        "administrator": [
            *staff,
            "/accounts/staff/",
            "/help/administrator/",
            f"/partnerships/{bris.pk}/case-officer/",
        ],
        "handlaggare": [*staff, "/help/official/"],
        "rep-bris": representative,
    }


def _check(page, axe_source, url, problems, who, *, submit: str | None = None) -> None:
    """Check the page at both widths; with `submit`, also the page that comes back when the
    form is sent empty (the error summary and the messages beside the fields)."""
    response = page.goto(url)
    if response is None or response.status != 200:
        problems.append(f"{who} {url}: answers {response and response.status}")
        return
    _check_loaded(page, axe_source, url, problems, who)
    if submit:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_role("main").get_by_role("button", name=submit, exact=True).click()
        page.wait_for_load_state()
        if not page.locator("[data-error-summary]").count():
            problems.append(f"{who} {url}: sent empty, no error summary")
        _check_loaded(page, axe_source, f"{url} (errors)", problems, who)


def _check_loaded(page, axe_source, url, problems, who) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        # Let the page lay itself out and run its resize handlers (app.js gives a table region
        # a tab stop only while it scrolls) before it is checked.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        if not page.evaluate("typeof axe !== 'undefined'"):
            # Evaluated, not a <script> tag: the page's CSP forbids inline scripts.
            page.evaluate(axe_source)
        result = page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                return r.violations.map(v => ({
                    id: v.id,
                    help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: '
                        + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 200)),
                    count: v.nodes.length,
                }));
            }""",
            WCAG_TAGS,
        )
        for violation in result:
            problems.append(
                f"{who} {url} @{width}px: {violation['id']} ({violation['count']}×) "
                f"{violation['help']}\n      " + "\n      ".join(violation["nodes"])
            )
        if width == 320:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > 320:
                # The outermost elements that stick out (not those inside a scroll region).
                wide = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > 321
                            && e.parentElement.getBoundingClientRect().right <= 321)
                        .slice(0, 5)
                        .map(e => e.outerHTML.slice(0, 120) + ' '
                                  + Math.round(e.getBoundingClientRect().right) + 'px')"""
                )
                problems.append(f"{who} {url} @320px: page is {scroll} px wide; {wide}")


def test_main_pages_have_no_wcag_violations_at_1280_and_320(browser, live_server):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    call_command("load_demo_data", stdout=StringIO())
    axe_source = _axe_source()
    problems: list[str] = []
    checked = 0

    def new_context():
        return browser.new_context(
            base_url=live_server.url, locale="sv-SE", timezone_id="Europe/Stockholm"
        )

    context = new_context()
    page = context.new_page()
    _check(page, axe_source, "/login/", problems, "anonymous")
    checked += 1
    context.close()

    for username, urls in _pages_by_role().items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context = new_context()
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        for url in urls:
            _check(page, axe_source, url, problems, username)
            checked += 1
        if username == "administrator":
            for url, button in FORMS:
                _check(page, axe_source, url, problems, username, submit=button)
                checked += 2
        context.close()

    assert not problems, f"{len(problems)} problems on {checked} pages:\n" + "\n".join(problems)
