"""Fixtures of the store tests: the pipeline's mini pack (outbox rows of task changes)."""
from tests.engine.runtime.orders.pipeline.conftest import install_pack, reserve_port_handler  # noqa: F401
