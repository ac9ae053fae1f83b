"""Topics a live-update connection follows and the outbox rows each one matches.

``order:<id>`` follows a product order's TMF events (and, for callers who may read tasks, its tasks' changes);
``queue:<group>`` the task changes of an assignment group's queue (``queue:*``: every queue the caller may
see); ``artifact:<key>`` the changes of a studio artifact's versions (``artifact:*``: of every artifact, for the
studio's catalog). What a row carries for matching and for
the event's data is its ``summary`` (small: ids, state, group), never the full envelope.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from engine.clock import iso
from engine.store.changes import ARTIFACT_VERSION, TASK

ORDER, QUEUE, ARTIFACT = "order", "queue", "artifact"
KINDS = (ORDER, QUEUE, ARTIFACT)
EVERY_QUEUE = EVERY_ARTIFACT = "*"
PRODUCT_ORDER = "productOrder"
GROUP_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
REFERENCE = re.compile(r"^[^\s,:]{1,200}$")
MAX_TOPICS = 20


@dataclass(frozen=True)
class Topic:
    kind: str
    key: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


def parse_topic(text: str) -> Topic:
    """``order:<id>``, ``queue:<group>`` / ``queue:*`` or ``artifact:<key>``; ValueError saying what is wrong."""
    kind, colon, key = text.partition(":")
    if not colon or kind not in KINDS:
        raise ValueError(f"{text!r} is not a topic: use order:<id>, queue:<group>, queue:*, artifact:<key> or artifact:*")
    if kind == QUEUE and key != EVERY_QUEUE and not GROUP_KEY.match(key):
        raise ValueError(f"{text!r}: a group key is 1-120 letters, digits, '.', '_' or '-' (or * for every queue)")
    if kind != QUEUE and not REFERENCE.match(key):
        raise ValueError(f"{text!r}: the {kind} reference must be 1-200 characters without spaces, ',' or ':'")
    return Topic(kind, key)


def parse_topics(values: list[str]) -> list[Topic]:
    """Every topic of the ``topic`` parameters (repeated or comma-separated), in order and without repeats."""
    texts = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if not texts:
        raise ValueError("name at least one topic: order:<id>, queue:<group>, queue:*, artifact:<key> or artifact:*")
    topics = list(dict.fromkeys(parse_topic(text) for text in texts))
    if len(topics) > MAX_TOPICS:
        raise ValueError(f"at most {MAX_TOPICS} topics per connection, not {len(topics)}")
    return topics


@dataclass(frozen=True)
class FeedEvent:
    """One outbox row as the stream sees it."""

    seq: int
    event_id: str
    event_type: str
    entity_type: str
    entity_id: str
    summary: dict
    at: datetime

    def data(self, topics: list[str]) -> dict:
        """The event's small JSON body: its type, when, what it is about, and the topics it was sent for."""
        return {"eventId": self.event_id, "type": self.event_type, "at": iso(self.at), **self.summary,
                "topics": topics}


@dataclass(frozen=True)
class Subscription:
    """What one connection may follow, decided (permissions included) before the stream starts.

    ``queues`` maps each followed queue topic to the groups it covers (None: every group; a None inside the
    set: the tasks of no group); ``order_tasks`` adds the task changes of the followed orders."""

    orders: frozenset[str] = frozenset()
    order_tasks: bool = False
    queues: dict[str, frozenset[str | None] | None] = field(default_factory=dict)
    artifacts: frozenset[str] = frozenset()

    def topics_of(self, event: FeedEvent) -> list[str]:
        """The topics of this subscription that ``event`` belongs to (empty: not sent)."""
        summary = event.summary
        if event.entity_type == PRODUCT_ORDER:
            return [f"{ORDER}:{summary.get('orderId')}"] if summary.get("orderId") in self.orders else []
        if event.entity_type == TASK:
            return self._task_topics(summary)
        if event.entity_type == ARTIFACT_VERSION:
            return self._artifact_topics(summary.get("key"))
        return []

    def _artifact_topics(self, key: str | None) -> list[str]:
        found = [f"{ARTIFACT}:{key}"] if key in self.artifacts else []
        return found + ([f"{ARTIFACT}:{EVERY_ARTIFACT}"] if EVERY_ARTIFACT in self.artifacts else [])

    def _task_topics(self, summary: dict) -> list[str]:
        found = []
        if self.order_tasks and summary.get("orderId") in self.orders:
            found.append(f"{ORDER}:{summary['orderId']}")
        touched = {summary.get("group")} | ({summary["previousGroup"]} if "previousGroup" in summary else set())
        found += [topic for topic, groups in self.queues.items() if groups is None or touched & groups]
        return found


def summary_of(entity_type: str, entity_id: str, envelope: dict) -> dict | None:
    """The summary of a TMF event envelope: the order's id and state (None for other entities)."""
    if entity_type != PRODUCT_ORDER:
        return None
    order = (envelope.get("event") or {}).get("productOrder") or {}
    return {"orderId": entity_id, "state": order.get("state")}


def legacy_summary(entity_type: str, entity_id: str) -> dict:
    """The summary of a row written before summaries were (only the entity is known)."""
    return {"orderId": entity_id} if entity_type == PRODUCT_ORDER else {}
