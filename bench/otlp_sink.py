"""A stand-in OpenTelemetry collector for the bench: accepts OTLP/HTTP POSTs at /v1/traces and counts them, so a
run with traces on pays what exporting costs Ordo (serialising, batching, sending) and nothing more."""
from __future__ import annotations

import argparse
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class OtlpSink:
    """Listens on 127.0.0.1 (a free port) in a daemon thread; ``requests`` and ``bytes`` count what arrived."""

    def __init__(self, port: int = 0):
        self.requests = self.bytes = 0
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                size = int(self.headers.get("Content-Length", 0))
                self.rfile.read(size)
                sink.requests, sink.bytes = sink.requests + 1, sink.bytes + size
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="A stand-in OTLP/HTTP collector: counts what Ordo exports.")
    parser.add_argument("--port", type=int, default=4318)
    port = parser.parse_args().port
    sink = OtlpSink(port)
    print(f"export with ORDO_OTLP_ENDPOINT={sink.endpoint}; Ctrl-C to stop", flush=True)
    try:
        while True:
            time.sleep(10)
            print(f"{sink.requests} export requests, {sink.bytes / 1024:.0f} kB", flush=True)
    except KeyboardInterrupt:
        sink.close()


if __name__ == "__main__":
    main()
