"""Base types of the native API's requests, query parameters and responses."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema
from pydantic.alias_generators import to_camel

from api.routing import MAX_INT
from engine.clock import iso

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = MAX_INT  # beyond what any list holds, within what SQL OFFSET takes

Timestamp = Annotated[datetime, PlainSerializer(iso, return_type=str, when_used="json"),
                      WithJsonSchema({"type": "string", "format": "date-time"})]
"""A moment on the wire: ISO 8601 in UTC with milliseconds and a trailing Z (as the TMF APIs write dates)."""


class Model(BaseModel):
    """A request body or response of the native API: snake_case attributes, camelCase JSON.

    Requests refuse members they do not declare (a typo is an error, not silently ignored)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid",
                              serialize_by_alias=True, validate_by_name=True, validate_by_alias=True)


class Query(Model):
    """Query parameters of a view; a subclass declares each one as a field (camelCase in the URL)."""


class ListQuery(Query):
    """Query parameters of a list: paging and sort, plus the filters a subclass declares."""

    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="how many matches to skip")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")
    sort: str | None = Field(None, description="a sortable field, '-' in front for descending")

    @property
    def descending(self) -> bool:
        return bool(self.sort) and self.sort.startswith("-")

    @property
    def sort_key(self) -> str | None:
        return self.sort.lstrip("-") if self.sort else None

    def ordered(self, column):
        """``column`` in the direction ``sort`` asks for (descending with a leading '-')."""
        return column.desc() if self.descending else column


def sort_by(*fields: str):
    """The type of a list's ``sort`` parameter: one of ``fields``, ascending or with '-' descending."""
    return Literal[tuple(f for name in fields for f in (name, f"-{name}"))]
