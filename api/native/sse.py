"""The server-sent-events loop of a live-update connection: poll the outbox, send, keep alive, end.

Each poll opens a short read transaction and closes it before sleeping, so a connection holds no database
session between polls. The first frame tells the client how long to wait before reconnecting (``retry:``)
and where it is (``id:``); every event carries its outbox id, so the browser's ``Last-Event-ID`` resumes
where it stopped. Heartbeats are comment lines (with the cursor as ``id:`` when it moved over rows the
connection did not follow); after ``lifetime`` seconds the stream ends and the client reconnects, so server
threads are never held for ever.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy.orm import Session

from engine.runtime.events.live import feed
from engine.runtime.events.live.topics import FeedEvent, Subscription


@dataclass(frozen=True)
class StreamSettings:
    """How a connection behaves; each is an app config key (``STREAM_*``, or ``ORDO_STREAM_*`` in the
    environment)."""

    heartbeat: float = 15.0
    lifetime: float = 300.0
    poll: float = 1.0
    grace: float = 30.0
    batch: int = 200
    retry_ms: int = 3000
    max_connections: int = 4

    KEYS: ClassVar[dict[str, str]] = {
        "heartbeat": "STREAM_HEARTBEAT_SECONDS", "lifetime": "STREAM_LIFETIME_SECONDS", "poll": "STREAM_POLL_SECONDS",
        "grace": "STREAM_GAP_GRACE_SECONDS", "batch": "STREAM_BATCH", "retry_ms": "STREAM_RETRY_MS",
        "max_connections": "STREAM_MAX_CONNECTIONS"}

    @classmethod
    def from_config(cls, config) -> StreamSettings:
        """The settings of the app config, defaults for the keys it does not set; ValueError naming a key
        whose value is not a positive number."""
        defaults, values = cls(), {}
        for name, key in cls.KEYS.items():
            default = getattr(defaults, name)
            try:
                values[name] = type(default)(config.get(key, default))
            except (TypeError, ValueError) as error:
                raise ValueError(f"{key} must be a number, not {config.get(key)!r}") from error
            if values[name] <= 0:
                raise ValueError(f"{key} must be positive, not {values[name]}")
        return cls(**values)


def event_frame(event: FeedEvent, topics: list[str]) -> str:
    data = json.dumps(event.data(topics), separators=(",", ":"), ensure_ascii=False)
    return f"id: {event.seq}\nevent: {event.event_type}\ndata: {data}\n\n"


def frames(reading: Callable[[], AbstractContextManager[Session]], subscription: Subscription,
           cursor: feed.Cursor, settings: StreamSettings, *, clock: Callable[[], float] = time.monotonic,
           sleep: Callable[[float], None] = time.sleep) -> Iterator[str]:
    """The text of the stream, frame by frame, until ``settings.lifetime`` seconds have passed."""
    started = last_write = clock()
    sent = cursor.position
    yield f"retry: {settings.retry_ms}\nid: {sent}\n\n"
    while True:
        with reading() as session:
            batch = feed.read(session, cursor, subscription, now=clock(), grace=settings.grace,
                              limit=settings.batch)
        for event, topics in batch.events:
            yield event_frame(event, topics)
            sent, last_write = event.seq, clock()
        now = clock()
        moved = f"id: {cursor.position}\n" if cursor.position != sent else ""
        if now - started >= settings.lifetime:
            yield f": lifetime over, reconnect\n{moved}\n"
            return
        if now - last_write >= settings.heartbeat:
            yield f": keepalive\n{moved}\n"
            sent, last_write = cursor.position, now
        if not batch.full:
            sleep(max(0.0, min(settings.poll, started + settings.lifetime - now,
                               last_write + settings.heartbeat - now)))
