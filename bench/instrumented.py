"""Run an ``ordo`` command with bench instruments, for ``bench/orders_e2e.py``.

    python bench/instrumented.py OUT_JSON [--profile OUT_PROF] -- serve --port 8000

Counts the SQL statements the process sends (one per ``execute``/``executemany`` call, as the driver sees
them), and at exit writes ``{"statements": n, "cpu_seconds": user+sys}`` to OUT_JSON; with ``--profile``
the process runs under cProfile and its stats go to OUT_PROF. SIGTERM ends a server as Ctrl-C would, so the
figures are written; ``ordo worker`` installs its own SIGTERM handler and finishes its job first.
"""
from __future__ import annotations

import atexit
import cProfile
import json
import os
import runpy
import signal
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

statements = 0


@event.listens_for(Engine, "before_cursor_execute")
def _count(*_args) -> None:
    global statements
    statements += 1


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def main() -> None:
    args = sys.argv[1:]
    split = args.index("--")
    own, command = args[:split], args[split + 1:]
    out = Path(own[0])
    profile_out = Path(own[own.index("--profile") + 1]) if "--profile" in own else None
    profiler = cProfile.Profile() if profile_out else None

    def write() -> None:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile_out)
        times = os.times()
        out.write_text(json.dumps({"statements": statements, "cpu_seconds": times.user + times.system}))

    atexit.register(write)
    signal.signal(signal.SIGTERM, _interrupt)
    sys.argv = ["ordo", *command]
    if profiler is not None:
        profiler.enable()
    try:
        runpy.run_module("api.cli", run_name="__main__", alter_sys=True)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
