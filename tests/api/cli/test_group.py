"""``ordo group``: add, list, member add / remove; ``ordo user demo`` staffs the pack's groups."""
import pytest
from click.testing import CliRunner

from api.cli import main
from engine.runtime.tasks.groups import groups_of


def test_changing_groups_needs_a_user_allowed_to_manage_them(database_url, monkeypatch, make_user):
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    make_user("ann", "fulfillmentAgent")
    refused = CliRunner().invoke(main, ["--as", "ann", "group", "add", "field-north"])
    assert refused.exit_code == 1 and "ann (fulfillmentAgent) lacks the permission group.manage" in refused.output


def test_groups_and_members_through_the_cli(cli, make_user, runtime):
    make_user("ann", "fulfillmentAgent")
    assert cli("group", "list").output.startswith("no assignment groups")
    added = cli("group", "add", "field-north", "--name", "Field north")
    assert added.exit_code == 0 and "group field-north added" in added.output
    assert cli("group", "member", "add", "field-north", "ann").output.strip() == "ann added to group field-north"
    assert "already a member" in cli("group", "member", "add", "field-north", "ann").output
    assert cli("group", "list").output == "field-north\tField north\tann\n"
    with runtime.reading() as session:
        assert groups_of(session, "ann") == {"field-north"}
    assert cli("group", "member", "remove", "field-north", "ann").exit_code == 0
    assert cli("group", "list").output == "field-north\tField north\t-\n"


@pytest.mark.parametrize("args, message", [
    (("group", "add", "field-north"), "already exists"),
    (("group", "add", "bad key"), "a group key is"),
    (("group", "member", "add", "field-north", "ghost"), "no user 'ghost'"),
    (("group", "member", "add", "nowhere", "ann"), "no assignment group 'nowhere'"),
    (("group", "member", "remove", "field-north", "ann"), "not a member"),
])
def test_mistakes_end_with_a_message_not_a_traceback(cli, make_user, args, message):
    make_user("ann", "fulfillmentAgent")
    cli("group", "add", "field-north")
    result = cli(*args)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_user_demo_puts_the_demo_agents_into_every_group_of_the_active_pack(cli, demo_pack, runtime):
    first = cli("user", "demo")
    assert first.exit_code == 0 and "33 assignment group membership(s) added for the demo agents" in first.output
    expected = {"field-north", "field-south", "field-dispatch", "sdwan-deployment", "field-rapid-response"}
    # the fallout rules' groups: the default record's (and the watchdog's), createFallout's literal groups and
    # the fulfilment systems a record's group can be taken from (domainOrder.fulfilmentSystem)
    fallout = {"fallout", "inventory-team", "voice-porting", "integration-support", "noc-business",
               "product-inventory", "oss-fibre", "voice-platform", "number-portability", "inventory",
               "field-service", "iot-platform", "sdwan-orchestrator"}
    with runtime.reading() as session:
        for agent in ("orderAgent", "fulfillmentAgent", "integration"):
            assert groups_of(session, agent) == expected, agent
        assert groups_of(session, "falloutAgent") == expected | fallout
        assert groups_of(session, "fulfillmentManager") == groups_of(session, "falloutManager") == set()
    assert "membership" not in cli("user", "demo").output
