"""GET /api/v1/studio/kinds: what the studio's editors need to know about each artifact kind."""
BASE = "/api/v1/studio"
KINDS = {"catalog", "price_list", "pricing_matrix", "decision_table", "enrichment_flow", "decomposition_rules",
        "orchestration_plan", "jeopardy_rules", "fallout_rules", "import_mapping"}


def kinds_by_name(client) -> dict:
    response = client.get(f"{BASE}/kinds")
    assert response.status_code == 200
    return {kind["name"]: kind for kind in response.json["kinds"]}


def test_every_kind_has_its_schema_hints_capabilities_and_an_example(client):
    response = client.get(f"{BASE}/kinds")
    assert response.json["envelopeSchema"]["required"] == ["kind", "key", "schemaVersion", "body"]
    kinds = kinds_by_name(client)
    assert set(kinds) == KINDS
    for name, kind in kinds.items():
        assert kind["bodySchema"]["type"] == "object" and kind["title"]
        assert [f["name"] for f in kind["fields"]] and all(f["label"] and f["widget"] for f in kind["fields"])
        assert {f["name"] for f in kind["fields"]} == set(kind["bodySchema"]["properties"])
        assert [example["kind"] for example in kind["examples"]] == [name]


def test_capabilities_say_which_editors_and_file_formats_apply(client):
    kinds = kinds_by_name(client)
    table, matrix, plan, catalog = (kinds[k]["capabilities"] for k in (
        "decision_table", "pricing_matrix", "orchestration_plan", "catalog"))
    assert table == {"hasTableGrid": True, "hasGraph": False, "hasLint": True, "canSimulate": True,
                     "importFormats": ["dmn", "xlsx", "csv"], "exportFormats": ["dmn", "xlsx", "csv"]}
    assert matrix["hasTableGrid"] and matrix["importFormats"] == ["dmn", "xlsx", "csv"]
    assert plan["hasGraph"] and plan["hasLint"] and not plan["hasTableGrid"] and plan["importFormats"] == []
    assert not catalog["hasGraph"] and catalog["exportFormats"] == []


def test_hints_follow_the_schema_and_the_kind_hints_file(client):
    table = {f["name"]: f for f in kinds_by_name(client)["decision_table"]["fields"]}
    assert list(table) == ["description", "hitPolicy", "aggregation", "inputs", "outputs", "rules"]
    assert (table["hitPolicy"]["widget"], table["rules"]["widget"]) == ("select", "decision-grid")
    assert table["hitPolicy"]["label"] == "Hit policy" and "UNIQUE" in table["hitPolicy"]["help"]
    matrix = {f["name"]: f for f in kinds_by_name(client)["pricing_matrix"]["fields"]}
    assert (matrix["requireComplete"]["widget"], matrix["priceType"]["widget"]) == ("checkbox", "select")
    assert matrix["currency"]["help"] == "ISO 4217 code."


def test_kinds_carry_an_etag_and_need_studio_read(client, secure_client, make_user):
    etag = client.get(f"{BASE}/kinds").headers["ETag"]
    assert client.get(f"{BASE}/kinds", headers={"If-None-Match": etag}).status_code == 304
    assert secure_client.get(f"{BASE}/kinds", headers=make_user("otto", "orderAgent").headers).status_code == 403
    assert secure_client.get(f"{BASE}/kinds", headers=make_user("ida", "integration").headers).status_code == 200
