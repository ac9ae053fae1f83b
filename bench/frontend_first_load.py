"""The web app's first load: what a browser fetches to show the sign-in page, and then the studio catalog.

Starts a real Ordo (the browser tests' server: fresh SQLite, demo pack, one user per role) on the built front end
(`npm run build` first), opens the pages in Debian's Chromium and sums the JavaScript and CSS the page fetched,
raw and gzip-compressed (level 6 here; Ordo sends text assets gzip-compressed at level 9 itself, index.html plain).

    .venv/bin/python bench/frontend_first_load.py
"""
from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser.support import CHROMIUM, start_server, stop_server  # noqa: E402


def measure(page, url: str, ready: str, sign_in: tuple[str, str] | None = None) -> list[tuple[str, int, int]]:
    fetched: list[tuple[str, int, int]] = []

    def record(response):
        kind = response.request.resource_type
        if kind in ("script", "stylesheet", "document") and response.ok:
            body = response.body()
            fetched.append((response.url.rsplit("/", 1)[-1] or "index.html", len(body), len(gzip.compress(body, 6))))

    page.on("response", record)
    page.goto(url)
    if sign_in:
        page.get_by_role("textbox", name="Username").fill(sign_in[0])
        page.get_by_role("textbox", name="Password").fill(sign_in[1])
        page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name=ready).wait_for()
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    return fetched


def report(title: str, fetched: list[tuple[str, int, int]]) -> None:
    raw, zipped = sum(f[1] for f in fetched), sum(f[2] for f in fetched)
    print(f"{title}: {len(fetched)} files, {raw / 1024:.1f} KiB raw, {zipped / 1024:.1f} KiB gzip")
    for name, size, packed in sorted(fetched, key=lambda f: -f[2]):
        print(f"    {name:48} {size / 1024:8.1f} KiB  {packed / 1024:7.1f} KiB gzip")


def main() -> None:
    server = start_server(Path(tempfile.mkdtemp(prefix="ordo-first-load-")))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            page = browser.new_context(base_url=server.url).new_page()
            first = measure(page, "/", "Sign in to Ordo")
            report("first load (sign-in page)", first)
            then = measure(page, "/studio", "Artifacts", sign_in=("processAdmin", server.password))
            report("then the studio catalog (after sign-in)", then)
            browser.close()
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
