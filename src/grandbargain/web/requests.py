"""The JSON bodies the API accepts, checked field by field (unknown keys are errors).

A scenario is named by a shipped id or sent as the text of an uploaded file: nothing is kept
on the server between requests, and no request ever names a file-system path.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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
    """A what-if question: ``POST /api/whatif`` and the downloads."""

    changes: Changes = Field(default_factory=Changes)
    conditions: dict[str, str] = Field(default_factory=dict)
    parties: tuple[str, str] | None = None


class SimulateRequest(WhatIfRequest):
    """A simulation between strategies: ``POST /api/simulate``."""

    strategies: dict[str, str] = Field(default_factory=dict)
    rounds: int = Field(default=60, ge=1, le=MAX_ROUNDS)
    seed: int = Field(default=0, ge=0, le=2**32 - 1)


class EvidenceRequest(WhatIfRequest):
    """The evidence for one issue: ``POST /api/evidence``."""

    issue: str = Field(max_length=200)


BodyT = TypeVar("BodyT", bound=RequestBody)


def parse_body(raw: bytes, model: type[BodyT]) -> BodyT:
    """Decode, parse and check a JSON body; every problem names its field."""
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
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise WebError(
            400,
            "bad request",
            "the request body is not valid JSON",
            [Problem(REQUEST_FILE, error.lineno, error.colno, "", error.msg)],
        ) from None
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
