"""What the audit chain recorded about each authored row, replayed from its entries, and compared with a
backup's rows. Each ``*_problems`` function returns one message per row (or field) that does not match.

The chain records: a published (or retired) artifact version's content hash, when and by whom; a draft's
creation and the revision of its last save (not its content); a pack version's pins and content hash (over its
key, bindings and pinned content hashes); every activation and rollback in order; groups and memberships;
listeners' callbacks and queries (not their secrets); users' roles and parties (not their passwords or
whether they are active); parties' names; tokens' names and revocations (not their hashes).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from engine.artifacts import content_hash, pack_hash
from engine.clock import iso

Rows = dict[str, list[dict]]


def _shown(value) -> str:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, str) and len(value) == 64:
        return value[:12] + "…"
    return repr(value)


def compare(what: str, chain: dict, backup: dict) -> list[str]:
    """Problems where ``backup`` (name -> fields) departs from what the chain says (name -> fields)."""
    problems = []
    for name in sorted(set(chain) | set(backup), key=str):
        if name not in chain:
            problems.append(f"{what} {name}: in the backup, but no audit entry records it")
        elif name not in backup:
            problems.append(f"{what} {name}: the audit chain records it, the backup does not hold it")
        else:
            problems += [f"{what} {name}: {field} is {_shown(backup[name].get(field))} in the backup, the audit "
                         f"chain says {_shown(expected)}"
                         for field, expected in chain[name].items() if backup[name].get(field) != expected]
    return problems


def _artifact_refs(rows: Rows) -> dict[int, str]:
    keys = {artifact["id"]: artifact["key"] for artifact in rows["artifacts"]}
    return {version["id"]: f"{keys.get(version['artifact_id'], '?')}@{version['version']}"
            for version in rows["artifact_versions"]}


def artifact_problems(entries: list[dict], rows: Rows) -> list[str]:
    chain: dict[str, dict] = {}
    for entry in (e for e in entries if e["entity_type"] == "artifact"):
        ref, action, data = entry["entity_id"], entry["action"], entry["data"]
        if action == "artifact.draft_created":
            chain[ref] = {"status": "draft", "revision": 1, "created_at": entry["at"], "created_by": entry["actor"]}
        elif action == "artifact.draft_saved" and ref in chain:
            chain[ref]["revision"] = data.get("revision")
        elif action == "artifact.draft_discarded":
            chain.pop(ref, None)
        elif action == "artifact.published":
            state = chain.setdefault(ref, {"created_at": entry["at"], "created_by": entry["actor"]})
            state.pop("revision", None)  # publishing updates the row, which moves its revision on
            state.update(status="published", content_hash=data.get("contentHash"),
                         document_hash=data.get("contentHash"), published_at=entry["at"])
        elif action == "artifact.retired" and ref in chain:
            chain[ref]["status"] = "retired"
    for ref, state in chain.items():
        state["document key"] = ref.rpartition("@")[0]
    artifacts = {artifact["id"]: artifact for artifact in rows["artifacts"]}
    backup = {}
    for version in rows["artifact_versions"]:
        artifact = artifacts.get(version["artifact_id"], {})
        document = version["document"] if isinstance(version["document"], dict) else {}
        backup[f"{artifact.get('key', '?')}@{version['version']}"] = {
            "status": version["status"], "revision": version["revision"], "created_at": version["created_at"],
            "created_by": version["created_by"], "content_hash": version["content_hash"],
            "document_hash": content_hash(document), "published_at": version["published_at"],
            "document key": document.get("key") if document.get("kind") == artifact.get("kind") else None}
    return compare("artifact", chain, backup)


def pack_problems(entries: list[dict], rows: Rows) -> list[str]:
    chain = {entry["entity_id"]: {"pins": entry["data"].get("pins"), "content_hash": entry["data"].get("contentHash"),
                                  "pinned content hash": entry["data"].get("contentHash"),
                                  "created_at": entry["at"], "created_by": entry["actor"]}
             for entry in entries if entry["action"] == "pack.published"}
    refs, versions = _artifact_refs(rows), {version["id"]: version for version in rows["artifact_versions"]}
    pinned = defaultdict(list)
    for pin in rows["rule_pack_pins"]:
        pinned[pin["pack_id"]].append(pin["artifact_version_id"])
    backup = {}
    for pack in rows["rule_packs"]:
        ids = pinned[pack["id"]]
        pins = [(refs.get(i, "?@?").rpartition("@")[0], versions.get(i, {}).get("content_hash")) for i in ids]
        backup[f"{pack['key']}@{pack['version']}"] = {
            "pins": {refs.get(i, "?@?").rpartition("@")[0]: versions.get(i, {}).get("version") for i in ids},
            "content_hash": pack["content_hash"], "created_at": pack["created_at"], "created_by": pack["created_by"],
            "pinned content hash": pack_hash(pack["key"], pack["bindings"], pins)}
    return compare("rule pack", chain, backup)


def activation_problems(entries: list[dict], rows: Rows) -> list[str]:
    chain = [(entry["entity_id"], entry["at"], entry["actor"]) for entry in entries
             if entry["action"] in ("pack.activated", "pack.rolled_back")]
    packs = {pack["id"]: f"{pack['key']}@{pack['version']}" for pack in rows["rule_packs"]}
    backup = [(packs.get(row["pack_id"], f"pack id {row['pack_id']}"), row["activated_at"], row["actor"])
              for row in sorted(rows["pack_activations"], key=lambda row: row["id"])]
    for number, (found, expected) in enumerate(zip(backup, chain, strict=False), 1):
        if found != expected:
            return [f"pack activation {number}: {found[0]} at {iso(found[1])} by {found[2]} in the backup, the "
                    f"audit chain records {expected[0]} at {iso(expected[1])} by {expected[2]}"]
    if len(backup) != len(chain):
        return [f"pack activations: {len(backup)} in the backup, the audit chain records {len(chain)}"]
    return []


def group_problems(entries: list[dict], rows: Rows) -> list[str]:
    groups, members = {}, {}
    for entry in (e for e in entries if e["entity_type"] == "group"):
        key, action, data = entry["entity_id"], entry["action"], entry["data"]
        if action == "group.created":
            groups[key] = {"name": data.get("name"), "created_at": entry["at"]}
        elif action == "group.memberAdded":
            members[f"{key}/{data.get('username')}"] = {"added_at": entry["at"]}
        elif action == "group.memberRemoved":
            members.pop(f"{key}/{data.get('username')}", None)
    return (compare("group", groups, {g["key"]: {"name": g["name"], "created_at": g["created_at"]}
                                      for g in rows["assignment_groups"]})
            + compare("group member", members, {f"{m['group_key']}/{m['username']}": {"added_at": m["added_at"]}
                                                for m in rows["group_members"]}))


def listener_problems(entries: list[dict], rows: Rows) -> list[str]:
    chain = {}
    for entry in (e for e in entries if e["entity_type"] == "eventListener"):
        if entry["action"] == "hub.registered":
            chain[entry["entity_id"]] = {"callback": entry["data"].get("callback"),
                                         "query": entry["data"].get("query") or None, "created_at": entry["at"],
                                         "created_by": entry["actor"], "deleted_at": None}
        elif entry["action"] == "hub.unregistered" and entry["entity_id"] in chain:
            chain[entry["entity_id"]]["deleted_at"] = entry["at"]
    return compare("event listener", chain, {row["id"]: row for row in rows["event_listeners"]})


def user_problems(entries: list[dict], rows: Rows) -> list[str]:
    users, parties, tokens = {}, {}, {}
    for entry in entries:
        name, action, data = entry["entity_id"], entry["action"], entry["data"]
        if action == "user.created":
            users[name] = {"role": data.get("role"), "party_id": data.get("party"), "created_at": entry["at"]}
        elif action == "user.roleSet" and name in users:
            users[name]["role"] = data.get("to")
        elif action == "party.created":
            parties[name] = {"name": data.get("name"), "created_at": entry["at"]}
        elif action == "token.created":
            tokens[data.get("token")] = {"user": name, "name": data.get("name"), "created_at": entry["at"],
                                         "revoked_at": None}
        elif action == "token.revoked" and data.get("token") in tokens:
            tokens[data["token"]]["revoked_at"] = entry["at"]
    usernames = {user["id"]: user["username"] for user in rows["users"]}
    problems = (compare("user", users, {user["username"]: user for user in rows["users"]})
                + compare("party", parties, {party["id"]: party for party in rows["parties"]}))
    if "api_tokens" not in rows:  # a backup without credentials: a password hash in it was put there
        problems += [f"user {user['username']}: has a password hash, in a backup that says it holds no credentials"
                     for user in rows["users"] if user["password_hash"] is not None]
    else:
        problems += compare("API token", tokens, {token["id"]: {**token, "user": usernames.get(token["user_id"])}
                                                  for token in rows["api_tokens"]})
    return problems


CHECKS = (artifact_problems, pack_problems, activation_problems, group_problems, listener_problems, user_problems)
