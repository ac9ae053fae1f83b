import pytest

from engine.rules.events.host import DurableRegistry


@pytest.fixture
def registry():
    """A fresh durable-rules host, so tests never share registrations."""
    return DurableRegistry()
