from tests.api.tmf.conftest import place  # noqa: F401
from tests.engine.runtime.jeopardy.conftest import at, scanning  # noqa: F401
from tests.engine.runtime.orders.pipeline.conftest import install_pack, reserve_port_handler  # noqa: F401
