import pytest
from sqlalchemy import create_engine

from api.app import build_app, create_app
from engine.store.migrate import NotMigrated


def test_the_app_refuses_an_unmigrated_database_and_says_what_to_run(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    create_engine(url).connect().close()
    with pytest.raises(NotMigrated, match="run `ordo db upgrade`"):
        create_app({"DATABASE_URL": url})


def test_the_route_table_is_built_without_a_database(app):
    built = build_app({"TESTING": True, "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/nowhere"})
    assert "ordo" not in built.extensions
    assert sorted(map(str, built.url_map.iter_rules())) == sorted(map(str, app.url_map.iter_rules()))


def test_health_reports_database_and_active_pack(client, demo_pack):
    body = client.get("/api/v1/health").json
    assert body["status"] == "ok" and body["activePack"] == {"key": "telco-demo", "version": 1}


def test_openapi_document_lists_native_endpoints(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.") and "/api/v1/health" in doc["paths"]


def test_root_serves_the_front_end_or_says_how_to_build_it(client):
    response = client.get("/")
    assert response.status_code == 200 and b"Ordo" in response.data


def test_unknown_api_paths_get_problem_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_wrong_method_on_a_tmf_path_gets_a_tmf_error(client):
    response = client.put("/tmf-api/productOrderingManagement/v4/productOrder")
    assert response.status_code == 405 and response.json["@type"] == "Error"


def test_the_openapi_document_lists_every_native_route_with_its_permission(app, client):
    doc = client.get("/api/v1/openapi.json").json
    native = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")}
    assert len(doc["paths"]) == len(native)
    retry = doc["paths"]["/api/v1/fallout/{record_id}/retry"]["post"]
    assert retry["x-permission"] == "fallout.work" and retry["parameters"][0]["name"] == "record_id"
