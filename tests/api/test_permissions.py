import pytest
from werkzeug.routing.converters import NumberConverter

from api.permissions import PERMISSIONS, PUBLIC, requires
from api.roles import MATRIX, ROLES

UNGUARDED = {"static", "frontend.index", "frontend.app_page", "frontend.assets"}


def test_every_endpoint_declares_a_known_permission(app):
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in UNGUARDED:
            continue
        permission = getattr(app.view_functions[rule.endpoint], "required_permission", None)
        if permission not in PERMISSIONS:
            missing.append(f"{rule.rule} ({rule.endpoint})")
    assert not missing, missing


def test_an_undeclared_permission_is_refused_at_import_time():
    with pytest.raises(ValueError, match="undeclared permission"):
        requires("order.teleport")


def test_the_matrix_covers_the_roles_of_the_design_and_only_processadmin_publishes():
    assert set(ROLES) == {"customer", "orderAgent", "fulfillmentAgent", "orderManager", "orderApprover",
                          "fulfillmentManager", "falloutAgent", "falloutManager", "processAdmin", "businessAnalyst",
                          "auditor", "integration"}
    for permission in ("studio.publish", "pack.activate"):
        assert [role for role in ROLES if permission in MATRIX[role]] == ["processAdmin"]
    reads = {p for p in PERMISSIONS if p.endswith(".read")}
    assert MATRIX["auditor"] == reads | {"auth.self"}


def _requests(app):
    """Every (method, url, permission) of the URL map, with dummy values for the path's variables."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in UNGUARDED:
            continue
        url = rule.build({name: 1 if isinstance(rule._converters[name], NumberConverter) else "x"
                          for name in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, url, app.view_functions[rule.endpoint].required_permission


def _call(client, method, url, headers):
    return client.open(url, method=method, headers=headers, json={} if method in ("POST", "PUT", "PATCH") else None)


def test_every_endpoint_with_every_role_and_without_credentials(secure_app, secure_client, make_user):
    users = {role: make_user(f"u-{role}", role, "p-walk" if role == "customer" else None) for role in ROLES}
    wrong = []
    for method, url, permission in _requests(secure_app):
        status = _call(secure_client, method, url, {}).status_code
        if (status in (401, 403)) if permission in PUBLIC else (status != 401):
            wrong.append(f"anonymous {method} {url}: {status}")
        for role, user in users.items():
            status = _call(secure_client, method, url, user.headers).status_code
            expected_refused = permission not in PUBLIC and permission not in MATRIX[role]
            if (status == 403) != expected_refused or status == 401:
                wrong.append(f"{role} {method} {url} ({permission}): {status}")
    assert not wrong, "\n".join(wrong)


def test_refusals_use_the_error_shape_of_the_path(secure_client, make_user):
    tmf = "/tmf-api/productOrderingManagement/v4/productOrder"
    anonymous = secure_client.get(tmf)
    assert anonymous.status_code == 401 and anonymous.json["@type"] == "Error"
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    native = secure_client.get("/api/v1/tasks")
    assert native.status_code == 401 and native.mimetype == "application/problem+json"
    studio = secure_client.post("/api/v1/studio/artifacts/x/versions/1/publish", json={},
                                headers=make_user("agent", "orderAgent").headers)
    assert studio.status_code == 403 and studio.mimetype == "application/problem+json"
    assert "orderAgent" in studio.json["detail"] and "studio.publish" in studio.json["detail"]
    bad = secure_client.get(tmf, headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert bad.status_code == 401 and bad.json["@type"] == "Error"


def test_public_endpoints_stay_public(secure_client):
    for url in ("/", "/api/v1/health", "/api/v1/openapi.json"):
        assert secure_client.get(url).status_code == 200, url
    assert secure_client.get("/assets/nothing.js").status_code == 404
