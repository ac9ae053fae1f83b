"""What the browser tests run against and check with: a real Ordo (``ordo serve --with-worker`` on a fresh SQLite
database with the demo pack and one user per role), the API signed in as a role, the console watch and axe-core.

The fixtures over these are in conftest.py beside this file; tests import the helpers from here
(``from tests.browser.support import axe_check``).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.conftest import DEMO_PACK, ROOT

CHROMIUM = Path("/usr/bin/chromium")
DIST_INDEX = ROOT / "frontend" / "dist" / "index.html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "browser-test-password"  # every test user's password
CUSTOMER_PARTY = ("cust-0042", "Jane Example")  # the customer's party, as `ordo user demo` makes it
SERIOUS = ("serious", "critical")
START_TIMEOUT = 60.0


@dataclass
class OrdoServer:
    """A running ``ordo serve --with-worker``: its base URL, database and log; one user per role of api/roles.py,
    named after the role (``processAdmin``, ``businessAnalyst``, ``customer``…), every one with PASSWORD."""

    url: str
    database_url: str
    log: Path
    process: subprocess.Popen
    users: dict[str, str] = field(default_factory=dict)  # role -> username
    password: str = PASSWORD

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""


def _environment(home: Path, database_url: str) -> dict[str, str]:
    """This process's environment without any ORDO_* setting of the developer's, plus the server's own."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ORDO_")}
    return {**clean, "ORDO_HOME": str(home), "ORDO_DATABASE_URL": database_url,
            "ORDO_SECRET_KEY": secrets.token_hex(32), "PYTHONUNBUFFERED": "1",
            # every test signs in as the same few users, and a closed page's stream is noticed at the next
            # heartbeat: more connections per user and quicker heartbeats than production's 4 and 15 s
            "ORDO_STREAM_MAX_CONNECTIONS": "64", "ORDO_STREAM_HEARTBEAT_SECONDS": "2"}


def _ordo(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"`ordo {' '.join(args)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def _create_users(database_url: str) -> dict[str, str]:
    """One user per role named after it, with PASSWORD (what `ordo user demo` makes, with a known password)."""
    from api.auth.users import create_user
    from api.roles import CUSTOMER, ROLES
    from engine.runtime.service import Runtime

    ordo = Runtime.connect(database_url)
    try:
        with ordo.unit_of_work(actor="browser-tests") as uow:
            for role in ROLES:
                party, name = CUSTOMER_PARTY if role == CUSTOMER else (None, None)
                create_user(uow, role, role, party, PASSWORD, party_name=name)
    finally:
        ordo.engine.dispose()
    return {role: role for role in ROLES}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path) -> OrdoServer:
    """`make run` on a fresh database in ``folder``: migrate, seed the demo pack, the users, then
    ``ordo serve --with-worker`` on a free port; returns once /api/v1/health answers and the worker started."""
    if not DIST_INDEX.exists():
        raise RuntimeError(f"{DIST_INDEX.relative_to(ROOT)} is missing: the browser tests need the built front end "
                           "(`make test` builds it; by hand: npm ci && npm run build)")
    database_url = f"sqlite:///{folder / 'ordo.db'}"
    env = _environment(folder, database_url)
    _ordo(env, "db", "upgrade")
    _ordo(env, "pack", "seed", str(DEMO_PACK))
    users = _create_users(database_url)
    _ordo(env, "user", "demo")  # keeps the users above; staffs the demo agents into the pack's groups
    port, log = _free_port(), folder / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--with-worker"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = OrdoServer(f"http://127.0.0.1:{port}", database_url, log, process, users)
    try:
        _wait_until_ready(server)
    except BaseException:
        stop_server(server)
        raise
    return server


def _wait_until_ready(server: OrdoServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    healthy = False
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"ordo serve exited ({server.process.returncode}):\n{server.log_tail()}")
        if not healthy:
            try:
                with urllib.request.urlopen(f"{server.url}/api/v1/health", timeout=2) as response:
                    healthy = response.status == 200 and json.load(response)["status"] == "ok"
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
        if healthy and re.search(r"worker \S+ started", server.log.read_text(errors="replace")):
            return
        time.sleep(0.1)
    raise RuntimeError(f"ordo serve at {server.url} was not ready (health and worker) within {START_TIMEOUT:.0f} s:"
                       f"\n{server.log_tail()}")


