"""Builds the wheel with what Ordo needs beside its Python packages: the database migrations, the demo rule pack
and the built front end, copied to engine/_shipped/ (found there by engine.shipped). The project's metadata is in
pyproject.toml. An editable install (``make setup``) copies nothing: it runs from the checkout's own folders.

The front end is built first (``npm ci && npm run build``, Node 20) when frontend/dist is missing."""
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = {"migrations": "migrations", "rulepacks": "rulepacks", "frontend": "frontend/dist"}  # = engine.shipped
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc")


def build_front_end() -> None:
    if (ROOT / "frontend" / "dist" / "index.html").is_file():
        return
    if not shutil.which("npm"):
        raise SystemExit("the front end is not built (frontend/dist) and npm is missing: install Node 20, or build "
                         "it elsewhere with `npm ci && npm run build` and copy frontend/dist here")
    for command in (["npm", "ci", "--no-audit", "--no-fund"], ["npm", "run", "build"]):
        subprocess.run(command, cwd=ROOT, check=True)


class BuildWithShippedFolders(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        build_front_end()
        target = Path(self.build_lib) / "engine" / "_shipped"
        for name, source in SHIPPED.items():
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(ROOT / source, target / name, ignore=SKIPPED)


setup(cmdclass={"build_py": BuildWithShippedFolders})
