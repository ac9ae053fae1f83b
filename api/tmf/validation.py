"""Request validation against the official TMF622 v4 definitions (engine.lifecycle.order_shape)."""
from __future__ import annotations

from api.errors import ApiError
from engine.lifecycle.order_shape import SPECS, pointer, shape_problems

__all__ = ["SPECS", "pointer", "validate_tmf"]


def validate_tmf(body, spec_file: str, definition: str) -> None:
    """Raise a 400 ApiError listing every schema violation with its JSON pointer."""
    if not isinstance(body, dict):
        raise ApiError(400, "Bad Request", f"the body must be a JSON object ({definition})")
    details = shape_problems(body, spec_file, definition)
    if details:
        summary = "; ".join(f"{d['pointer'] or '/'}: {d['message']}" for d in details[:5])
        raise ApiError(400, "Bad Request", f"not a valid {definition}: {summary}", details)
