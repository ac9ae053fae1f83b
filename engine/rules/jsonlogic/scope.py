"""The scopes of the iterations being evaluated, for json-logic-engine's ``{"val": [[n], ...]}``.

An iteration whose body climbs scopes records one frame per item: the list, the index
and the data the iterating operator itself was evaluated with. Climbing ``n`` levels
reads, from the innermost frame outwards, ``{"iterator": list, "index": i}`` (odd ``n``)
or that frame's data (even ``n``); ``try`` records a frame whose odd level is null. Frames
live in a per-thread stack that only iterations with a climbing body touch, so rules
that never climb pay nothing. A rule evaluated from inside another rule's iteration (through
a caller-supplied operator) would see that iteration's frames when it climbs past its own.
"""

import threading
from typing import Any

_local = threading.local()


def frames() -> list:
    """The calling thread's stack of frames ``(items, index, data)``."""
    try:
        return _local.frames
    except AttributeError:
        _local.frames = []
        return _local.frames


def level(climb: int, data: Any) -> Any:
    """The value ``climb`` levels above ``data`` (0 is ``data``); null beyond the outermost."""
    if climb == 0:
        return data
    stack = frames()
    depth = (climb - 1) // 2
    if depth >= len(stack):
        return None
    items, index, context = stack[-1 - depth]
    if climb % 2 == 0:
        return context
    return None if items is None else {"iterator": items, "index": index}
