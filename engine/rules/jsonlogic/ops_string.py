"""Text operators: ``cat`` (its result bounded, see ``limits.py``) and ``substr``."""

from .coercion import to_integer, to_string
from .limits import active_limits
from .node import Node, Site


def build_cat(args: list[Node], site: Site) -> Node:
    """``cat``: operands joined as text (null joins as empty text, as in JavaScript)."""
    evaluators = [arg.evaluate for arg in args]

    def concatenate(data):
        pieces = ["" if piece is None else to_string(piece) for piece in [evaluate(data) for evaluate in evaluators]]
        limit = active_limits().text_length
        if sum(map(len, pieces)) > limit:
            raise site.limit_exceeded("text_length", limit)
        return "".join(pieces)

    return Node(concatenate)


def build_substr(args: list[Node], site: Site) -> Node:
    """``substr``: start (negative counts from the end) and optional length (negative trims the end)."""
    source, start = args[0].evaluate, args[1].evaluate
    length = args[2].evaluate if len(args) == 3 else None

    def substring(data):
        text = to_string(source(data))
        begin = _start_index(text, start(data))
        if length is None:
            return text[begin:]
        count = to_integer(length(data))
        if count < 0:
            return text[begin:max(len(text) + count, begin)]
        return text[begin:begin + count] if count != float("inf") else text[begin:]

    return Node(substring)


def _start_index(text: str, start) -> int:
    index = to_integer(start)
    if index < 0:
        return int(max(len(text) + index, 0))
    return int(min(index, len(text)))
