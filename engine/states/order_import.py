"""A bulk import's lifecycle: queued -> running -> completed; cancelled by a person, failed when unreadable."""
from enum import StrEnum

from engine.states.machine import StateMachine


class ImportState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    FAILED = "failed"


ORDER_IMPORT = StateMachine(
    "OrderImport",
    ImportState,
    {ImportState.QUEUED: [ImportState.RUNNING, ImportState.CANCELLED, ImportState.FAILED],
     ImportState.RUNNING: [ImportState.COMPLETED, ImportState.CANCELLED, ImportState.FAILED]},
    finals=[ImportState.COMPLETED, ImportState.CANCELLED, ImportState.FAILED],
)
