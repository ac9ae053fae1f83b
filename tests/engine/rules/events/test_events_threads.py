import threading

from engine.rules.events import compile_ruleset

THREADS = 8
EVENTS_PER_THREAD = 300


def ruleset_body(limit):
    return {"rules": [
        {"name": "retry", "when": {"m": {"$lt": {"attempt": limit}}},
         "then": [{"action": "retry", "params": {"backoffSeconds": 10}}], "priority": 1},
        {"name": "fallout", "when": {"m": {"$gte": {"attempt": limit}}},
         "then": [{"action": "createFallout",
                   "params": {"type": "exhausted", "priority": 1, "assignmentGroup": "ops"}}]},
        {"name": "vip", "when": {"m": {"segment": "vip"}}, "then": [{"action": "notify", "params": {"to": "am"}}]},
    ]}


def expected(limit, event):
    names = ["retry" if event["attempt"] < limit else "fallout"]
    return names + (["vip"] if event["segment"] == "vip" else [])


def test_eight_threads_evaluating_at_once_all_get_their_own_answers(registry):
    rulesets = {limit: compile_ruleset("threads.case", limit, ruleset_body(limit), registry=registry)
                for limit in (2, 4)}
    barrier = threading.Barrier(THREADS)
    failures, checked = [], []

    def work(worker):
        barrier.wait()
        for n in range(EVENTS_PER_THREAD):
            limit = 2 if (worker + n) % 2 else 4
            event = {"attempt": (worker * 7 + n) % 6, "segment": "vip" if n % 3 == 0 else "smb",
                     "worker": worker, "n": n}
            got = [d.rule_name for d in rulesets[limit].evaluate(event)]
            if got != expected(limit, event):
                failures.append((worker, n, limit, got))
            checked.append(1)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(checked) == THREADS * EVENTS_PER_THREAD


def test_compiling_from_eight_threads_at_once_registers_once(registry):
    barrier = threading.Barrier(THREADS)
    names = []

    def work():
        barrier.wait()
        ruleset = compile_ruleset("threads.compile", 1, ruleset_body(3), registry=registry)
        names.append((ruleset.registered_name, [d.rule_name for d in ruleset.evaluate(
            {"attempt": 1, "segment": "vip"})]))

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert names == [("threads.compile@1", ["retry", "vip"])] * THREADS
