"""Playing one example order: capture it, do the people's steps, wait for its end, compare with the script."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from api.demo.client import ORDERS, PRODUCTS, Api, Refused
from api.demo.script import FINAL_STATES, Entry, Script, order_body
from api.demo.steps import FALLOUT_ACTIONS, STEPS, StepFailed

FALLOUT_EVERY = 1.0  # seconds between looks for fallout records while an order runs on


@dataclass
class Outcome:
    """How one example ended: its order, end state, the expected one, and why it differs (``problem``)."""

    example: str
    expected: str
    order_id: str | None = None
    state: str | None = None
    problem: str | None = None
    seconds: float = 0.0
    products: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None and self.state == self.expected


class OrderPlay:
    """One order in play: read it, wait for it, and say what happens (``say`` prints one progress line)."""

    def __init__(self, api: Api, script: Script, order_id: str, say: Callable[[str], None], *,
                 timeout: float, poll: float):
        self.api, self.people, self.on_fallout = api, script.people, script.on_fallout
        self.order_id, self.say, self.poll_every = order_id, say, poll
        self.deadline = time.monotonic() + timeout
        self.handled_fallout: set[str] = set()
        self._last_fallout_look = 0.0

    def detail(self) -> dict:
        return self.api.call(self.people["capture"], "GET", f"/api/v1/orders/{self.order_id}")

    def poll(self, what: str, probe: Callable[[], object]):
        """Call ``probe`` until it returns something truthy; StepFailed past the deadline."""
        while True:
            found = probe()
            if found:
                return found
            if time.monotonic() > self.deadline:
                raise StepFailed(f"gave up waiting for {what}")
            time.sleep(self.poll_every)

    def wait_until(self, what: str, probe: Callable[[dict], object], *, on_fallout: bool = True):
        """Wait until ``probe(order detail)`` finds what a step acts on; StepFailed if the order ends first.
        Meanwhile new fallout records go to ``onFallout`` unless ``on_fallout`` is False (the step itself
        waits for one)."""
        def look():
            order = self.detail()
            found = probe(order)
            if not found and order["state"] in FINAL_STATES:
                raise StepFailed(f"the order ended {order['state']} before {what} ({order.get('stateReason')})")
            if not found and on_fallout:
                self.handle_fallout()
            return found
        return self.poll(what, look)

    def wait_for_end(self) -> dict:
        last: dict = {}

        def ended():
            last.update(self.detail())
            if last["state"] in FINAL_STATES:
                return dict(last)
            self.handle_fallout()
            return None
        try:
            return self.poll("the order to end", ended)
        except StepFailed as error:
            waiting = [f"{t['key']} ({t['type']}, {t['state']})" for t in last.get("tasks", [])
                       if t["state"] in ("ready", "running", "waiting", "onHold")]
            raise StepFailed(f"{error}; open: {', '.join(waiting) or 'no task'}") from error

    def open_fallout(self) -> list[dict]:
        found = self.api.call(self.people["fallout"], "GET", f"/api/v1/fallout?orderId={self.order_id}")
        return [r for r in found or [] if r["id"] not in self.handled_fallout]

    def handle_fallout(self) -> None:
        """Now and then: give each new fallout record of the order to a fallout agent (``onFallout``)."""
        if not self.on_fallout or time.monotonic() - self._last_fallout_look < FALLOUT_EVERY:
            return
        self._last_fallout_look = time.monotonic()
        for record in self.open_fallout():
            self.resolve(record, self.on_fallout)

    def resolve(self, record: dict, how: dict) -> None:
        """Resolve one fallout record as ``how`` says: retry, forceComplete, failItem, cancelOrder, or fix
        (correct the task's ``params`` and the ``characteristics`` of its domain order's lines, then resume)."""
        action = how.get("action", "retry")
        user = how.get("as") or self.people["fallout"]
        body = {"reason": how.get("reason") or f"demo: {action}"} if action != "retry" else {}
        if action == "fix":
            body.update(self._fix(record, how))
        self.api.call(user, "POST", f"/api/v1/fallout/{record['id']}/{FALLOUT_ACTIONS[action]}", body)
        self.handled_fallout.add(record["id"])
        self.say(f"{user} resolved fallout {record.get('type')} for {record.get('assignmentGroup')} "
                 f"({record.get('reason') or record.get('error') or ''}) by {action}"
                 + (f": {_corrected(body)}" if action == "fix" else ""))

    def lines(self, domain_order_id: str) -> list[dict]:
        """The lines of one of the order's domain orders, every page of them."""
        found: list[dict] = []
        while True:
            page = self.api.call(self.people["fallout"], "GET", f"/api/v1/orders/{self.order_id}/domain-orders/"
                                 f"{domain_order_id}/lines?offset={len(found)}&limit=1000")
            found += page
            if len(page) < 1000:
                return found

    def _fix(self, record: dict, how: dict) -> dict:
        """The /fix body: the step's ``params`` for the task, its ``characteristics`` for every line of the
        task's domain order that has one of them."""
        order, corrected = self.detail(), how.get("characteristics") or {}
        domain_order_id = next((t["domainOrderId"] for t in order["tasks"] if t["id"] == record.get("taskId")), None)
        lines = self.lines(domain_order_id) if domain_order_id else []
        patches = {str(line["id"]): {name: value for name, value in corrected.items()
                                     if name in (line.get("characteristics") or {})} for line in lines}
        patches = {line_id: patch for line_id, patch in patches.items() if patch}
        if corrected and not patches:
            raise StepFailed(f"no line of the failed task's domain order has {', '.join(sorted(corrected))}")
        return {key: value for key, value in (("params", how.get("params")), ("lines", patches)) if value}


