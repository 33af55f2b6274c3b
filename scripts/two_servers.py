"""Two app servers behind nginx, under a bounded load (issue 11.10).

    .venv/bin/python scripts/two_servers.py [--users 50] [--seconds 60]

Creates a throwaway PostgreSQL database (DATABASE_URL's server, default 127.0.0.1:5432),
migrates it and fills it with `generate_data --scale tiny`; starts two gunicorn instances with
the shipped settings (DEBUG off, the same secret key) and Debian's nginx on 127.0.0.1 in front,
balancing round-robin and passing the headers a TLS-terminating proxy would. Then `--users`
simulated people sign in and, for `--seconds`, read the main pages and register organisations
(each write with its own name). It prints what it measured and exits 1 unless:
- no request failed (no 5xx, no dropped connection);
- every session stayed signed in although its requests went to both servers;
- every write that was answered as done is in the database exactly once, and nothing else is.

Root installs nginx with apt-get when it is missing. Everything is removed at the end.
"""

import argparse
import collections
import http.client
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PROXY_PORT, APP_PORTS = 8290, (8291, 8292)
USERNAME, PASSWORD = "bench-admin", "iop-bench-2017"  # from demo.generator
WRITE_PREFIX = "Lasttest"
READS = ("/", "/partnerships/", "/organisations/", "/governance/dashboard/", "/finance/")

NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  upstream app {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://app;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto https;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""


def find_nginx() -> str:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not nginx and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing Debian's nginx …", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", "nginx"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        nginx = "/usr/sbin/nginx"
    if not nginx:
        sys.exit("nginx is not installed (apt-get install nginx)")
    return nginx


# --- the database -------------------------------------------------------------------------


def create_database(server_url: str) -> str:
    import psycopg

    name = f"iop_two_servers_{os.getpid()}"
    with psycopg.connect(server_url + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args) -> None:
    subprocess.run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


# --- one simulated person -----------------------------------------------------------------


class Person:
    """A browser's part: its cookies, its CSRF token, and what it saw."""

    def __init__(self, number: int, stats: "Stats", deadline: float):
        self.number = number
        self.stats = stats
        self.deadline = deadline
        self.cookies: dict[str, str] = {}
        self.writes = 0
        self.upstreams: set[str] = set()
        self.random = random.Random(number)

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", PROXY_PORT, timeout=30)
        origin = f"https://127.0.0.1:{PROXY_PORT}"
        headers = {
            "Host": f"127.0.0.1:{PROXY_PORT}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Referer": origin + path,
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = origin
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode("utf-8", "replace")
        except OSError as exc:
            self.stats.failure(f"{method} {path}: {exc.__class__.__name__}")
            return None, ""
        finally:
            conn.close()
        self.stats.answered(method, time.perf_counter() - started)
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        upstream = response.getheader("X-Upstream", "?")
        if response.status >= 500:
            self.stats.failure(f"{method} {path}: HTTP {response.status} from {upstream}")
        return response, content

    def csrf_token(self, content: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        return match.group(1) if match else ""

    def sign_in(self) -> bool:
        _, content = self.request("GET", "/login/")
        response, _ = self.request(
            "POST",
            "/login/",
            {
                "csrfmiddlewaretoken": self.csrf_token(content),
                "username": USERNAME,
                "password": PASSWORD,
            },
        )
        signed_in = response is not None and response.status == 302
        if signed_in:
            # The session starts on this server; the pages after it may be served by the other.
            self.upstreams.add(response.getheader("X-Upstream", "?"))
        if not signed_in:
            self.stats.failure(f"person {self.number} could not sign in")
        return signed_in

    def signed_in_page(self, path: str) -> None:
        response, _ = self.request("GET", path)
        if response is None:
            return
        if response.status == 302 and "/login/" in (response.getheader("Location") or ""):
            self.stats.session_lost(self.number, path)
        elif response.status == 200:
            self.upstreams.add(response.getheader("X-Upstream", "?"))

    def write(self) -> None:
        response, content = self.request("GET", "/organisations/new/")
        if response is None or response.status != 200:
            return
        self.upstreams.add(response.getheader("X-Upstream", "?"))
        self.writes += 1
        name = f"{WRITE_PREFIX} {self.number:03d}-{self.writes:04d}"
        response, _ = self.request(
            "POST",
            "/organisations/new/",
            {
                "csrfmiddlewaretoken": self.csrf_token(content),
                "name": name,
                "sector": "idea_based",
                "legal_form": "non_profit_association",
                "city": "Stockholm",
            },
        )
        if response is not None and response.status == 302:
            self.stats.written(name)
        elif response is not None:
            self.stats.failure(f"write {name}: HTTP {response.status}")

    def run(self) -> None:
        if not self.sign_in():
            return
        while time.monotonic() < self.deadline:
            if self.random.random() < 0.2:
                self.write()
            else:
                self.signed_in_page(self.random.choice(READS))
        self.stats.person_done(self.number, self.upstreams)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.durations: dict[str, list[float]] = collections.defaultdict(list)
        self.failures: list[str] = []
        self.lost_sessions: list[str] = []
        self.writes: list[str] = []
        self.upstreams_per_person: dict[int, set[str]] = {}

    def answered(self, method, seconds):
        with self.lock:
            self.durations[method].append(seconds)

    def failure(self, text):
        with self.lock:
            self.failures.append(text)

    def session_lost(self, number, path):
        with self.lock:
            self.lost_sessions.append(f"person {number} at {path}")

    def written(self, name):
        with self.lock:
            self.writes.append(name)

    def person_done(self, number, upstreams):
        with self.lock:
            self.upstreams_per_person[number] = upstreams


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


# --- the run ----------------------------------------------------------------------------------


def wait_for(port: int, timeout: float = 180) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"nothing answered /healthz on 127.0.0.1:{port}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    args = parser.parse_args()

    nginx = find_nginx()
    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    server_url = server_url.rsplit("/", 1)[0]
    database = create_database(server_url)
    tmp = Path(tempfile.mkdtemp(prefix="iop-two-servers."))
    env = {
        **os.environ,
        "DATABASE_URL": f"{server_url}/{database}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": f"two-servers-{random.SystemRandom().getrandbits(128):x}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "IOP_REQUIRE_2FA": "false",
        "IOP_PROXY_COUNT": "1",
        "CELERY_BROKER_URL": "",
    }
    processes: list[subprocess.Popen] = []
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "generate_data", "--scale", "tiny")
        for port in APP_PORTS:
            processes.append(
                subprocess.Popen(
                    [
                        str(VENV_BIN / "gunicorn"),
                        "iop.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(args.workers),
                        "--control-socket",
                        str(tmp / f"gunicorn-{port}.ctl"),
                        "--error-logfile",
                        str(tmp / f"gunicorn-{port}.log"),
                    ],
                    cwd=ROOT,
                    env=env,
                )
            )
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (tmp / sub).mkdir()
        conf = tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                tmp=tmp,
                user="user root;" if os.geteuid() == 0 else "",
                servers=" ".join(f"server 127.0.0.1:{port};" for port in APP_PORTS),
                port=PROXY_PORT,
            )
        )
        processes.append(subprocess.Popen([nginx, "-c", str(conf), "-g", "daemon off;"]))
        for port in (*APP_PORTS, PROXY_PORT):
            wait_for(port)

        stats = Stats()
        deadline = time.monotonic() + args.seconds
        people = [Person(number, stats, deadline) for number in range(1, args.users + 1)]
        threads = [threading.Thread(target=person.run) for person in people]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        return report(stats, env, args, elapsed)
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        drop_database(server_url, database)
        shutil.rmtree(tmp, ignore_errors=True)


