"""The studio raises the engine's caller-facing errors (404 / 409 / 422 with data)."""
from engine.errors import Conflict, Invalid, NotFound, OrdoError, StudioError

__all__ = ["Conflict", "Invalid", "NotFound", "OrdoError", "StudioError"]
