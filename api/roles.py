"""The roles of DESIGN §5 and the role x permission matrix: the one table that says who may do what.

Permissions are declared in ``api.permissions.PERMISSIONS``; ``auth.*`` ones cover the caller's own session
and tokens. A customer's reads are further narrowed to its own party by the handlers (``api.auth.scope``).
"""
from __future__ import annotations

READ_ORDERS = {"order.read", "inventory.read"}
READ_DOMAIN = {"domainOrder.read"}
WORK_TASKS = {"task.read", "task.work"}
SELF = {"auth.self"}
CUSTOMER = "customer"

_MATRIX: dict[str, set[str]] = {
    "customer": {"order.create", "order.update", "order.cancel", "portal.use"} | READ_ORDERS | SELF,
    "orderAgent": {"order.create", "order.update", "order.cancel", "approval.read"} | READ_ORDERS | READ_DOMAIN
    | WORK_TASKS | SELF,
    "fulfillmentAgent": READ_ORDERS | READ_DOMAIN | WORK_TASKS | SELF,
    "orderManager": {"order.create", "order.update", "order.cancel", "approval.read", "task.assign"} | READ_ORDERS
    | READ_DOMAIN | WORK_TASKS | SELF,
    "orderApprover": {"approval.read", "approval.decide", "task.read"} | READ_ORDERS | READ_DOMAIN | SELF,
    "fulfillmentManager": {"task.assign", "system.manage"} | READ_ORDERS | READ_DOMAIN | WORK_TASKS | SELF,
    "falloutAgent": {"order.update", "order.cancel", "fallout.read", "fallout.work"} | READ_ORDERS | READ_DOMAIN
    | WORK_TASKS | SELF,
    "falloutManager": {"order.update", "order.cancel", "task.assign", "fallout.read", "fallout.work",
                       "system.manage"} | READ_ORDERS | READ_DOMAIN | WORK_TASKS | SELF,
    "processAdmin": {"studio.read", "studio.edit", "studio.simulate", "studio.publish", "pack.activate",
                     "audit.read", "hub.manage", "event.read", "system.manage"} | READ_ORDERS | READ_DOMAIN | SELF,
    # authors and tries out drafts in the studio; publishing and activating need a process admin (DESIGN §5)
    "businessAnalyst": {"studio.read", "studio.edit", "studio.simulate"} | READ_ORDERS | READ_DOMAIN | SELF,
    "auditor": {"studio.read", "audit.read", "task.read", "approval.read", "event.read", "fallout.read"}
    | READ_ORDERS | READ_DOMAIN | SELF,
    "integration": {"order.create", "order.update", "order.cancel", "studio.read", "hub.manage", "event.read"}
    | READ_ORDERS | READ_DOMAIN | WORK_TASKS | SELF,
}
END_WAIT = "task.endWait"  # managers end a waitUntil timer early (with a reason)
_MATRIX["orderManager"].add(END_WAIT)
_MATRIX["fulfillmentManager"].add(END_WAIT)
PERIODIC_READERS = ("orderManager", "fulfillmentManager", "falloutManager", "processAdmin", "auditor")
for _role in PERIODIC_READERS:
    _MATRIX[_role] = _MATRIX[_role] | {"periodic.read"}
# Approvals are decided by the role the policy or the plan addresses them to (the seed's fulfillment manager
# "reviews the order for accuracy and approves" it); assignment groups are administered by process admins, who
# also read the health check's details and may sign a user out everywhere.
for _role, _granted in {"orderManager": {"approval.decide"}, "fulfillmentManager": {"approval.read", "approval.decide"},
                        "processAdmin": {"group.manage", "health.details", "user.signOut"}}.items():
    _MATRIX[_role] |= _granted
for _role in ("orderManager", "fulfillmentManager", "falloutManager", "processAdmin", "businessAnalyst",
              "auditor"):
    _MATRIX[_role] |= {"group.read"}
NOTIFICATIONS = {"notification.read", "notification.ack"}
for _role in set(_MATRIX) - {"customer", "auditor"}:
    _MATRIX[_role] |= NOTIFICATIONS
_MATRIX["auditor"] |= {"notification.read"}
# customers track their orders (not the rules' trace) and raise issues; staff read both, note, and order desks answer
for _role, _granted in _MATRIX.items():
    if _role != CUSTOMER and "order.read" in _granted:
        _granted |= {"trace.read", "issue.read"}
    if _role != CUSTOMER and _granted & {"order.update", "task.work"}:
        _granted |= {"order.note"}
_MATRIX[CUSTOMER] |= {"issue.raise", "issue.read"}
for _role in ("orderAgent", "orderManager"):
    _MATRIX[_role] |= {"issue.answer"}
for _role in ("orderAgent", "orderManager", "integration"):  # imports from third-party systems (the seed)
    _MATRIX[_role] |= {"order.import"}
MATRIX: dict[str, frozenset[str]] = {role: frozenset(granted) for role, granted in _MATRIX.items()}
ROLES: tuple[str, ...] = tuple(MATRIX)


def allowed(role: str, permission: str) -> bool:
    """Whether ``role`` holds ``permission`` (unknown roles hold nothing)."""
    return permission in MATRIX.get(role, ())
