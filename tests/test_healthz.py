"""The health check against a real database that goes away and comes back.

The app runs in gunicorn (a subprocess, production settings, a free port) with its
`DATABASE_URL` pointing at a TCP relay in front of PostgreSQL; stopping the relay is the
database going away (connections cut, port closed), starting it again is the database back.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Relay:
    """Forwards 127.0.0.1:<port> to a target; `stop()` closes the port and cuts every
    connection, as a database restart does."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self._listener = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        with contextlib.suppress(OSError):  # shutdown wakes the thread blocked in accept()
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def postgres_server() -> tuple[str, str, int] | None:
    """(user, host, port) of a PostgreSQL that answers: the test database's own server, or
    the one on 127.0.0.1:5432."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url) if url.startswith("postgres") else None
    user = (parts.username if parts else None) or "postgres"
    host, port = (parts.hostname, parts.port or 5432) if parts else ("127.0.0.1", 5432)
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return None
    return user, host, port


@pytest.fixture
def serve():
    servers = []

    def _serve(database_url: str, settings: str = "iop.settings") -> str:
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "healthz-test-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            # Connections are kept: the restart must not fail the first request after it.
            "DATABASE_CONN_MAX_AGE": "600",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "iop.wsgi:application", "--workers", "1",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        servers.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return base
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"gunicorn stopped: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        pytest.fail("gunicorn did not start within 30 s")

    yield _serve
    for process in servers:
        process.terminate()
        process.wait(timeout=10)


def status_of(url: str) -> tuple[int, bytes]:
    # As from the TLS-terminating proxy in front of the app (else: a redirect to HTTPS).
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_healthz_answers_503_when_the_database_does_not_answer(serve):
    closed = free_port()  # nothing listens there
    base = serve(f"postgres://postgres@127.0.0.1:{closed}/postgres")

    status, body = status_of(f"{base}/healthz")

    assert status == 503
    assert b'"status": "unavailable"' in body


def test_a_page_without_its_database_gets_the_swedish_500_page(serve):
    # The test settings: production's, with static files that need no collected manifest.
    base = serve(f"postgres://postgres@127.0.0.1:{free_port()}/postgres", "tests.settings")

    status, body = status_of(f"{base}/login/")

    assert status == 500
    assert "<h1>Något gick fel</h1>" in body.decode()
    assert "Traceback" not in body.decode()


def test_healthz_follows_the_database_away_and_back(serve):
    server = postgres_server()
    if server is None:
        pytest.skip("no PostgreSQL answers (CI runs this in its PostgreSQL pass)")
    user, host, port = server
    relay = Relay((host, port))
    relay.start()
    base = serve(f"postgres://{user}@127.0.0.1:{relay.port}/postgres")

    assert status_of(f"{base}/healthz")[0] == 200  # the worker now keeps a connection

    relay.stop()  # the database goes away
    assert status_of(f"{base}/healthz")[0] == 503

    relay.start()  # and comes back
    assert status_of(f"{base}/healthz")[0] == 200


def test_a_database_restart_does_not_fail_the_first_request_after_it(serve):
    """CONN_HEALTH_CHECKS: the kept connection is found dead and replaced before use."""
    server = postgres_server()
    if server is None:
        pytest.skip("no PostgreSQL answers (CI runs this in its PostgreSQL pass)")
    user, host, port = server
    relay = Relay((host, port))
    relay.start()
    base = serve(f"postgres://{user}@127.0.0.1:{relay.port}/postgres")
    assert status_of(f"{base}/healthz")[0] == 200

    relay.stop()  # a restart between two requests: the kept connection is cut
    relay.start()

    assert status_of(f"{base}/healthz")[0] == 200
