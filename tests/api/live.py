"""A real HTTP server and worker on threads, for tests that talk to a running Ordo over the network."""
from __future__ import annotations

import threading
from collections.abc import Iterator

from werkzeug.serving import make_server

from engine.runtime.jobs.worker import Worker


def serve(app, runtime, poll_interval: float = 0.02) -> Iterator[str]:
    """Serve ``app`` and run one worker on ``runtime`` until the generator is closed; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    worker = Worker(runtime.session_factory, runtime.clock, poll_interval=poll_interval)
    threads = [threading.Thread(target=server.serve_forever, daemon=True),
               threading.Thread(target=worker.run_forever, kwargs={"install_signals": False}, daemon=True)]
    for thread in threads:
        thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    worker.request_stop()
    server.shutdown()
    for thread in threads:
        thread.join(timeout=10)
