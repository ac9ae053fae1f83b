"""Tokeniser and parser for DMN simple unary tests (the text of an input cell).

Grammar (whitespace is free)::

    tests     := "-" | "" | "not" "(" positives ")" | positives
    positives := positive ("," positive)*
    positive  := ("<" | "<=" | ">" | ">=" | "=") endpoint
               | ("[" | "(" | "]") endpoint ".." endpoint ("]" | ")" | "[")
               | endpoint
    endpoint  := string | number | "true" | "false" | "null" | "date" "(" string ")"

The parser produces plain AST tuples; ``unary_tests`` compiles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .values import parse_date

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
      | (?P<op><=|>=|\.\.|[<>=,()\[\]])
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<dash>-)
      | (?P<bad>.)
    )""",
    re.VERBOSE,
)
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "'": "'"}
COMPARISONS = ("<", "<=", ">", ">=", "=")


class UnarySyntaxError(ValueError):
    """The cell text is not a valid simple unary test."""


@dataclass(frozen=True)
class Literal:
    value: object


@dataclass(frozen=True)
class Comparison:
    op: str
    value: object


@dataclass(frozen=True)
class Range:
    low: object
    high: object
    low_closed: bool
    high_closed: bool


@dataclass(frozen=True)
class Parsed:
    """A parsed cell: ``any`` for ``-``, else positive tests, possibly negated."""

    is_any: bool
    negated: bool
    tests: tuple


def tokenize(text: str) -> list[tuple[str, str]]:
    """Split cell text into (kind, text) tokens."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        if kind == "bad":
            raise UnarySyntaxError(f"unexpected character {match.group(kind)!r}")
        tokens.append((kind, match.group(kind)))
    return tokens


def parse(text: str) -> Parsed:
    """Parse simple unary tests text into a ``Parsed`` tree."""
    if text.strip() in ("", "-"):
        return Parsed(True, False, ())
    parser = _Parser(tokenize(text))
    result = parser.tests()
    parser.expect_end()
    return result


def unescape(body: str) -> str:
    """Resolve FEEL string escapes in the text between the quotes."""
    out, i = [], 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "u":
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
    return "".join(out)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise UnarySyntaxError("unexpected end of text")
        self.pos += 1
        return token

    def expect(self, text: str) -> None:
        kind, value = self.take()
        if value != text:
            raise UnarySyntaxError(f"expected {text!r} but found {value!r}")

    def expect_end(self) -> None:
        token = self.peek()
        if token is not None:
            raise UnarySyntaxError(f"unexpected {token[1]!r}")

    def tests(self) -> Parsed:
        if self.peek() == ("name", "not"):
            self.take()
            self.expect("(")
            tests = self.positives()
            self.expect(")")
            return Parsed(False, True, tests)
        return Parsed(False, False, self.positives())

    def positives(self) -> tuple:
        tests = [self.positive()]
        while self.peek() == ("op", ","):
            self.take()
            tests.append(self.positive())
        return tuple(tests)

    def positive(self):
        kind, value = self.peek() or ("end", "")
        if kind == "op" and value in COMPARISONS:
            self.take()
            return Comparison(value, self.endpoint())
        if kind == "op" and value in ("[", "(", "]"):
            return self.range()
        return Literal(self.endpoint())

    def range(self) -> Range:
        _, opening = self.take()
        low = self.endpoint()
        self.expect("..")
        high = self.endpoint()
        _, closing = self.take()
        if closing not in ("]", ")", "["):
            raise UnarySyntaxError(f"a range must end with ']', ')' or '[', not {closing!r}")
        return Range(low, high, opening == "[", closing == "]")

    def endpoint(self) -> object:
        kind, value = self.take()
        if kind == "string":
            return unescape(value[1:-1])
        if kind == "number":
            return Decimal(value)
        if kind == "name":
            return self.named(value)
        raise UnarySyntaxError(f"expected a value but found {value!r}")

    def named(self, name: str) -> object:
        constants = {"true": True, "false": False, "null": None}
        if name in constants:
            return constants[name]
        if name == "date":
            self.expect("(")
            kind, text = self.take()
            self.expect(")")
            parsed = parse_date(unescape(text[1:-1])) if kind == "string" else None
            if parsed is None:
                raise UnarySyntaxError(f"date() needs an ISO date string like \"2026-01-01\", not {text}")
            return parsed
        raise UnarySyntaxError(f"unknown name {name!r} (strings need double quotes)")


def literal_type(value: object) -> str | None:
    """The column type a literal belongs to (None for null)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Decimal):
        return "number"
    if isinstance(value, date):
        return "date"
    return "string"
