"""Run the official TM Forum v4 Conformance Test Kits (newman) against a real `ordo serve`.

    .venv/bin/python tests/conformance/run_ctk.py [--kit TMF622] [--keep]

A fresh SQLite database in a temporary folder is migrated (`ordo db upgrade`), the demo pack imported and
activated, an integration user and token created; `ordo serve` (on a free port) and `ordo worker` start as
subprocesses. One demo order (Fibre 500M, with a billing account) is placed with the token and completed by the
worker, so the TMF637 kit -- which only reads -- finds a product with every attribute it requires. The TMF620
kit creates, reads back, patches and deletes entries: they go to the drafts of the demo catalog and price list
(the published catalog stays as imported). Each kit runs with `npx -y newman@6`, its base-URL variable pointing
at the server, and its JSON report is parsed: every failed assertion is listed and the exit status is non-zero.

The kits send no credentials, so the server runs with ``ordo serve --dev --no-auth`` (on 127.0.0.1 only): calls
without a token act as ``anonymous``. The seeding calls still send the integration user's bearer token.
The kit files are used verbatim from ``../shared/data/tmf/ctk`` (TM Forum RAND notice: copy, do not modify);
``ORDO_SHARED_DIR`` points elsewhere (e.g. from a git worktree) instead of ``../shared``.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CTK = Path(os.environ.get("ORDO_SHARED_DIR") or ROOT.parent / "shared") / "data" / "tmf" / "ctk"
DEMO_PACK = ROOT / "rulepacks" / "telco-demo"
NEWMAN = ["npx", "-y", "newman@6"]
FINAL_STATES = {"completed", "partial", "failed", "rejected", "cancelled"}


@dataclass(frozen=True)
class Kit:
    name: str
    collection: Path
    variable: str
    base_path: str
    assertions: int | None = None  # how many assertions a full run of the kit makes (None: not pinned)


# The assertion counts are pinned: a kit that silently runs fewer (a request skipped, a test script that
# stops early, a changed kit file) fails instead of passing on what is left.
KITS = {
    "TMF622": Kit("TMF622", CTK / "CTK-TMF622-ProductOrdering" / "TMF622-ProductOrdering-v4.0.0.testkit.json",
                  "Product_Ordering", "/tmf-api/productOrderingManagement/v4/", 72),
    "TMF637": Kit("TMF637", CTK / "CTK-TMF637-ProductInventory" / "TMF637-ProductInventory-v4.0.0.testkit.json",
                  "Product_Inventory", "/tmf-api/productInventory/v4/", 61),
    "TMF620": Kit("TMF620", CTK / "CTK-TMF620-ProductCatalog" / "CTK-Product_Catalog-4.0.0.postman_collection.json",
                  "Product_Catalog", "/tmf-api/productCatalogManagement/v4/", 1097),
}
# the kits `make test` requires to pass; TMF620's writes go to the catalog's and price list's drafts
REQUIRED = ("TMF622", "TMF637", "TMF620")


@dataclass
class KitResult:
    kit: str
    requests: int = 0
    assertions: int = 0
    failed_assertions: int = 0
    failures: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.failures and self.assertions > 0

    def summary(self) -> str:
        text = (f"{self.kit}: {self.requests} requests, {self.assertions - self.failed_assertions}/{self.assertions} "
                f"assertions passed")
        if self.error:
            text += f"\n  ERROR {self.error}"
        return text + "".join(f"\n  FAIL {failure}" for failure in self.failures)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A migrated database with the demo pack, an integration token, `ordo serve` and `ordo worker`."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "ORDO_DATABASE_URL": f"sqlite:///{workdir / 'ordo.db'}",
                    "ORDO_SECRET_KEY": secrets.token_hex(32),
                    "PYTHONUNBUFFERED": "1"}
        self.env.pop("ORDO_TOKEN", None)
        self.processes: list[subprocess.Popen] = []
        self.token = ""

    def ordo(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=self.env, input=stdin,
                              capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"ordo {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def prepare(self) -> None:
        self.ordo("db", "upgrade")
        self.ordo("pack", "seed", str(DEMO_PACK))
        self.ordo("user", "add", "ctk", "--role", "integration", "--password-stdin", stdin="ctk conformance run\n")
        self.token = self.ordo("user", "token", "ctk", "--name", "ctk").strip().splitlines()[-1]

    def start(self) -> None:
        log = (self.workdir / "server.log").open("w")
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--dev", "--no-auth", "--port", str(self.port)], cwd=ROOT,
            env=self.env, stdout=log, stderr=subprocess.STDOUT))
        worker_log = (self.workdir / "worker.log").open("w")
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "api.cli", "worker", "--poll-interval", "0.05"], cwd=ROOT, env=self.env,
            stdout=worker_log, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{process.args} exited early; see {self.workdir}")
            try:
                self.call("GET", "/tmf-api/productOrderingManagement/v4/productOrder?limit=1")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise RuntimeError(f"ordo serve did not answer on port {self.port}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()

    def call(self, method: str, path: str, body: dict | None = None) -> dict | list:
        request = urllib.request.Request(
            self.base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json",
                     "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def seed(self, timeout: float = 60) -> dict:
        """Place the Fibre 500M demo order with a billing account and wait until the worker completes it."""
        order = json.loads((DEMO_PACK / "examples" / "fibre-500.json").read_text())
        order["externalId"] = "ctk-seed"
        order["billingAccount"] = {"id": "ba-ctk-0001", "name": "CTK billing account",
                                   "@referredType": "BillingAccount"}
        created = self.call("POST", "/tmf-api/productOrderingManagement/v4/productOrder", order)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = self.call("GET", f"/tmf-api/productOrderingManagement/v4/productOrder/{created['id']}")
            if current["state"] in FINAL_STATES:
                if current["state"] != "completed":
                    raise RuntimeError(f"the seed order ended {current['state']}: {current.get('note')}")
                return current
            time.sleep(0.1)
        raise RuntimeError("the seed order did not complete in time")


def run_kit(kit: Kit, base_url: str, workdir: Path) -> KitResult:
    if not kit.collection.is_file():
        return KitResult(kit.name, error=f"no kit at {kit.collection} (the shared data lives beside the project, "
                                         f"in ../shared/data/tmf/ctk)")
    report = workdir / f"ctk-{kit.name}.json"
    command = [*NEWMAN, "run", str(kit.collection), "--env-var", f"{kit.variable}={base_url}{kit.base_path}",
               "--reporters", "cli,json", "--reporter-json-export", str(report), "--color", "off",
               "--timeout-request", "30000"]
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=300)
    (workdir / f"ctk-{kit.name}.log").write_text(done.stdout + done.stderr)
    result = KitResult(kit.name)
    if not report.exists():
        result.error = f"newman wrote no report (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        return result
    return parse_report(kit.name, json.loads(report.read_text()), done.returncode, kit.assertions)


def parse_report(name: str, report: dict, exit_code: int = 0, expected_assertions: int | None = None) -> KitResult:
    """Every failed assertion (request name, assertion, message) and every request that got no response;
    an error when the run made another number of assertions than ``expected_assertions``."""
    run = report["run"]
    result = KitResult(name, requests=run["stats"]["requests"]["total"],
                       assertions=run["stats"]["assertions"]["total"])
    for execution in run.get("executions", []):
        request_name = execution.get("item", {}).get("name", "?")
        if execution.get("requestError"):
            result.failures.append(f"{request_name}: request error {execution['requestError'].get('message')}")
        for assertion in execution.get("assertions") or []:
            if assertion.get("error"):
                result.failed_assertions += 1
                result.failures.append(f"{request_name}: {assertion['assertion']}: "
                                       f"{assertion['error'].get('message')}")
    for failure in run.get("failures", []):
        if failure.get("error", {}).get("name") != "AssertionError":
            source = failure.get("source", {}).get("name", "?")
            result.failures.append(f"{source}: {failure['error'].get('name')}: {failure['error'].get('message')}")
    if exit_code and not result.failures:
        result.error = f"newman exited {exit_code} without a failed assertion in its report"
    elif expected_assertions is not None and result.assertions != expected_assertions:
        result.error = (f"the kit ran {result.assertions} assertions, not the {expected_assertions} a full run makes "
                        f"(pinned in run_ctk.KITS)")
    return result


def run(kits: list[str], workdir: Path) -> list[KitResult]:
    server = Server(workdir)
    server.prepare()
    server.start()
    try:
        server.seed()
        return [run_kit(KITS[name], server.base, workdir) for name in kits]
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kit", action="append", choices=sorted(KITS), help="run only this kit (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (database, logs, reports)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ordo-ctk-"))
    started = time.monotonic()
    results = run(args.kit or list(REQUIRED), workdir)
    for result in results:
        print(result.summary())
    print(f"{time.monotonic() - started:.1f}s; work folder {workdir}" + ("" if args.keep else " (removed)"))
    if not args.keep:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
