"""The SSRF guard of hub callbacks: non-public addresses are refused at registration and again at delivery."""
import pytest

from engine.runtime.events import callbacks
from tests.engine.runtime.events.conftest import HUB, PUBLIC, dns  # noqa: F401


@pytest.mark.parametrize("url,reason", [
    ("http://127.0.0.1/hook", "loopback"), ("http://127.9.9.9:8080/", "loopback"), ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"), ("http://10.0.0.5/", "private"), ("https://192.168.1.10/", "private"),
    ("http://172.16.0.1/", "private"), ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"), ("http://224.0.0.1/", "multicast"), ("http://240.0.0.1/", "reserved"),
    ("http://0.0.0.0/", "unspecified"), ("http://100.64.0.1/", "not globally routable"),
    ("http://[fc00::1]/", "private"), ("http://metadata.internal/", "link-local"),
    ("http://dual.example/", "private"), ("http://nowhere.example/", "does not resolve"),
])
def test_a_callback_to_a_non_public_address_is_a_422_with_the_pointer(client, dns, url, reason):  # noqa: F811
    dns.update({"metadata.internal": ["169.254.169.254"], "dual.example": [PUBLIC, "10.1.2.3"]})
    response = client.post(HUB, json={"callback": url})
    assert response.status_code == 422, response.json
    assert response.json["@type"] == "Error" and reason in response.json["message"]
    assert response.json["details"][0]["pointer"] == "/callback"


@pytest.mark.parametrize("url", ["https://hooks.partner.example/ordo", f"http://{PUBLIC}:8080/in",
                                 "https://[2606:2800:220:1:248:1893:25c8:1946]/"])
def test_a_public_callback_is_registered(client, dns, url):  # noqa: F811
    dns["hooks.partner.example"] = [PUBLIC, "2606:2800:220:1:248:1893:25c8:1946"]
    assert client.post(HUB, json={"callback": url}).status_code == 201


@pytest.mark.parametrize("allowed,url,status", [
    ("127.0.0.1", "http://127.0.0.1:9000/", 201), ("LOCALHOST", "http://localhost/x", 201),
    ("127.0.0.1:9000", "http://127.0.0.1:9000/", 201), ("127.0.0.1:9000", "http://127.0.0.1:9001/", 422),
    ("other.example", "http://127.0.0.1/", 422), ("127.0.0.1", "ftp://127.0.0.1/", 400)])
def test_the_allow_list_exempts_named_hosts_or_host_ports(client, dns, monkeypatch, allowed, url,  # noqa: F811
                                                          status):
    monkeypatch.setenv(callbacks.ENV, allowed)
    assert client.post(HUB, json={"callback": url}).status_code == status


def test_the_allow_list_is_read_when_checking(monkeypatch):
    monkeypatch.setenv(callbacks.ENV, " Hooks.Local , 10.0.0.7:8443 ")
    assert callbacks.allowed_hosts() == {"hooks.local", "10.0.0.7:8443"}
    assert callbacks.check("https://10.0.0.7:8443/x") is None
    with pytest.raises(callbacks.CallbackRefused, match="private"):
        callbacks.check("https://10.0.0.7/x")
