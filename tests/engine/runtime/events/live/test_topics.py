"""Topics of live updates: their forms, and which outbox rows each follows."""
from datetime import UTC, datetime

import pytest

from engine.runtime.events.live.topics import (
    FeedEvent,
    Subscription,
    Topic,
    parse_topic,
    parse_topics,
    summary_of,
)

AT = datetime(2026, 1, 1, tzinfo=UTC)


def task(**summary) -> FeedEvent:
    return FeedEvent(1, "e", "TaskStateChangeEvent", "task", "t1", summary, AT)


@pytest.mark.parametrize("text, topic", [("order:o-1", Topic("order", "o-1")), ("queue:field-north",
                                         Topic("queue", "field-north")), ("queue:*", Topic("queue", "*")),
                                         ("artifact:pricing.fibre", Topic("artifact", "pricing.fibre"))])
def test_each_topic_form(text, topic):
    assert parse_topic(text) == topic and str(topic) == text


@pytest.mark.parametrize("text", ["order", "order:", "orders:o-1", "queue:bad key", "queue:-x", "artifact:a b",
                                  "order:a:b", "task:t1"])
def test_a_malformed_topic_is_refused_saying_why(text):
    with pytest.raises(ValueError, match="topic|reference|group key"):
        parse_topic(text)


def test_topics_may_be_repeated_or_comma_separated_and_are_bounded():
    assert parse_topics(["order:a,queue:g", "order:a", " artifact:k "]) == [
        Topic("order", "a"), Topic("queue", "g"), Topic("artifact", "k")]
    with pytest.raises(ValueError, match="at least one topic"):
        parse_topics(["", " , "])
    with pytest.raises(ValueError, match="at most 20 topics"):
        parse_topics([",".join(f"order:o{n}" for n in range(21))])


def test_an_order_topic_follows_its_orders_events_and_its_tasks_only_when_allowed():
    order_event = FeedEvent(1, "e", "ProductOrderStateChangeEvent", "productOrder", "o1",
                            summary_of("productOrder", "o1", {"event": {"productOrder": {"state": "completed"}}}),
                            AT)
    assert order_event.summary == {"orderId": "o1", "state": "completed"}
    staff = Subscription(orders=frozenset({"o1"}), order_tasks=True)
    customer = Subscription(orders=frozenset({"o1"}))
    assert staff.topics_of(order_event) == customer.topics_of(order_event) == ["order:o1"]
    assert staff.topics_of(task(orderId="o1", group="g")) == ["order:o1"]
    assert customer.topics_of(task(orderId="o1", group="g")) == []
    assert staff.topics_of(task(orderId="o2", group="g")) == []


def test_a_queue_topic_sees_tasks_arrive_and_leave_its_group():
    north = Subscription(queues={"queue:north": frozenset({"north"})})
    assert north.topics_of(task(group="north")) == ["queue:north"]
    assert north.topics_of(task(group="south", previousGroup="north")) == ["queue:north"]
    assert north.topics_of(task(group="south")) == []
    agent_all = Subscription(queues={"queue:*": frozenset({"north", None})})
    assert agent_all.topics_of(task(group=None)) == ["queue:*"]
    assert agent_all.topics_of(task(group="south")) == []
    manager_all = Subscription(queues={"queue:*": None})
    assert manager_all.topics_of(task(group="south")) == ["queue:*"]


def test_an_artifact_topic_follows_its_key_and_nothing_else_matches():
    follows = Subscription(artifacts=frozenset({"k"}))
    version = FeedEvent(1, "e", "ArtifactVersionCreateEvent", "artifact", "k@2", {"key": "k", "version": 2}, AT)
    assert follows.topics_of(version) == ["artifact:k"]
    assert Subscription(artifacts=frozenset({"other"})).topics_of(version) == []
    notification = FeedEvent(2, "n", "NotificationCreateEvent", "notification", "n1", {}, AT)
    assert Subscription(orders=frozenset({"n1"}), queues={"queue:*": None}).topics_of(notification) == []


def test_the_data_of_an_event_is_small():
    event = FeedEvent(7, "e7", "TaskStateChangeEvent", "task", "t1", {"taskId": "t1", "state": "running"}, AT)
    assert event.data(["queue:g"]) == {"eventId": "e7", "type": "TaskStateChangeEvent",
                                       "at": "2026-01-01T00:00:00.000Z", "taskId": "t1", "state": "running",
                                       "topics": ["queue:g"]}
