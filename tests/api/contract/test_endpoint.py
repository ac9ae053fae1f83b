"""The contract mechanism on a small app of its own: body parser, query parameters, pages, ETags."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Blueprint, Flask
from pydantic import Field

from api.contract import ListQuery, Model, Page, Timestamp, endpoint, etag_of, require_if_match, sort_by
from api.errors import register_error_handlers
from api.native.openapi import build_openapi


class Thing(Model):
    thing_id: str
    made_at: Timestamp
    size: int | None = None


class NewThing(Model):
    thing_id: str = Field(min_length=1)
    size: int = Field(ge=0)


class ThingQuery(ListQuery):
    sort: sort_by("thingId") | None = None
    colour: str | None = None


THINGS = {"a": Thing(thing_id="a", made_at=datetime(2026, 1, 2, tzinfo=UTC), size=1)}


@pytest.fixture
def client():
    bp = Blueprint("things", __name__, url_prefix="/api/v1")

    @bp.get("/things")
    @endpoint(query=ThingQuery, response=list[Thing], paged=True)
    def list_things(query: ThingQuery):
        """Things."""
        items = sorted(THINGS.values(), key=lambda t: t.thing_id, reverse=query.descending)
        return Page(items[query.offset:query.offset + query.limit], len(items))

    @bp.get("/things/<key>")
    @endpoint(response=Thing, etag=True)
    def get_thing(key: str):
        return THINGS[key]

    @bp.put("/things/<key>")
    @endpoint(body=NewThing, response=Thing, etag=True)
    def put_thing(key: str, body: NewThing):
        require_if_match(etag_of(THINGS[key], Thing))
        return Thing(thing_id=key, made_at=THINGS[key].made_at, size=body.size)

    @bp.post("/things")
    @endpoint(body={"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
              response=None)
    def raw_thing(body: dict):
        assert body["name"]

    app = Flask(__name__)
    register_error_handlers(app)
    app.register_blueprint(bp)
    app.config["TESTING"] = True
    client = app.test_client()
    client.app = app
    return client


def test_a_page_is_a_json_array_with_its_counts_and_camel_case_members(client):
    answer = client.get("/api/v1/things?limit=1&sort=-thingId")
    assert answer.status_code == 200
    assert answer.json == [{"thingId": "a", "madeAt": "2026-01-02T00:00:00.000Z", "size": 1}]
    assert (answer.headers["X-Total-Count"], answer.headers["X-Result-Count"]) == ("1", "1")
    assert client.get("/api/v1/things?offset=5").json == []


@pytest.mark.parametrize("query, parameter", [("limit=0", "limit"), ("limit=1001", "limit"), ("offset=-1", "offset"),
                                              ("sort=size", "sort"), ("limit=x", "limit"), ("colur=red", "colur")])
def test_bad_query_parameters_answer_400_naming_the_parameter(client, query, parameter):
    answer = client.get(f"/api/v1/things?{query}")
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"
    assert [e["parameter"] for e in answer.json["errors"]] == [parameter]


def test_the_body_parser_separates_media_type_syntax_and_schema(client):
    headers = {"If-Match": etag_of(THINGS["a"], Thing)}
    wrong_type = client.put("/api/v1/things/a", data="size=1", headers=headers,
                            content_type="application/x-www-form-urlencoded")
    assert wrong_type.status_code == 415
    broken = client.put("/api/v1/things/a", data='{\n "size": 1,\n}', headers=headers,
                        content_type="application/json")
    assert broken.status_code == 400 and broken.json["errors"][0]["line"] == 3
    invalid = client.put("/api/v1/things/a", json={"thingId": "", "size": -1, "extra": 1}, headers=headers)
    assert invalid.status_code == 422
    assert sorted(e["pointer"] for e in invalid.json["errors"]) == ["/extra", "/size", "/thingId"]
    raw = client.post("/api/v1/things", json={"name": 3})
    assert raw.status_code == 422 and raw.json["errors"][0]["pointer"] == "/name"
    assert client.post("/api/v1/things", json={"name": "x"}).status_code == 204


def test_etags_make_reads_conditional_and_writes_safe(client):
    read = client.get("/api/v1/things/a")
    tag = read.headers["ETag"]
    assert tag == etag_of(THINGS["a"], Thing)
    assert client.get("/api/v1/things/a", headers={"If-None-Match": tag}).status_code == 304
    assert client.put("/api/v1/things/a", json={"thingId": "a", "size": 2}).status_code == 428
    stale = client.put("/api/v1/things/a", json={"thingId": "a", "size": 2}, headers={"If-Match": '"old"'})
    assert stale.status_code == 412
    written = client.put("/api/v1/things/a", json={"thingId": "a", "size": 2}, headers={"If-Match": tag})
    assert written.status_code == 200 and written.json["size"] == 2 and written.headers["ETag"] != tag


def test_the_openapi_document_carries_the_declared_types(client):
    document = build_openapi(client.app)
    listing = document["paths"]["/api/v1/things"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {"offset", "limit", "sort", "colour"}
    assert listing["responses"]["200"]["content"]["application/json"]["schema"] == {
        "type": "array", "items": {"$ref": "#/components/schemas/Thing"}}
    assert set(listing["responses"]["200"]["headers"]) == {"X-Total-Count", "X-Result-Count"}
    thing = document["components"]["schemas"]["Thing"]
    assert set(thing["properties"]) == {"thingId", "madeAt", "size"}
    put = document["paths"]["/api/v1/things/{key}"]["put"]
    assert put["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/NewThing"}
    assert {"412", "428", "415"} <= set(put["responses"])


def test_an_etag_does_not_depend_on_the_key_order_of_free_form_json():
    from typing import Any

    class Record(Model):
        details: dict[str, Any]

    written = Record(details={"b": 1, "a": {"y": 2, "x": 3}})
    read_back = Record(details={"a": {"x": 3, "y": 2}, "b": 1})  # as PostgreSQL's JSONB hands it back
    assert etag_of(written, Record) == etag_of(read_back, Record)
    assert etag_of(written, Record) != etag_of(Record(details={"b": 2, "a": {"y": 2, "x": 3}}), Record)
