"""Decision-table grid latency at 5,000 rules x 30 columns (issue 13, S2), in Debian's Chromium via Playwright.

Signed in as a user who may edit the studio, against its own server or a running one:

    .venv/bin/python bench/grid_latency.py            (starts its own server on a scratch SQLite database)
    .venv/bin/python bench/grid_latency.py --url http://127.0.0.1:8000 --user processAdmin --password ...

It creates a decision table (25 inputs, 5 outputs, 5,000 rules) as a new draft through the API, opens it in
the studio's grid, then measures
- scroll: the frame times while the grid scrolls down by 600 px per animation frame (its body is virtualised);
- edit: keypress -> the edited cell shows the value (a key typed into a cell opens its editor with that key;
  Enter commits it to the draft: one setDocument, the grid re-rendered, the next frame painted), per edit;
- paste: a 200-row TSV block pasted at the top (one undo step) until the last pasted cell shows.
It prints the figures (milliseconds; p50 / p95 / max); nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser.support import start_server, stop_server  # noqa: E402

INPUTS, OUTPUTS, RULES = 25, 5, 5000


def table_document(key: str) -> dict:
    inputs = [{"name": f"in{i}", "type": "number" if i % 2 else "string"} for i in range(INPUTS)]
    outputs = [{"name": f"out{i}", "type": "string"} for i in range(OUTPUTS)]
    rules = [{"id": f"r{n}", "inputEntries": [f"[{n}..{n + 10}]" if i % 2 else f'"v{n % 97}"' for i in range(INPUTS)],
              "outputEntries": [f"o{n}-{j}" for j in range(OUTPUTS)]} for n in range(RULES)]
    return {"kind": "decision_table", "key": key, "schemaVersion": 1, "title": "Grid bench 5000 x 30",
            "body": {"hitPolicy": "FIRST", "inputs": inputs, "outputs": outputs, "rules": rules}}


def figures(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return (f"{name}: n={len(values)} p50={statistics.median(ordered):.1f} ms p95={p95:.1f} ms "
            f"max={ordered[-1]:.1f} ms mean={statistics.fmean(ordered):.1f} ms")


WAIT_CELL = """([selector, text]) => new Promise((resolve) => {
  const t0 = window.__t0;
  const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
  const found = () => { const el = document.querySelector(selector); return el && el.textContent === text; };
  if (found()) return done();
  const observer = new MutationObserver(() => { if (found()) { observer.disconnect(); done(); } });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})"""

EDITOR_OPEN = """() => new Promise((resolve) => {
  const t0 = window.__t0;
  const check = () => {
    const el = document.activeElement;
    if (el && el.tagName === "INPUT" && el.value.length) requestAnimationFrame(() => resolve(performance.now() - t0));
    else requestAnimationFrame(check);
  };
  check();
})"""

SCROLL = """(frames) => new Promise((resolve) => {
  const grid = document.querySelector('[data-testid="table-grid"]');
  const times = []; let last = performance.now(); let n = 0;
  const step = (now) => {
    times.push(now - last); last = now; n += 1;
    grid.scrollTop += 600;
    if (n < frames) requestAnimationFrame(step); else resolve({ times: times.slice(1), top: grid.scrollTop });
  };
  requestAnimationFrame(step);
})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running Ordo (default: start one on a scratch SQLite database, as the "
                                          "browser tests do)")
    parser.add_argument("--user", default="processAdmin")
    parser.add_argument("--password", help="the user's password (with --url)")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--frames", type=int, default=240)
    args = parser.parse_args()
    if args.url:
        measure(args)
        return
    server = start_server(Path(tempfile.mkdtemp(prefix="ordo-grid-bench-")))
    try:
        args.url, args.password = server.url, server.password
        measure(args)
    finally:
        stop_server(server)


def measure(args: argparse.Namespace) -> None:
    http = requests.Session()
    login = http.post(f"{args.url}/api/v1/auth/login", json={"username": args.user, "password": args.password}, timeout=30)
    login.raise_for_status()
    csrf = login.json()["csrfToken"]
    key = f"bench.grid-{int(time.time())}"
    started = time.perf_counter()
    created = http.post(f"{args.url}/api/v1/studio/artifacts", json=table_document(key), headers={"X-CSRF-Token": csrf},
                        timeout=300)
    created.raise_for_status()
    print(f"created {key}: {RULES} rules x {INPUTS + OUTPUTS} columns in {time.perf_counter() - started:.1f} s")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        context = browser.new_context(base_url=args.url, viewport={"width": 1280, "height": 800})
        context.add_cookies([{"name": k, "value": v, "url": args.url} for k, v in http.cookies.get_dict().items()])
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"/studio/artifacts/{key}/versions/1")
        page.locator('[data-cell="0:in:0"]').wait_for(timeout=120_000)
        print(f"editor open with the first cells shown: {time.perf_counter() - started:.2f} s (load, parse, first render)")
        rendered = page.locator(".rdg-cell").count()
        print(f"grid cells in the DOM (virtualised): {rendered} of {RULES * (INPUTS + OUTPUTS + 2)}")

        page.wait_for_timeout(1000)
        scroll = page.evaluate(SCROLL, args.frames)
        print(figures("scroll frame time", scroll["times"]) + f" (scrolled to {scroll['top']:.0f} px)")
        page.evaluate("() => { document.querySelector('[data-testid=\"table-grid\"]').scrollTop = 0 }")
        page.wait_for_timeout(500)

        typed, committed = [], []
        for n in range(args.edits):
            row, col = n % 8, 1 + (n % 3) * 2  # number inputs in view
            cell = f'[data-cell="{row}:in:{col}"]'
            page.evaluate("() => { const g = document.querySelector('[data-testid=\"table-grid\"]'); g.scrollTop = 0; g.scrollLeft = 0 }")
            page.locator(cell).click()
            value = f"{n % 9 + 1}"
            page.evaluate("() => { window.__t0 = performance.now() }")
            page.keyboard.press(value)  # opens the editor with the key
            typed.append(page.evaluate(EDITOR_OPEN))
            page.evaluate("() => { window.__t0 = performance.now() }")
            page.keyboard.press("Enter")
            committed.append(page.evaluate(WAIT_CELL, [cell, value]))
        print(figures("edit: key -> editor open with it", typed))
        print(figures("edit: Enter -> cell shows the value (setDocument + render + frame)", committed))

        tsv = "\r\n".join("\t".join(["-"] * 5) + f"\tp{n}" for n in range(200))
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=args.url)
        page.evaluate("text => navigator.clipboard.writeText(text)", tsv)
        page.locator('[data-cell="0:in:0"]').click()
        page.evaluate("() => { window.__t0 = performance.now() }")
        page.keyboard.press("Control+V")
        pasted = page.evaluate(WAIT_CELL, ['[data-cell="0:in:5"]', "p0"])
        print(f"paste 200 x 6 TSV: {pasted:.1f} ms (Ctrl+V -> pasted cells shown)")
        browser.close()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"Chromium headless; python {platform.python_version()}")


if __name__ == "__main__":
    main()
