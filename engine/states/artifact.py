"""Artifact version lifecycle: draft -> published -> retired. Published content never changes."""
from enum import StrEnum

from engine.states.machine import StateMachine


class ArtifactStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


ARTIFACT = StateMachine(
    "ArtifactVersion",
    ArtifactStatus,
    {ArtifactStatus.DRAFT: [ArtifactStatus.PUBLISHED], ArtifactStatus.PUBLISHED: [ArtifactStatus.RETIRED]},
    finals=[ArtifactStatus.RETIRED],
)
