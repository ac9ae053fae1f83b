"""Semantic diff of two versions of one artifact document.

``diff_documents(old, new)`` returns a ``DiffResult``: generic ``changes`` (``add``, ``remove``,
``replace``, ``move``) with JSON pointers into the document, a decision-table part (rows by id,
cells by column, columns, hit policy) when both versions are decision tables, and a one-line
``summary``. ``ui`` is never compared.

Pointers of ``add``, ``replace`` and ``move`` (and changes inside a kept list item) point into
the new version; ``remove`` pointers and a move's ``from`` point into the old one.
"""

from .documents import diff_documents
from .result import Change, DiffResult

__all__ = ["Change", "DiffResult", "diff_documents"]
