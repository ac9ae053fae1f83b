"""SVG drawings of DOT graphs through Graphviz's ``dot`` program, when the machine has it."""

from __future__ import annotations

import shutil
import subprocess

TIMEOUT_SECONDS = 20


class RendererMissing(RuntimeError):
    """Graphviz's ``dot`` is not installed (or not on PATH), so no SVG can be drawn."""


class RenderFailed(RuntimeError):
    """``dot`` ran but gave no drawing (it says why)."""


def dot_program() -> str | None:
    """The path of Graphviz's ``dot``, or None."""
    return shutil.which("dot")


def render_svg(source: str) -> bytes:
    """The SVG drawing of DOT ``source``; RendererMissing without Graphviz, RenderFailed when dot refuses."""
    program = dot_program()
    if program is None:
        raise RendererMissing("SVG drawings need Graphviz's dot program, which is not installed on this server; "
                              "ask for format=dot (text/vnd.graphviz) and lay the graph out in the client")
    try:
        done = subprocess.run([program, "-Tsvg"], input=source.encode(), capture_output=True,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as error:
        raise RenderFailed(f"dot took longer than {TIMEOUT_SECONDS} s") from error
    if done.returncode != 0 or not done.stdout:
        raise RenderFailed(done.stderr.decode(errors="replace").strip() or f"dot exited with {done.returncode}")
    return done.stdout
