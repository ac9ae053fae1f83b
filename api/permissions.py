"""The one place where each endpoint declares the permission it needs.

Roles and the role x permission matrix attach here (issue 6) without touching any handler: every view is
wrapped by ``requires(permission)``, and ``authorize`` is the single decision point.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import g

PERMISSIONS: dict[str, str] = {
    "order.create": "capture a product order",
    "order.read": "read product orders, their detail and trace",
    "order.update": "supply missing information to an order (merge-PATCH)",
    "inventory.read": "read product inventory",
    "task.read": "read task queues and tasks",
    "task.work": "claim, start, complete and annotate tasks",
    "task.assign": "reassign tasks to another group or person",
    "approval.read": "read the approvals queue",
    "approval.decide": "approve or reject orders",
    "studio.read": "read artifacts, versions, kinds, diffs, lint and graphs",
    "studio.edit": "create, save and discard drafts; import tables",
    "studio.simulate": "dry-run artifacts and packs (writes nothing)",
    "studio.publish": "publish or retire artifact versions; create pack versions",
    "pack.activate": "activate or roll back the active rule pack",
    "audit.read": "read and verify the audit log",
    "system.health": "liveness and API description",
}
ANONYMOUS = "anonymous"


def authorize(permission: str) -> None:
    """Decide whether the current request may use ``permission``. Open until users and roles land (issue 6)."""
    g.actor = ANONYMOUS


def requires(permission: str) -> Callable:
    if permission not in PERMISSIONS:
        raise ValueError(f"undeclared permission {permission!r}")

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            authorize(permission)
            return view(*args, **kwargs)
        guarded.required_permission = permission
        return guarded
    return decorate


def actor() -> str:
    return g.get("actor", ANONYMOUS)