def _corrected(body: dict) -> str:
    """``apn -> x (task), apn -> x (line 1.iot-connectivity)`` from a /fix body."""
    fixed = [f"{name} -> {value} (task)" for name, value in (body.get("params") or {}).items()]
    fixed += [f"{name} -> {value} (line {line_id})" for line_id, patch in (body.get("lines") or {}).items()
              for name, value in patch.items()]
    return ", ".join(fixed)


def play_entry(api: Api, script: Script, entry: Entry, earlier: dict[str, Outcome], run_id: str,
               say: Callable[[str], None], *, timeout: float, poll: float) -> Outcome:
    """Capture the example (placeholders filled from ``earlier``), do its steps, wait for its end state.

    An order the API refuses to capture as unacceptable (422) ends ``rejected`` without an order id."""
    outcome, started = Outcome(entry.example, entry.expect), time.monotonic()
    try:
        values = fill_values(entry, earlier)
        for placeholder, value in values.items():
            say(f"{placeholder} = {value} ({_source(entry.fill[placeholder])})")
        captured = api.call(script.people["capture"], "POST", ORDERS, order_body(entry, values, run_id),
                            ok=(201, 422))
        if "id" not in captured:
            say(f"refused at capture (422): {captured.get('message') or captured.get('reason')}")
            outcome.state = "rejected"
        else:
            _play_captured(api, script, entry, captured, outcome, say, timeout=timeout, poll=poll)
    except (StepFailed, Refused, MissingFill) as error:
        outcome.problem = str(error)
        if outcome.order_id:
            outcome.state = _state(api, script, outcome.order_id)
    outcome.seconds = time.monotonic() - started
    return outcome


def _play_captured(api: Api, script: Script, entry: Entry, captured: dict, outcome: Outcome,
                   say: Callable[[str], None], *, timeout: float, poll: float) -> None:
    outcome.order_id = captured["id"]
    say(f"captured as order {captured['id']} ({captured['state']})")
    play = OrderPlay(api, script, captured["id"], say, timeout=timeout, poll=poll)
    for step in entry.steps:
        STEPS[step["do"]](play, step)
    final = play.wait_for_end()
    outcome.state = final["state"]
    if final.get("stateReason") and final["state"] != "completed":
        say(f"{final['state']}: {final['stateReason']}")
    outcome.products = api.call(script.people["capture"], "GET",
                                f"{PRODUCTS}?productOrderItem.productOrderId={captured['id']}&limit=1000")
    for product in outcome.products:
        say(f"product {product['id']} {(product.get('productOffering') or {}).get('id')} {product.get('status')}")


def _source(source: dict) -> str:
    if "orderOf" in source:
        return f"the order of {source['orderOf']}"
    return f"the {source.get('offering') or ''} product of {source['productOf']}".replace("the  ", "the ")


def _state(api: Api, script: Script, order_id: str) -> str | None:
    try:
        return api.call(script.people["capture"], "GET", f"/api/v1/orders/{order_id}")["state"]
    except Refused:
        return None


class MissingFill(Exception):
    """A placeholder's source did not produce what it should (the earlier order failed, say)."""


def fill_values(entry: Entry, earlier: dict[str, Outcome]) -> dict[str, str]:
    """Each placeholder of the entry's example, mapped to the id it stands for in this run."""
    values = {}
    for placeholder, source in entry.fill.items():
        origin = earlier.get(source.get("productOf") or source.get("orderOf"))
        if origin is None or origin.order_id is None:
            raise MissingFill(f"{placeholder}: the order of {source} was not captured")
        if "orderOf" in source:
            values[placeholder] = origin.order_id
            continue
        products = [p for p in origin.products if (p.get("productOffering") or {}).get("id") == source.get("offering")
                    or source.get("offering") is None]
        if not products:
            raise MissingFill(f"{placeholder}: the order of {origin.example} ({origin.state}) created no "
                              f"{source.get('offering') or ''} product".replace("  ", " "))
        values[placeholder] = products[0]["id"]
    return values
