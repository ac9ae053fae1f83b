"""Fixtures of the live-update tests: the pipeline's mini pack."""
from tests.engine.runtime.pipeline.conftest import install_pack, reserve_port_handler  # noqa: F401
