"""The running Ordo over HTTP, called as one of the demo users (each with its bearer token)."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
CANCEL = "/tmf-api/productOrderingManagement/v4/cancelProductOrder"
PRODUCTS = "/tmf-api/productInventory/v4/product"


class Unreachable(Exception):
    """No Ordo answers at the URL."""


class Refused(Exception):
    """The API answered with an unexpected status: what was asked, the status and the API's reason."""

    def __init__(self, user: str, method: str, path: str, status: int, body):
        detail = body.get("detail") or body.get("message") or body.get("reason") if isinstance(body, dict) else body
        super().__init__(f"{user}: {method} {path} answered {status}: {detail or 'no detail'}")
        self.status, self.body = status, body


class Api:
    """``call(user, method, path, body)`` with the user's token; only the expected statuses come back."""

    def __init__(self, url: str, tokens: dict[str, str], timeout: float = 30.0):
        self.url, self.tokens, self.timeout = url.rstrip("/"), tokens, timeout

    def call(self, user: str, method: str, path: str, body=None, ok=(200, 201, 204),
             headers: dict | None = None):
        if user not in self.tokens:
            raise Refused(user, method, path, 0, {"detail": f"no API token for the demo user {user!r}"})
        status, answer, _ = self.exchange(method, path, body, self.tokens[user], headers)
        if status not in ok:
            raise Refused(user, method, path, status, answer)
        return answer

    def change(self, user: str, method: str, path: str, body=None, ok=(200, 201, 204)):
        """A conditional write: GET ``path`` for its ETag, then ``method`` it with If-Match."""
        if user not in self.tokens:
            raise Refused(user, method, path, 0, {"detail": f"no API token for the demo user {user!r}"})
        status, answer, headers = self.exchange("GET", path, None, self.tokens[user])
        if status != 200:
            raise Refused(user, "GET", path, status, answer)
        return self.call(user, method, path, body, ok, {"If-Match": headers.get("ETag", "")})

    def send(self, method: str, path: str, body=None, token: str | None = None) -> tuple[int, object]:
        status, answer, _ = self.exchange(method, path, body, token)
        return status, answer

    def exchange(self, method: str, path: str, body=None, token: str | None = None,
                 extra: dict | None = None) -> tuple[int, object, dict]:
        """(status, JSON answer, response headers) of one request."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json", "Accept": "application/json", **(extra or {})}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, _json(response.read()), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, _json(error.read()), dict(error.headers)
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            reason = getattr(error, "reason", error)
            raise Unreachable(f"cannot reach Ordo at {self.url}: {reason} (is `make run` going?)") from error

    def check_up(self) -> None:
        """Unreachable unless the health endpoint answers."""
        status, _ = self.send("GET", "/api/v1/health")
        if status != 200:
            raise Unreachable(f"{self.url}/api/v1/health answered {status}: is this an Ordo?")


def _json(raw: bytes):
    if not raw:
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        return {"detail": raw[:200].decode(errors="replace")}
