"""``ordo order``: orders through a running Ordo's HTTP API."""
from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request

import click

DEFAULT_URL = "http://127.0.0.1:8000"
FINAL_STATES = {"completed", "partial", "failed", "rejected", "cancelled"}


@click.group()
def order() -> None:
    """Orders through the running API."""


@order.command("submit")
@click.argument("file", type=click.File("r"))
@click.option("--url", default=DEFAULT_URL, show_default=True, help="Base URL of a running `ordo serve`.")
@click.option("--follow", is_flag=True, help="Show the order's progress until it ends, then its final state.")
@click.option("--timeout", default=120.0, show_default=True, type=float)
@click.option("--token", envvar="ORDO_TOKEN", help="Bearer API token (default: $ORDO_TOKEN); see `ordo user token`.")
def order_submit(file, url: str, follow: bool, timeout: float, token: str | None) -> None:
    """POST a TMF622 ProductOrder JSON file."""
    try:
        payload = json.load(file)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{file.name}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from error
    status, body = _http("POST", f"{url}/tmf-api/productOrderingManagement/v4/productOrder", payload, token)
    if status != 201:
        raise click.ClickException(f"HTTP {status}: {body.get('reason')}: {body.get('message')}")
    click.echo(f"order {body['id']} {body['state']}")
    if follow:
        final = _follow(url, body["id"], timeout, token)
        click.echo(json.dumps(final, indent=2))
        if final["state"] != "completed":
            sys.exit(2)


def _follow(url: str, order_id: str, timeout: float, token: str | None) -> dict:
    seen, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, detail = _http("GET", f"{url}/api/v1/orders/{order_id}", token=token)
        done = sum(t["state"] == "completed" for t in detail["tasks"])
        line = f"{detail['state']} ({detail['stage']}), tasks {done}/{len(detail['tasks'])} completed"
        if line != seen:
            click.echo(f"  {time.strftime('%H:%M:%S')} {line}")
            seen = line
        if detail["state"] in FINAL_STATES:
            _, tmf = _http("GET", f"{url}/tmf-api/productOrderingManagement/v4/productOrder/{order_id}", token=token)
            return tmf
        time.sleep(0.3)
    raise click.ClickException(f"order {order_id} did not end within {timeout:.0f}s")


def _http(method: str, url: str, payload: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    data = json.dumps(payload).encode() if payload is not None else None
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except urllib.error.URLError as error:
        raise click.ClickException(f"cannot reach {url}: {error.reason} (is `ordo serve` running?)") from error
