"""The active rule pack and the compiled view of a pinned pack (compiled once per process)."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from engine.kinds import compile_document
from engine.store.models import ArtifactVersion, PackActivation, RulePack, RulePackPin


class NoActivePack(Exception):
    """No rule pack has been activated: orders cannot be captured."""


@dataclass(frozen=True)
class PinnedArtifact:
    key: str
    kind: str
    version: int
    document: dict


@dataclass
class PackView:
    """An immutable view of one rule pack version; artifacts compile on first use and stay compiled."""

    id: int
    key: str
    version: int
    bindings: dict
    artifacts: dict[str, PinnedArtifact]
    _compiled: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def bound(self, stage: str) -> PinnedArtifact:
        return self.artifacts[self.bindings[stage]]

    def compiled(self, key: str):
        """The compiled artifact ``key`` (catalog, table, plan …) of this pack."""
        with self._lock:
            if key not in self._compiled:
                pinned = self.artifacts[key]
                self._compiled[key] = compile_document(pinned.document, version=pinned.version)
            return self._compiled[key]

    def compiled_binding(self, stage: str):
        """The compiled artifact bound to a single-key stage, or None when the pack does not bind it."""
        key = self.bindings.get(stage)
        return self.compiled(key) if isinstance(key, str) else None

    @property
    def catalog(self):
        return self.compiled(self.bindings["catalog"])


_ACTIVE = (select(RulePack).join(PackActivation, PackActivation.pack_id == RulePack.id)
           .order_by(PackActivation.id.desc()).limit(1))  # built once: no construct or cache key per call


def active_pack(session: Session) -> RulePack:
    """The pack of the newest activation, read with it in one statement in the caller's transaction (so a pack
    another process has just activated is seen at once); NoActivePack when none was ever activated."""
    pack = session.execute(_ACTIVE).scalar_one_or_none()
    if pack is None:
        raise NoActivePack("no rule pack is active: run `ordo pack seed rulepacks/telco-demo` (or activate one in the studio)")
    return pack


_cache: dict[str, PackView] = {}
_lock = threading.Lock()


def pack_view(session: Session, pack_id: int) -> PackView:
    """The view of a pack; pack content is immutable, so views are cached by content hash."""
    content_hash = session.get(RulePack, pack_id).content_hash
    with _lock:
        if content_hash in _cache:
            return _cache[content_hash]
    view = _load(session, pack_id)
    with _lock:
        return _cache.setdefault(content_hash, view)


def _load(session: Session, pack_id: int) -> PackView:
    pack = session.execute(
        select(RulePack).where(RulePack.id == pack_id)
        .options(selectinload(RulePack.pins).selectinload(RulePackPin.artifact_version)
                 .selectinload(ArtifactVersion.artifact))).scalar_one()
    artifacts = {}
    for pin in pack.pins:
        version = pin.artifact_version
        artifacts[version.artifact.key] = PinnedArtifact(version.artifact.key, version.artifact.kind,
                                                         version.version, version.document)
    return PackView(pack.id, pack.key, pack.version, dict(pack.bindings), artifacts)
