"""Regression: durable-rules could crash deleting the session of a fact that no rule handled
(uninitialised memory, so it depends on the heap: most likely on a ruleset's first event)."""
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

SCRIPT = textwrap.dedent("""
    from engine.rules.events import compile_ruleset

    body = {"rules": [{"name": "a", "when": {"m": {"errorType": "timeout"}}, "then": [{"action": "hold"}]}]}
    for key in range(30):
        ruleset = compile_ruleset(f"unmatched.sessions{key}", 1, body)
        for n in range(20):
            junk = [str(i) * 30 for i in range(2000)]
            error = "timeout" if n % 2 else "inventory"
            assert [d.action for d in ruleset.evaluate({"errorType": error})] == (["hold"] if n % 2 else [])
    print("ok")
""")


def test_unmatched_first_events_do_not_crash_durable_rules():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-2000:]
