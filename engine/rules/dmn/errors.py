"""DMN import errors: plain data like every Ordo validation error."""

from __future__ import annotations


class DmnError(ValueError):
    """A DMN document Ordo cannot read.

    ``pointer`` is a JSON pointer into the decision table body being built (``""`` for the
    document), ``decision`` the decision id when known.
    """

    def __init__(self, pointer: str, code: str, message: str, decision: str | None = None):
        where = f"{decision}:" if decision else ""
        super().__init__(f"{where}{pointer or '/'}: {code}: {message}")
        self.pointer = pointer
        self.code = code
        self.message = message
        self.decision = decision
