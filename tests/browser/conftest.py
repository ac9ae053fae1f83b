"""Fixtures of the browser tests: Playwright (sync API) driving Debian's Chromium against one real Ordo per session.

- ``ordo_server`` (session): ``ordo serve --with-worker`` on a fresh SQLite database with the demo pack active
  and one user per role (username = role, password ``ordo_server.password``); stopped at the end.
- ``browser`` (session): headless /usr/bin/chromium (`make setup` installs it).
- ``page`` (function): a new context (1280x800, base_url = the server) and page; the test fails on any console
  error or uncaught page error (``console.allow(pattern)`` first for one provoked on purpose), and a full-page
  screenshot goes to var/screenshots/<test name>.png after every test, passed or failed.
- ``console`` (function): the page's ConsoleWatch.
- ``login_api`` (session): ``login_api(role) -> ApiSession``, the native API signed in with a session cookie.

Every test here is marked ``browser``; none uses ``database_url``, so none is in the PostgreSQL pass (``-m db``).
"""
from __future__ import annotations

import shutil

import pytest

from tests.browser.support import (
    CHROMIUM,
    ROOT,
    SCREENSHOTS,
    ApiSession,
    ConsoleWatch,
    OrdoServer,
    screenshot_name,
    start_server,
    stop_server,
)
from tests.browser.support import login_api as _login_api

VIEWPORT = {"width": 1280, "height": 800}
_taken: list[str] = []


def pytest_collection_modifyitems(config, items):
    here = ROOT / "tests" / "browser"
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def ordo_server(tmp_path_factory) -> OrdoServer:
    try:
        server = start_server(tmp_path_factory.mktemp("ordo-browser"))
    except RuntimeError as error:
        failed = str(error)  # failed outside the except block: the message alone, without the chained error
    else:
        failed = None
    if failed:
        pytest.fail(failed, pytrace=False)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium (`make setup` installs it: "
                    "apt-get install chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)  # only this run's screenshots in the folder the log lists
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def console() -> ConsoleWatch:
    return ConsoleWatch()


@pytest.fixture
def page(request, browser, ordo_server, console, _screenshots):
    context = browser.new_context(base_url=ordo_server.url, viewport=VIEWPORT, reduced_motion="reduce")
    opened = context.new_page()
    console.attach(opened)
    request.node._console_watch = console
    yield opened
    path = _screenshots / screenshot_name(request.node.name)
    try:
        opened.screenshot(path=str(path), full_page=True)
        _taken.append(path.name)
    finally:
        context.close()


@pytest.fixture(scope="session")
def login_api(ordo_server):
    """``login_api(role) -> ApiSession``: POST /api/v1/auth/login as the user of ``role``."""
    def sign_in(role: str) -> ApiSession:
        return _login_api(ordo_server, role)
    return sign_in


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not its teardown) when its page logged an error it did not allow; a test that
    failed anyway shows what its page logged in a "browser console" section."""
    watch = getattr(item, "_console_watch", None)
    try:
        result = yield
    except BaseException:
        _console_section(item, watch)
        raise
    _console_section(item, watch)
    if watch is not None and (unexpected := watch.unexpected()):
        pytest.fail("the page logged errors:\n  " + "\n  ".join(unexpected), pytrace=False)
    return result


def _console_section(item, watch: ConsoleWatch | None) -> None:
    if watch is not None and watch.errors:
        item.add_report_section("call", "browser console", "\n".join(watch.errors))


def pytest_terminal_summary(terminalreporter):
    if _taken:
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{len(_taken)} screenshot(s) in {SCREENSHOTS}")
