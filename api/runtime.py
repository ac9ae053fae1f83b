"""Access to the runtime from request handlers."""
from flask import current_app

from engine.runtime.service import Runtime


def runtime() -> Runtime:
    return current_app.extensions["ordo"]
