"""Live updates: server-sent events of orders, task queues and studio artifacts, from the event outbox.

``GET /api/v1/stream?topic=...`` topics: ``order:<id>`` (the order's events; with task changes for callers who may read tasks),
``queue:<group>`` / ``queue:*`` (task changes of a queue / of every queue the caller sees) and
``artifact:<key>`` (changes of a studio artifact's versions; ``artifact:*`` of every artifact); several per connection. Each is allowed as
its reads are: a customer follows only its own party's orders (404 otherwise), queues need ``task.read``
and agents follow only their own groups (403), artifacts need ``studio.read``. All of it is decided before
the stream starts. ``Last-Event-ID`` (or ``?since=<id>``) resumes after that outbox id; without either the
stream starts at the newest event.
"""
from __future__ import annotations

import threading

from flask import Blueprint, Response, current_app, g, request
from pydantic import Field

from api.auth.scope import visible_or_404
from api.contract import Query, endpoint
from api.errors import ApiError, problem
from api.native.sse import StreamSettings, frames
from api.native.workspace import caller, narrowed_to_groups
from api.permissions import forbidden, requires
from api.roles import allowed
from api.runtime import runtime
from engine.runtime.events.live import feed
from engine.runtime.events.live.topics import (
    EVERY_ARTIFACT,
    EVERY_QUEUE,
    ORDER,
    QUEUE,
    Subscription,
    Topic,
    parse_topics,
)
from engine.runtime.tasks.groups import check_member, groups_of
from engine.store.models import CustomerOrder
from studio.artifacts import find_artifact

bp = Blueprint("stream", __name__, url_prefix="/api/v1")
SLOTS = "ordo.stream_slots"
_slots_lock = threading.Lock()


@bp.record_once
def _check_settings(state) -> None:
    """Refuse to start with a STREAM_* setting that is not a positive number."""
    StreamSettings.from_config(state.app.config)


class StreamQuery(Query):
    topic: str = Field(min_length=1, description="order:<id>, queue:<group>, queue:*, artifact:<key> or artifact:*; several "
                                                 "comma-separated or repeated")
    since: int | None = Field(None, ge=0, le=10**18 - 1,
                              description="resume after this event id (the Last-Event-ID header wins)")


@bp.get("/stream")
@requires("order.read")
@endpoint(query=StreamQuery, response=str, produces=("text/event-stream",))
def stream(query: StreamQuery):
    """Live updates (server-sent events) of orders, task queues and studio artifacts, from the event outbox."""
    topics = _topics()
    since = _since(query.since)
    settings = StreamSettings.from_config(current_app.config)
    ordo = runtime()
    with ordo.reading() as session:
        subscription = _subscription(session, topics)
        newest = feed.head(session)
    slots = _slots(settings.max_connections)
    if not slots.acquire(blocking=False):
        busy = problem(503, "Service Unavailable", f"all {settings.max_connections} live-update connections "
                                                   "are in use; reconnect later")
        busy.headers["Retry-After"] = str(max(1, settings.retry_ms // 1000))
        return busy
    cursor = feed.Cursor(newest if since is None else min(since, newest))
    response = Response(frames(ordo.reading, subscription, cursor, settings), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    response.call_on_close(_releaser(slots))
    return response


def _topics() -> list[Topic]:
    try:
        return parse_topics(request.args.getlist("topic"))
    except ValueError as error:
        raise ApiError(422, "Unprocessable Content", str(error),
                       [{"pointer": "?topic", "parameter": "topic", "code": "invalid_topic",
                         "message": str(error)}]) from error


def _since(since: int | None) -> int | None:
    """The outbox id to resume after: ``Last-Event-ID`` (what a reconnecting browser sends), else ``since``."""
    value = request.headers.get("Last-Event-ID")
    if value is None:
        return since
    if not value.strip().isdigit() or len(value.strip()) > 18:
        message = f"Last-Event-ID must be an event id (a whole number from 0), not {value!r}"
        raise ApiError(422, "Unprocessable Content", message,
                       [{"header": "Last-Event-ID", "code": "invalid_event_id", "message": message}])
    return int(value)


def _subscription(session, topics: list[Topic]) -> Subscription:
    """What the caller may follow of ``topics``: 401/403/404 as the reads of the same things answer."""
    orders, artifacts, queues = [], [], {}
    for topic in topics:
        if topic.kind == ORDER:
            visible_or_404(session, CustomerOrder, topic.key, "product order")
            orders.append(topic.key)
        elif topic.kind == QUEUE:
            _require("task.read")
            queues[str(topic)] = _queue_groups(session, topic.key)
        else:
            _require("studio.read")
            if topic.key != EVERY_ARTIFACT:
                find_artifact(session, topic.key)
            artifacts.append(topic.key)
    return Subscription(frozenset(orders), _may("task.read"), queues, frozenset(artifacts))


def _queue_groups(session, key: str) -> frozenset[str | None] | None:
    """The groups a queue topic covers for the caller (None: all); agents only their own (403 otherwise)."""
    who = caller()
    if not narrowed_to_groups(who):
        return None if key == EVERY_QUEUE else frozenset({key})
    if key == EVERY_QUEUE:
        return frozenset(groups_of(session, who.username)) | {None}
    check_member(session, who, key, "follow its queue")
    return frozenset({key})


def _may(permission: str) -> bool:
    user = g.get("user")
    return user is None or allowed(user.role, permission)


def _require(permission: str) -> None:
    if not _may(permission):
        raise forbidden(g.user.role, permission)


def _slots(size: int) -> threading.BoundedSemaphore:
    with _slots_lock:
        return current_app.extensions.setdefault(SLOTS, threading.BoundedSemaphore(max(1, size)))


def _releaser(slots: threading.BoundedSemaphore):
    released = threading.Event()

    def release() -> None:
        if not released.is_set():
            released.set()
            slots.release()
    return release
