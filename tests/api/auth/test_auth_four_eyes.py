"""Optional four-eyes publishing: the publisher must not be the draft's last editor."""
import pytest
from sqlalchemy import select

from engine.store.models import AuditEvent
from tests.api.studio.test_studio_artifacts import TABLE, table, url


@pytest.fixture
def admins(make_user):
    return make_user("ada", "processAdmin").headers, make_user("bob", "processAdmin").headers


def publish(client, headers):
    return client.post(url(suffix="/publish"), headers=headers)


def test_with_four_eyes_the_last_editor_cannot_publish(secure_app, secure_client, runtime, admins):
    secure_app.config["FOUR_EYES_PUBLISH"] = True
    ada, bob = admins
    assert secure_client.post("/api/v1/studio/artifacts", json=TABLE, headers=ada).status_code == 201
    refused = publish(secure_client, ada)
    assert refused.status_code == 409 and "four-eyes" in refused.json["detail"] and refused.json["lastEditor"] == "ada"
    assert publish(secure_client, bob).status_code == 200
    with runtime.reading() as session:
        last = session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar_one()
    assert (last.action, last.actor) == ("artifact.published", "bob")


def test_the_last_save_decides_who_may_publish(secure_app, secure_client, admins):
    secure_app.config["FOUR_EYES_PUBLISH"] = True
    ada, bob = admins
    created = secure_client.post("/api/v1/studio/artifacts", json=TABLE, headers=ada)
    saved = secure_client.put(url(), json=table(title="v2"), headers={**bob, "If-Match": created.headers["ETag"]})
    assert saved.status_code == 200
    assert publish(secure_client, bob).status_code == 409
    assert publish(secure_client, ada).status_code == 200


def test_without_four_eyes_the_editor_publishes(secure_app, secure_client, admins):
    assert secure_app.config["FOUR_EYES_PUBLISH"] is False
    ada, _ = admins
    secure_client.post("/api/v1/studio/artifacts", json=TABLE, headers=ada)
    assert publish(secure_client, ada).status_code == 200
