"""The JSON bodies the API accepts, checked field by field (unknown keys are errors).

A scenario is named by a shipped id or sent as the text of an uploaded file: nothing is kept
on the server between requests, and no request ever names a file-system path.

Bodies are read by pydantic's JSON parser, which refuses what the standard library would
accept or choke on: nesting deeper than 200 levels, integers of more than 4,300 digits, lone
UTF-16 surrogates (``"\\ud800"``, which no UTF-8 answer could repeat) and control characters
in strings. ``NaN`` and ``Infinity`` are read, then refused by the field that gets them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import from_json

from grandbargain.api import Problem, ScenarioChanges
from grandbargain.web.errors import REQUEST_FILE, WebError

MAX_ROUNDS = 1000


class RequestBody(BaseModel):
    """Base of the request bodies: frozen, unknown keys and non-finite numbers refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class ScenarioSource(RequestBody):
    """A shipped scenario's ``id``, or the ``text`` of an uploaded file with its ``name``
    (used only to label problems)."""

    id: str | None = Field(default=None, max_length=200)
    text: str | None = None
    name: str = Field(default="upload.yaml", max_length=1000)

    @model_validator(mode="after")
    def _one_of(self) -> ScenarioSource:
        if (self.id is None) == (self.text is None):
            raise ValueError("give either id (a shipped scenario) or text (an uploaded file)")
        return self


class Changes(RequestBody):
    """Weights per party per issue, reservation values per party (null: the default) and red
    lines per party per issue (option ids)."""

    weights: dict[str, dict[str, float]] = Field(default_factory=dict)
    reservation_values: dict[str, float | None] = Field(default_factory=dict)
    red_lines: dict[str, dict[str, list[str]]] = Field(default_factory=dict)

    def to_api(self) -> ScenarioChanges:
        """The same changes as the API's type."""
        return ScenarioChanges(
            weights=self.weights,
            reservation_values=self.reservation_values,
            red_lines={p: {i: tuple(o) for i, o in v.items()} for p, v in self.red_lines.items()},
        )


class ScenarioRequest(RequestBody):
    """Which scenario: ``POST /api/scenario``."""

    scenario: ScenarioSource


class WhatIfRequest(ScenarioRequest):
    """A what-if question: ``POST /api/whatif`` and the downloads. ``as_of`` (YYYY-MM-DD)
    analyses the scenario on that date, events on it applied (null: the scenario's own)."""

    changes: Changes = Field(default_factory=Changes)
    conditions: dict[str, str] = Field(default_factory=dict)
    parties: tuple[str, str] | None = None
    as_of: dt.date | None = None


class SimulateRequest(WhatIfRequest):
    """A simulation between strategies: ``POST /api/simulate``."""

    strategies: dict[str, str] = Field(default_factory=dict)
    rounds: int = Field(default=60, ge=1, le=MAX_ROUNDS)
    seed: int = Field(default=0, ge=0, le=2**32 - 1)


class EvidenceRequest(WhatIfRequest):
    """The evidence for one issue: ``POST /api/evidence``."""

    issue: str = Field(max_length=200)


BodyT = TypeVar("BodyT", bound=RequestBody)


_WHERE = re.compile(r"^(?P<message>.*) at line (?P<line>\d+) column (?P<column>\d+)$", re.S)
_EXPLAINED = {
    "recursion limit exceeded": "nested more than 200 levels deep",
    "number out of range": "a number too large to read (integers: at most 4,300 digits)",
    "surrogate": "a lone UTF-16 surrogate escape, which is no character",
    "hex escape": "a \\u escape cut short, or a lone UTF-16 surrogate, which is no character",
}


def _not_json(error: ValueError) -> WebError:
    found = _WHERE.match(str(error))
    message, line, column = str(error), 0, 0
    if found is not None:
        message, line, column = found["message"], int(found["line"]), int(found["column"])
    for words, meaning in _EXPLAINED.items():
        if words in message:
            message = f"{message}: {meaning}"
            break
    return WebError(
        400,
        "bad request",
        "the request body is not valid JSON",
        [Problem(REQUEST_FILE, line, column, "", message)],
    )


def parse_json(raw: bytes) -> Any:
    """The JSON value in a request body: UTF-8, strict (see the module's notes)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WebError(
            400,
            "bad request",
            "the request body is not UTF-8 text",
            [Problem(REQUEST_FILE, 0, 0, "", f"not UTF-8 (byte {error.start})")],
        ) from None
    try:
        return from_json(text, allow_inf_nan=True)
    except ValueError as error:
        raise _not_json(error) from None


def parse_body(raw: bytes, model: type[BodyT]) -> BodyT:
    """Decode, parse and check a JSON body; every problem names its field."""
    data = parse_json(raw)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(
                REQUEST_FILE,
                0,
                0,
                ".".join(str(part) for part in item["loc"]),
                str(item["msg"]).removeprefix("Value error, "),
            )
            for item in error.errors(include_url=False)
        ]
        raise WebError(422, "invalid input", "the request is not valid", problems) from None