def stop_server(server: OrdoServer) -> None:
    """SIGTERM to the server's process group (the server stops its worker), SIGKILL if it lingers."""
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=30)


@dataclass
class ApiSession:
    """The native API signed in as one user with a session cookie, as the browser is: ``request`` sends the CSRF
    token on changes. ``cookies`` are the session cookie(s) by name; ``browser_cookies`` the same for
    Playwright's ``context.add_cookies``."""

    base_url: str
    username: str
    role: str
    csrf_token: str
    http: requests.Session

    @property
    def cookies(self) -> dict[str, str]:
        return self.http.cookies.get_dict()

    def browser_cookies(self) -> list[dict]:
        return [{"name": name, "value": value, "url": self.base_url} for name, value in self.cookies.items()]

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if method.upper() not in ("GET", "HEAD", "OPTIONS"):
            headers.setdefault("X-CSRF-Token", self.csrf_token)
        return self.http.request(method, f"{self.base_url}{path}", headers=headers, timeout=30, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)


def login_api(server: OrdoServer, role: str) -> ApiSession:
    """Sign in as the user of ``role`` through POST /api/v1/auth/login."""
    http = requests.Session()
    username = server.users[role]
    response = http.post(f"{server.url}/api/v1/auth/login", json={"username": username, "password": server.password},
                         timeout=30)
    assert response.status_code == 200, f"login as {username}: {response.status_code} {response.text}"
    body = response.json()
    return ApiSession(server.url, username, body["role"], body["csrfToken"], http)


class ConsoleWatch:
    """The console errors and uncaught page errors of one test's page. A test that provokes an error on purpose
    (a 403 or a stale save's 409/412, which Chromium logs as "Failed to load resource") says so first with
    ``allow(pattern)``; whatever else is seen fails the test. Note that any 4xx/5xx answer to a fetch is such
    an error, e.g. a 401 from GET /api/v1/auth/me on a signed-out page."""

    ALWAYS_ALLOWED: tuple[str, ...] = ()  # nothing is unavoidable so far: add a pattern here only with its reason

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.allowed: list[re.Pattern] = [re.compile(p) for p in self.ALWAYS_ALLOWED]

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def attach(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location or {}
            self.errors.append(f"console error: {message.text} ({where.get('url', '?')}:{where.get('lineNumber', '?')})")

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


def axe_check(page, impacts: tuple[str, ...] = SERIOUS, options: dict | None = None) -> list[dict]:
    """Run axe-core (node_modules/axe-core) on the page as it is; the violations of ``impacts`` (serious and
    critical by default), each with id, impact, help, helpUrl and the failing nodes' targets. Assert it is empty."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => window.axe.run(document, options)", options or {})
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"], "helpUrl": v["helpUrl"],
             "targets": [node["target"] for node in v["nodes"]],
             "why": [node.get("failureSummary", "") for node in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in impacts]


def screenshot_name(test_name: str) -> str:
    """A file name for a test's screenshot: its name (with parameters), other characters as '_'."""
    return re.sub(r"[^A-Za-z0-9_.\-\[\]]", "_", test_name) + ".png"


def sign_in(page, server: OrdoServer, role: str, start: str = "/") -> None:
    """Sign in as the user of ``role`` through the sign-in form (opening ``start`` first), and wait for the shell."""
    page.goto(start)
    page.get_by_role("textbox", name="Username").fill(server.users[role])
    page.get_by_role("textbox", name="Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_test_id("user-menu").wait_for()


def signed_in_page(page, session: ApiSession, path: str = "/") -> None:
    """Open ``path`` already signed in with an API session's cookie (faster than the form)."""
    page.context.add_cookies(session.browser_cookies())
    page.goto(path)
    page.get_by_test_id("user-menu").wait_for()


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on the page once nothing on it is busy (a refreshing region is
    dimmed on purpose while it reloads); the failure lists each violation with its elements."""
    from playwright.sync_api import expect

    expect(page.locator('[aria-busy="true"]')).to_have_count(0)
    violations = axe_check(page)
    assert not violations, "accessibility violations:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {v['targets'][:5]}; {v['why']}" for v in violations)
