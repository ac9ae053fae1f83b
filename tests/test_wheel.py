"""setup.py: the wheel ``pip install`` builds carries the migrations, the demo rule pack and the built front end,
so an Ordo installed from it (no source checkout) upgrades a database, seeds the demo pack and serves the app."""
import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile

import pytest

from tests.api.cli.test_many_processes import free_port
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "var", "build", "*.egg-info", "__pycache__",
                                    "tests", "bench", "_shipped")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    assert (ROOT / "frontend" / "dist" / "index.html").is_file(), "build the front end first (make frontend)"
    source, out = tmp_path_factory.mktemp("source") / "ordo", tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, source, ignore=NOT_COPIED)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, source], check=True,
                   capture_output=True, timeout=300)
    return next(out.glob("ordo-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
                   check=True, capture_output=True, timeout=300)
    return target


def run(installed, home, *args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ORDO_")}
    return subprocess.run([sys.executable, *args], cwd=home, capture_output=True, text=True, timeout=120,
                          env={**clean, "PYTHONPATH": str(installed), "ORDO_HOME": str(home), **env})


def test_the_wheel_carries_migrations_the_demo_pack_and_the_built_front_end(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "engine/_shipped/migrations/env.py" in names
    assert "engine/_shipped/rulepacks/telco-demo/pack.json" in names
    assert "engine/_shipped/frontend/index.html" in names
    built = {f"engine/_shipped/frontend/assets/{p.name}" for p in (ROOT / "frontend" / "dist" / "assets").iterdir()}
    assert built <= names
    assert "api/openapi.json" in names and "engine/lifecycle/specs/LICENSE-tmforum-apis-Apache-2.0.txt" in names


def test_an_installed_ordo_migrates_seeds_and_serves_the_app_without_a_checkout(installed, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    where = run(installed, home, "-c", "import engine.shipped as s; print(s.shipped('migrations'))")
    assert where.stdout.strip() == str(installed / "engine" / "_shipped" / "migrations"), where.stderr
    assert run(installed, home, "-m", "api.cli", "db", "upgrade").returncode == 0
    seeded = run(installed, home, "-m", "api.cli", "pack", "seed", "telco-demo")
    assert seeded.stdout.strip() == "pack telco-demo@1 imported, activated", seeded.stderr
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=home,
                              env={**os.environ, "PYTHONPATH": str(installed), "ORDO_HOME": str(home),
                                   "ORDO_DATABASE_URL": f"sqlite:///{home / 'ordo.db'}",
                                   "ORDO_SECRET_KEY": "k" * 64}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        page = fetch(f"http://127.0.0.1:{port}/studio")
        assert page == (ROOT / "frontend" / "dist" / "index.html").read_text()
        asset = next((ROOT / "frontend" / "dist" / "assets").glob("*.css"))
        assert fetch(f"http://127.0.0.1:{port}/assets/{asset.name}") == asset.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url: str) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
