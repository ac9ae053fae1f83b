"""Auto-task handlers: HTTP callout guards, the deterministic simulator."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from engine.runtime.tasks.handlers import builtin  # noqa: F401  (registers the built-in handlers)
from engine.runtime.tasks.handlers.registry import TaskContext, TaskFailed, task_handler_for


class Recorder(BaseHTTPRequestHandler):
    seen: list = []

    def do_POST(self):  # noqa: N802 - http.server naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Recorder.seen.append({"path": self.path, "key": self.headers["Idempotency-Key"], "body": body})
        if self.path == "/slow":
            threading.Event().wait(2)
        status = 500 if self.path == "/broken" else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"accepted": true}')

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def context(params, attempt=1):
    task = SimpleNamespace(id="task-1", key="notify", attempt=attempt, params=params)
    return TaskContext(uow=None, order=None, task=task)


def call(params, attempt=1):
    return task_handler_for("http.callout").run(context(params, attempt))


def test_callout_to_an_allowed_host_sends_the_idempotency_key(server, monkeypatch):
    monkeypatch.setenv("ORDO_HTTP_ALLOWED_HOSTS", server)
    output = call({"url": f"http://{server}/orders", "body": {"id": 7}}, attempt=2)
    assert output == {"status": 200, "body": {"accepted": True}}
    assert Recorder.seen == [{"path": "/orders", "key": "task-1:2", "body": {"id": 7}}]


def test_hosts_outside_the_allow_list_are_never_called(server, monkeypatch):
    monkeypatch.setenv("ORDO_HTTP_ALLOWED_HOSTS", "example.invalid")
    with pytest.raises(TaskFailed, match="not in ORDO_HTTP_ALLOWED_HOSTS"):
        call({"url": f"http://{server}/orders"})
    with pytest.raises(TaskFailed):
        call({"url": "file:///etc/passwd"})
    assert Recorder.seen == []


def test_errors_and_timeouts_are_task_failures(server, monkeypatch):
    monkeypatch.setenv("ORDO_HTTP_ALLOWED_HOSTS", server)
    with pytest.raises(TaskFailed, match="HTTP 500"):
        call({"url": f"http://{server}/broken"})
    with pytest.raises(TaskFailed, match="unreachable"):
        call({"url": f"http://{server}/slow", "timeoutSeconds": 0.2})


def test_callouts_run_as_their_own_job_not_inline():
    assert task_handler_for("http.callout").inline is False
    assert task_handler_for("simulator.run").inline is True


def test_the_simulator_is_deterministic_per_task_and_attempt():
    fail_twice = {"failUntilAttempt": 3}
    with pytest.raises(TaskFailed):
        task_handler_for("simulator.run").run(context(fail_twice, attempt=2))
    assert task_handler_for("simulator.run").run(context(fail_twice, attempt=3))["attempt"] == 3
    rate = {"failureRate": 0.5, "seed": 42}
    outcomes = []
    for attempt in range(1, 30):
        try:
            task_handler_for("simulator.run").run(context(rate, attempt))
            outcomes.append(True)
        except TaskFailed:
            outcomes.append(False)
    again = []
    for attempt in range(1, 30):
        try:
            task_handler_for("simulator.run").run(context(rate, attempt))
            again.append(True)
        except TaskFailed:
            again.append(False)
    assert outcomes == again and 5 < outcomes.count(False) < 25


def test_the_simulator_refuses_a_value_it_does_not_know_for_good_and_takes_the_corrected_one():
    params = {"knownParam": "apn", "known": ["trackline.iot.example"], "apn": "trackline-iot.example"}
    with pytest.raises(TaskFailed, match="rejected: apn 'trackline-iot.example' is not known") as refused:
        task_handler_for("simulator.run").run(context(params))
    assert refused.value.permanent  # retrying the same data cannot help: the retry policy is skipped
    assert task_handler_for("simulator.run").run(context({**params, "apn": "trackline.iot.example"}, attempt=2)) \
        == {"simulated": True, "attempt": 2}
    with pytest.raises(TaskFailed) as transient:
        task_handler_for("simulator.run").run(context({"failUntilAttempt": 2}))
    assert not transient.value.permanent


def test_an_unknown_handler_fails_the_task_instead_of_crashing():
    with pytest.raises(TaskFailed, match="no auto-task handler named 'nope.run'"):
        task_handler_for("nope.run").run(context({}))
