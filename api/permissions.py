"""The one place where each endpoint declares the permission it needs, and where it is decided.

Every view is wrapped by ``requires(permission)``; ``authorize`` is the single decision point: it finds
the caller (bearer token or session cookie), answers 401 without one and 403 when the caller's role lacks
the permission (``api.roles.MATRIX``), and checks the CSRF header of cookie-authenticated changes.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import current_app, g

from api.auth.identity import identify
from api.auth.sessions import check_csrf
from api.errors import ApiError
from api.roles import MATRIX, allowed
from engine import log_context

PERMISSIONS: dict[str, str] = {
    "order.create": "capture a product order",
    "order.import": "import orders in bulk from files (CSV, XLSX, JSON Lines) and work the imports' rejects",
    "order.read": "read product orders, their detail and trace",
    "order.update": "change an order: supply missing information or revise it in flight (merge-PATCH)",
    "order.cancel": "cancel a product order (TMF622 cancelProductOrder, DELETE)",
    "domainOrder.read": "read service and resource orders (TMF641, TMF652 views of domain orders)",
    "inventory.read": "read product inventory",
    "task.read": "read task queues and tasks",
    "task.work": "claim, start, complete and annotate tasks",
    "task.assign": "reassign tasks to another group or person",
    "approval.read": "read the approvals queue",
    "approval.decide": "approve or reject orders and plan approval tasks addressed to your role",
    "studio.read": "read artifacts, versions, kinds, diffs, lint and graphs",
    "studio.edit": "create, save and discard drafts; import tables",
    "studio.simulate": "dry-run artifacts and packs (writes nothing)",
    "studio.publish": "publish or retire artifact versions; create pack versions",
    "pack.activate": "activate or roll back the active rule pack",
    "audit.read": "read and verify the audit log",
    "hub.manage": "register, read and delete TMF event listeners (hub)",
    "event.read": "read the event delivery log",
    "fallout.read": "read fallout records and the fallout manager view",
    "fallout.work": "resolve fallout: retry, force-complete, fix data and resume, fail an item, bulk retry",
    "system.manage": "mark an external system down or up and reset its circuit breaker",
    "notification.read": "read the notifications addressed to your groups",
    "notification.ack": "mark the notifications addressed to your groups read",
    "system.health": "liveness and API description",
    "health.details": "see the health check's details: database, active pack, periodic jobs, job queue depth",
    "periodic.read": "read how the periodic jobs fare (jeopardy scan, watchdog): last success, last error, failures",
    "auth.login": "log in with a username and password",
    "auth.self": "see who you are, log out, manage your own API tokens",
    "user.signOut": "sign a user out everywhere (end all their web sessions)",
    "task.endWait": "end a waiting waitUntil timer early, with a reason",
    "group.read": "read assignment groups and their members",
    "group.manage": "create assignment groups and add or remove their members",
    "portal.use": "use the customer portal: the catalog, one's own party's orders and products",
    "trace.read": "read an order's decision trace (rules, artifacts, inputs): staff; customers track orders instead",
    "order.note": "add notes to an order, internal or visible to its customer",
    "issue.raise": "raise a question, problem or change request on one's own party's order",
    "issue.read": "read the issues raised on orders (customers: their own party's)",
    "issue.answer": "answer and close the issues customers raised on orders",
}
PUBLIC = frozenset({"system.health", "auth.login"})
ANONYMOUS = "anonymous"

_undeclared = {p for granted in MATRIX.values() for p in granted} - set(PERMISSIONS)
if _undeclared:
    raise ValueError(f"the role matrix names undeclared permissions {sorted(_undeclared)}")


def authorize(permission: str) -> None:
    """Allow the request to use ``permission`` or raise 401 / 403; sets ``g.user`` and ``g.actor``."""
    g.user, g.actor = None, ANONYMOUS
    if permission in PUBLIC:
        return
    user = identify()
    if user is None:
        if not current_app.config.get("AUTH_REQUIRED", True):
            return
        raise ApiError(401, "Unauthorized", "log in (POST /api/v1/auth/login) or send 'Authorization: Bearer "
                                            "<token>'")
    g.user, g.actor = user, user.username
    log_context.bind(actor=user.username)
    if user.via == "session":
        check_csrf()
    if not allowed(user.role, permission):
        raise forbidden(user.role, permission)


def forbidden(role: str, permission: str) -> ApiError:
    """The 403 of a role that lacks ``permission``, naming what it may not do."""
    return ApiError(403, "Forbidden", f"role {role!r} may not {PERMISSIONS[permission]} ({permission})")


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
