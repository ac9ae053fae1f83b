"""The notifications inbox: each caller sees what is addressed to their role and their assignment groups, managers
see all, customers are refused; marking read is audited and refused for notifications the caller cannot see."""
from sqlalchemy import select

from engine.runtime.events import notifications
from engine.runtime.tasks import groups
from engine.store.models import AuditEvent

URL = "/api/v1/notifications"


def send(runtime, to, subject="Port-in rejected"):
    with runtime.unit_of_work(actor="test") as uow:
        return notifications.notify(uow, to, subject, "check the donor operator",
                                    {"type": "fallout", "orderId": "o-1", "rule": "number-porting"}).id


def subjects(client, user, **query):
    response = client.get(URL, headers=user.headers, query_string=query)
    assert response.status_code == 200, response.json
    return sorted(n["subject"] for n in response.json)


def test_each_caller_sees_the_notifications_of_their_groups_and_managers_see_all(secure_client, make_user, runtime):
    send(runtime, "orderAgent", "for agents")
    send(runtime, "voice-porting", "for porting")
    send(runtime, "ops@example.com", "by mail")
    agent, fallout_agent = make_user("ann", "orderAgent"), make_user("fay", "falloutAgent")
    manager, auditor = make_user("max", "falloutManager"), make_user("aud", "auditor")
    assert subjects(secure_client, agent) == ["for agents"]
    assert subjects(secure_client, fallout_agent) == []
    assert subjects(secure_client, auditor) == []
    assert subjects(secure_client, manager) == ["by mail", "for agents", "for porting"]
    assert subjects(secure_client, manager, group="voice-porting") == ["for porting"]


def test_customers_are_refused(secure_client, make_user, runtime):
    notification_id = send(runtime, "customer")
    customer = make_user("cus", "customer", "cust-1")
    assert secure_client.get(URL, headers=customer.headers).status_code == 403
    assert secure_client.post(f"{URL}/{notification_id}/read", headers=customer.headers).status_code == 403


def test_marking_read_is_audited_once_and_only_for_what_the_caller_sees(secure_client, make_user, runtime):
    notification_id = send(runtime, "orderAgent")
    agent, other = make_user("ann", "orderAgent"), make_user("fred", "fulfillmentAgent")
    assert secure_client.post(f"{URL}/{notification_id}/read", headers=other.headers).status_code == 404
    assert subjects(secure_client, agent, unread="true") == ["Port-in rejected"]
    read = secure_client.post(f"{URL}/{notification_id}/read", headers=agent.headers)
    assert read.status_code == 200 and read.json["readBy"] == "ann" and read.json["readAt"]
    again = secure_client.post(f"{URL}/{notification_id}/read", headers=make_user("bea", "orderAgent").headers)
    assert again.status_code == 200 and again.json["readBy"] == "ann"
    assert subjects(secure_client, agent, unread="true") == []
    assert subjects(secure_client, agent, unread="false") == ["Port-in rejected"]
    assert secure_client.get(URL, headers=agent.headers, query_string={"unread": "maybe"}).status_code == 400
    assert secure_client.post(f"{URL}/nope/read", headers=agent.headers).status_code == 404
    with runtime.reading() as session:
        reads = session.execute(select(AuditEvent).where(AuditEvent.action == "notification.read")).scalars().all()
    assert [(a.actor, a.entity_id) for a in reads] == [("ann", notification_id)]


def test_the_auditor_reads_but_does_not_mark_read(secure_client, make_user, runtime):
    notification_id = send(runtime, "auditor")
    auditor = make_user("aud", "auditor")
    assert subjects(secure_client, auditor) == ["Port-in rejected"]
    assert secure_client.post(f"{URL}/{notification_id}/read", headers=auditor.headers).status_code == 403


def test_members_of_an_assignment_group_see_what_is_addressed_to_it(secure_client, make_user, runtime):
    send(runtime, "voice-porting", "for porting")
    member, outsider = make_user("pia", "fulfillmentAgent"), make_user("olaf", "fulfillmentAgent")
    with runtime.unit_of_work(actor="test") as uow:
        groups.create_group(uow, "voice-porting", "Voice porting")
        groups.add_member(uow, "voice-porting", "pia")
    assert subjects(secure_client, member) == ["for porting"]
    assert subjects(secure_client, outsider) == []
    with runtime.unit_of_work(actor="test") as uow:
        groups.remove_member(uow, "voice-porting", "pia")
    assert subjects(secure_client, member) == []


def test_the_inbox_is_a_list_with_counts_sort_and_declared_filters(secure_client, make_user, runtime, clock):
    for n in range(3):
        send(runtime, "orderAgent", f"number {n}")
        clock.advance(seconds=60)
    agent = make_user("ann", "orderAgent")
    page = secure_client.get(URL, headers=agent.headers, query_string={"limit": 2})
    assert page.headers["X-Total-Count"] == "3" and page.headers["X-Result-Count"] == "2"
    assert [n["subject"] for n in page.json] == ["number 2", "number 1"]
    assert set(page.json[0]) == {"id", "group", "user", "address", "subject", "body", "source", "orderId", "state",
                                 "channels", "createdAt", "deliveredAt", "readBy", "readAt"}
    oldest = secure_client.get(URL, headers=agent.headers, query_string={"sort": "createdAt", "offset": 1})
    assert [n["subject"] for n in oldest.json] == ["number 1", "number 2"]
    assert secure_client.get(URL, headers=agent.headers, query_string={"orderId": "o-2"}).json == []
    for bad in ({"sort": "subject"}, {"to": "me"}):
        refused = secure_client.get(URL, headers=agent.headers, query_string=bad)
        assert refused.status_code == 400 and refused.json["errors"][0]["parameter"] == next(iter(bad))
