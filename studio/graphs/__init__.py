"""DOT graphs (built with pydot) of flows, decomposition rules and plans, drawn by the front end.

``graph_for(document, catalog=None) -> str`` returns DOT source laid out left to right.
"""

from .documents import graph_for

__all__ = ["graph_for"]