def report(stats: Stats, env, args, elapsed: float) -> int:
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "DJANGO_SECRET_KEY")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count

    from organisations.models import Organisation

    stored = dict(
        Organisation.objects.filter(name__startswith=WRITE_PREFIX + " ")
        .values_list("name")
        .annotate(n=Count("pk"))
    )
    answered = collections.Counter(stats.writes)
    twice = sorted(name for name, count in stored.items() if count != 1)
    missing = sorted(name for name in answered if name not in stored)
    unexpected = sorted(name for name in stored if name not in answered)
    both = sum(1 for seen in stats.upstreams_per_person.values() if len(seen - {"?"}) >= 2)
    requests = sum(len(values) for values in stats.durations.values())

    print(f"\n{args.users} people for {args.seconds} s through nginx to 2 gunicorn servers")
    print(f"  requests answered     {requests} in {elapsed:.0f} s ({requests / elapsed:.1f}/s)")
    for method, values in sorted(stats.durations.items()):
        print(
            f"  {method:<5} p50 {percentile(values, 0.5) * 1000:6.0f} ms"
            f"   p95 {percentile(values, 0.95) * 1000:6.0f} ms   ({len(values)} requests)"
        )
    print(f"  errors                {len(stats.failures)}")
    for failure in stats.failures[:20]:
        print(f"    {failure}")
    print(f"  sessions lost         {len(stats.lost_sessions)}")
    for lost in stats.lost_sessions[:20]:
        print(f"    {lost}")
    print(f"  sessions on both servers  {both} of {len(stats.upstreams_per_person)} people")
    print(
        f"  writes answered done  {len(answered)}; stored once {len(stored) - len(twice)}, "
        f"more than once {len(twice)}, missing {len(missing)}, not answered {len(unexpected)}"
    )
    ok = (
        not stats.failures
        and not stats.lost_sessions
        and both == args.users == len(stats.upstreams_per_person)
        and answered
        and not twice
        and not missing
        and not unexpected
    )
    print("  RESULT               ", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
