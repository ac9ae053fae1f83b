"""``http.callout``: call an external system. Allow-listed hosts only, a timeout, an idempotency key.

Params: ``url``, ``method`` (POST), ``body`` (JSON), ``timeoutSeconds`` (10). Hosts come from
``ORDO_HTTP_ALLOWED_HOSTS`` (comma-separated host[:port]); nothing else is ever called. The
``Idempotency-Key`` header is ``<task id>:<attempt>`` so the far side can de-duplicate retries. A URL with a
control character, whitespace or a backslash is refused before it is parsed (``urlsplit`` drops CR, LF and TAB,
so the URL checked would not be the URL called).
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from engine.runtime.events.callbacks import unsafe_character
from engine.runtime.tasks.handlers.registry import TaskContext, TaskFailed, task_handler
from engine.settings import variable


def allowed_hosts() -> set[str]:
    return {h.strip().lower() for h in (variable("ORDO_HTTP_ALLOWED_HOSTS") or "").split(",") if h.strip()}


@task_handler("http.callout", inline=False)
def callout(ctx: TaskContext) -> dict:
    params = ctx.task.params or {}
    url = str(params.get("url", ""))
    bad = unsafe_character(url)
    if bad:
        raise TaskFailed(f"the callout URL contains {bad}: control characters, whitespace and backslashes are "
                         "not allowed")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in allowed_hosts():
        raise TaskFailed(f"host {parts.netloc or url!r} is not in ORDO_HTTP_ALLOWED_HOSTS")
    data = json.dumps(params.get("body", {})).encode()
    request = urllib.request.Request(url, data=data, method=str(params.get("method", "POST")).upper(), headers={
        "Content-Type": "application/json", "Idempotency-Key": f"{ctx.task.id}:{ctx.task.attempt}"})
    try:
        with urllib.request.urlopen(request, timeout=float(params.get("timeoutSeconds", 10))) as response:
            text = response.read().decode() or "{}"
            return {"status": response.status, "body": json.loads(text) if text.strip().startswith(("{", "[")) else text}
    except urllib.error.HTTPError as error:
        raise TaskFailed(f"{url} answered HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise TaskFailed(f"{url} unreachable: {getattr(error, 'reason', error)}") from error
