"""The benchmark behind `manage.py benchmark`: every main page against generated data,
interleaved with the Django admin's changelist of the same model and a trivial view, then
throughput under gunicorn. It prints figures; targets are checked here, not in timed tests."""

import cProfile
import pstats
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from organisations.models import Organisation
from partnerships.models import Partnership

HOST = "127.0.0.1"
# Not queries: the request's transaction (ATOMIC_REQUESTS) and the savepoints inside it.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@dataclass
class Page:
    name: str
    url: str
    user: str | None  # None: anonymous
    kind: str  # list, page, dashboard, search, pdf, open data, admin, trivial
    admin: str = ""  # the name of the admin changelist page to compare with
    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)

    def p(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def pages() -> list[Page]:
    # The largest body: the one its administrator, bench-admin, works for.
    big = Organisation.objects.get(memberships__user__username="bench-admin")
    busiest = (
        Organisation.objects.idea_based().annotate(n=Count("parties")).order_by("-n", "pk").first()
    )
    six = (
        Partnership.objects.filter(public_body=big)
        .annotate(n=Count("parties"))
        .filter(n=6)
        .order_by("pk")
        .first()
    )
    word = Partnership.objects.filter(public_body=big).order_by("pk").first().title.split()[0]
    return [
        Page("trivial view (/healthz)", "/healthz", None, "trivial"),
        Page("admin: partnership changelist", "/admin/partnerships/partnership/", "bench-root",
             "admin"),
        Page("admin: organisation changelist", "/admin/organisations/organisation/",
             "bench-root", "admin"),
        Page("admin: payment changelist", "/admin/finance/payment/", "bench-root", "admin"),
        Page("admin: annual account changelist", "/admin/portal/annualaccount/", "bench-root",
             "admin"),
        Page("partnership list", "/partnerships/", "bench-admin", "list",
             "admin: partnership changelist"),
        Page("organisation list", "/organisations/", "bench-admin", "list",
             "admin: organisation changelist"),
        Page("all payments", "/finance/payments/", "bench-admin", "list",
             "admin: payment changelist"),
        Page("governance dashboard", "/governance/dashboard/", "bench-admin", "dashboard"),
        # Each list beside the admin changelist of the model it lists most of.
        Page("finance overview", "/finance/", "bench-admin", "list", "admin: payment changelist"),
        Page("portal review", "/portal/review/", "bench-admin", "list",
             "admin: annual account changelist"),
        Page("representative's start page", "/portal/", "bench-rep", "list",
             "admin: annual account changelist"),
        Page(f"partnership page ({six.parties.count()} parties)", f"/partnerships/{six.pk}/",
             "bench-admin", "page"),
        Page(f"organisation page ({busiest.n} partnerships)", f"/organisations/{busiest.pk}/",
             "bench-admin", "page"),
        Page("search partnerships", f"/partnerships/?q={word}", "bench-admin", "search"),
        Page("search organisations (number)", "/organisations/?q=802000", "bench-admin",
             "search"),
        Page("organisation suggestions", "/organisations/suggest/?q=Gemenskap", "bench-admin",
             "search"),
        Page("open data index", "/documents/open-data/", None, "open data"),
        Page("open data page", f"/documents/open-data/{big.org_number}/", None, "open data"),
        Page("open data JSON", f"/documents/open-data/{big.org_number}.json", None,
             "open data"),
        Page("open data CSV", f"/documents/open-data/{big.org_number}.csv", None, "open data"),
        Page("6-party agreement PDF", f"/documents/{six.pk}/agreement.pdf", "bench-admin", "pdf"),
    ]  # fmt: skip


def _client() -> Client:
    # As a browser or a harvester asks: sizes are what travels (open data compresses).
    return Client(HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="gzip, deflate")


def _clients(users) -> dict:
    clients = {None: _client()}
    for username in users:
        user = get_user_model().objects.get(username=username)
        client = _client()
        client.force_login(user)
        # Signed in as with an authenticator: the shipped settings ask staff for a second
        # factor, and a session without one would only be redirected to the sign-in page.
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="benchmark", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[second_factor.VERIFIED_FLAG] = True
        session.save()
        clients[username] = client
    return clients


def _body_size(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def measure(page_list: list[Page], *, runs: int, out) -> None:
    clients = _clients({page.user for page in page_list if page.user})
    for page in page_list:  # warm up: templates, fonts, caches
        clients[page.user].get(page.url, secure=True)
    for run in range(runs):
        for page in page_list:  # interleaved, so load on the machine hits every page alike
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                # As behind the TLS proxy of a deployment (DEBUG off redirects plain HTTP).
                response = clients[page.user].get(page.url, secure=True)
                size = _body_size(response)
                page.times.append(time.perf_counter() - started)
            page.queries.append(
                sum(1 for q in captured if not q["sql"].startswith(TRANSACTION_CONTROL))
            )
            page.sizes.append(size)
            page.statuses.add(response.status_code)
        out.write(f"  run {run + 1}/{runs} done\n")


def report(page_list: list[Page], out) -> list[tuple[str, str, bool]]:
    by_name = {page.name: page for page in page_list}
    trivial = by_name["trivial view (/healthz)"].p(0.5)
    out.write(
        f"\n{'page':<38}{'status':>7}{'SQL':>5}{'p50 ms':>9}{'p95 ms':>9}{'KB':>8}"
        f"{'÷admin':>8}{'÷trivial':>10}\n"
    )
    checks = []
    for page in page_list:
        p50, p95 = page.p(0.5) * 1000, page.p(0.95) * 1000
        admin = by_name.get(page.admin)
        ratio_admin = f"{page.p(0.5) / admin.p(0.5):.2f}" if admin else "–"
        statuses = ",".join(str(s) for s in sorted(page.statuses))
        size = max(page.sizes) / 1024
        queries = max(page.queries)
        out.write(
            f"{page.name:<38}{statuses:>7}{queries:>5}{p50:>9.1f}{p95:>9.1f}{size:>8.1f}"
            f"{ratio_admin:>8}{page.p(0.5) / trivial:>10.1f}\n"
        )
        checks.append((page.name, f"answers 200 ({statuses})", page.statuses == {200}))
        if page.kind in ("admin", "trivial"):
            continue
        checks.append((page.name, f"≤ 15 SQL queries ({queries})", queries <= 15))
        checks.append((page.name, f"response ≤ 500 KB ({size:.0f} KB)", size <= 500))
        if page.kind in ("list", "page", "dashboard"):
            checks.append((page.name, f"p95 < 150 ms ({p95:.0f} ms)", p95 < 150))
        if page.kind == "search":
            checks.append((page.name, f"p95 < 50 ms ({p95:.0f} ms)", p95 < 50))
        if admin:
            ratio = page.p(0.5) / admin.p(0.5)
            checks.append((page.name, f"ratio to admin ≤ 1.0 ({ratio:.2f})", ratio <= 1.0))
        if page.kind == "pdf":
            checks.append((page.name, f"< 1.5 s ({page.p(0.95):.2f} s at p95)", page.p(0.95) < 1.5))
    return checks


# --- where the time goes -----------------------------------------------------------------


def slow_pages(page_list: list[Page]) -> list[Page]:
    """The pages that miss their time target: the ones whose profile the note explains."""
    limits = {"list": 0.150, "page": 0.150, "dashboard": 0.150, "search": 0.050, "pdf": 1.5}
    return [page for page in page_list if page.kind in limits and page.p(0.95) >= limits[page.kind]]


def profile(page: Page, *, out, top: int = 12) -> None:
    """One request of `page` under cProfile: the project's functions that took the most
    time (cumulative), and the share of it spent waiting for the database."""
    client = _clients([page.user] if page.user else [])[page.user]
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as captured:
        profiler.enable()
        response = client.get(page.url, secure=True)
        _body_size(response)
        profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    statements = [q for q in captured if not q["sql"].startswith(TRANSACTION_CONTROL)]
    database = sum(float(q["time"]) for q in statements)
    out.write(
        f"\n{page.name}: {total * 1000:.0f} ms under the profiler, of it "
        f"{database * 1000:.0f} ms waiting for {len(statements)} SQL queries\n"
    )
    base = str(settings.BASE_DIR) + "/"
    rows = [
        (cumulative, calls, f"{path.removeprefix(base)}:{line} {name}")
        for (path, line, name), (_cc, calls, _tt, cumulative, _callers) in stats.stats.items()
        if path.startswith(base)
        and "/.venv/" not in path
        and "/demo/" not in path
        and name != "__call__"  # the middleware around every view
    ]
    for cumulative, calls, where in sorted(rows, reverse=True)[:top]:
        out.write(f"  {cumulative * 1000:>8.0f} ms {calls:>7} calls  {where}\n")


# --- throughput under gunicorn -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _session_cookie(username: str) -> str:
    client = _clients([username])[username]
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def throughput(*, workers: int, seconds: float, concurrency: int, out) -> dict[str, float]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "iop.wsgi:application", "--workers", str(workers),
         "--bind", f"{HOST}:{port}", "--log-level", "warning", "--timeout", "60"],
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                probe = urllib.request.Request(
                    f"http://{HOST}:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
                )
                urllib.request.urlopen(probe, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        cookie = _session_cookie("bench-admin")
        results = {}
        for name, path in (
            ("trivial view", "/healthz"),
            ("governance dashboard", "/governance/dashboard/"),
            ("partnership list", "/partnerships/"),
        ):
            results[name] = _load(f"http://{HOST}:{port}{path}", cookie, seconds, concurrency)
            out.write(f"  {name:<24}{results[name]:>8.1f} req/s\n")
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def _load(url: str, cookie: str, seconds: float, concurrency: int) -> float:
    done, errors = [0], [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def user():
        while time.monotonic() < stop:
            request = urllib.request.Request(
                url, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"}
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            with lock:
                done[0] += ok
                errors[0] += not ok

    threads = [threading.Thread(target=user) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.monotonic() - started)


def median(values):
    return statistics.median(values) if values else 0
