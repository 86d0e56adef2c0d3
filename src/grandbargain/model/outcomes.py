"""Outcome files: what stood on a date, issue by issue, for scoring forecasts (backtests).

An outcomes file names a scenario and a date and records, for each issue it scores, the option
that stood on that date or a position on the issue's 0-100 position scale, backed by quotes
from the scenario's sources or marked as an assumption. Issues left out are "not scored"
(never "no change"). A shipped scenario may ship its outcomes beside it as
``scenarios/NAME.outcomes.yaml``.

Loading checks the shape of the file (:class:`Outcomes`, all errors at once, unknown keys
included), then the file against the scenario (:func:`outcome_findings`); every problem
names the file, line, column and field, as for scenario files. :func:`dated_problems`
checks the file against the dates a forecast is made on.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, ValidationError, model_validator

from grandbargain.model.errors import InputError, Problem
from grandbargain.model.loading import (
    problems_from_pydantic,
    shipped_folder,
    without_unknown_keys,
)
from grandbargain.model.outcome_checks import outcome_findings
from grandbargain.model.schema import MAX_QUOTE_WORDS, Frozen, Id, Scenario, Text
from grandbargain.model.timeline import state_as_of
from grandbargain.model.yaml_source import (
    Path,
    YamlDocument,
    format_path,
    parse_yaml_bytes,
    parse_yaml_text,
    read_yaml_file,
)

OUTCOMES_SCHEMA_VERSION = 1
OUTCOMES_SUFFIX = ".outcomes.yaml"


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number on the 0-100 position scale, not true/false")
    return value


class Quote(Frozen):
    """A verbatim passage of one of the scenario's sources."""

    source: Id = Field(description="Id of a source declared in the scenario.")
    quote: Text = Field(
        min_length=1, description=f"Verbatim passage, at most {MAX_QUOTE_WORDS} words."
    )

    @model_validator(mode="after")
    def _short(self) -> Quote:
        words = len(self.quote.split())
        if words > MAX_QUOTE_WORDS:
            raise ValueError(f"quote has {words} words; at most {MAX_QUOTE_WORDS} allowed")
        return self


class Reasoning(Frozen):
    """The analyst's judgement of what stood, where no source says it."""

    reasoning: Text = Field(min_length=1, description="Why the outcome is what it is.")


class Outcome(Frozen):
    """What stood on one issue: an option, or a position on the issue's position scale."""

    issue: Id = Field(description="Id of an issue of the scenario.")
    option: Id | None = Field(default=None, description="Id of the option that stood.")
    position: Annotated[float | None, BeforeValidator(_not_bool)] = Field(
        default=None,
        ge=0,
        le=100,
        description="Where the outcome lies on the issue's 0-100 position scale, when it lies "
        "between options (give option or position, not both).",
    )
    evidence: tuple[Quote, ...] | None = Field(
        default=None, min_length=1, description="Quotes that show the outcome."
    )
    assumption: Reasoning | None = Field(
        default=None, description="The analyst's judgement (give evidence or assumption)."
    )
    note: Text | None = Field(default=None, description="How the outcome was read or computed.")

    @model_validator(mode="after")
    def _one_of_each(self) -> Outcome:
        if (self.option is None) == (self.position is None):
            raise ValueError("give either option or position (exactly one of them)")
        if (self.evidence is None) == (self.assumption is None):
            raise ValueError("give either evidence or assumption (exactly one of them)")
        return self


class Outcomes(Frozen):
    """An outcomes file: what stood on `date` on the issues it scores (issues left out are
    not scored)."""

    # Loaded with grandbargain.load_outcomes, it remembers where each field was written, so
    # that later checks (an as-of date after `date`) name the file and line.

    schema_version: Literal[1] = Field(description="Version of this file format.")
    scenario: Id = Field(description="Id of the scenario the outcomes are for.")
    date: dt.date = Field(description="What stood on this date (ISO YYYY-MM-DD).")
    outcomes: tuple[Outcome, ...] = Field(
        min_length=1, description="One entry per scored issue; issues left out are not scored."
    )
    _document: YamlDocument | None = PrivateAttr(default=None)

    @property
    def issues(self) -> tuple[str, ...]:
        """The scored issues, in file order."""
        return tuple(outcome.issue for outcome in self.outcomes)

    @property
    def file(self) -> str:
        """The file the outcomes were read from (``<outcomes>`` when built in Python)."""
        return "<outcomes>" if self._document is None else self._document.file

    def problem(self, path: Path, message: str) -> Problem:
        """A problem at a field of the file (its line and column when loaded from one)."""
        if self._document is None:
            return Problem(self.file, 0, 0, format_path(path), message)
        return self._document.problem(path, message)


_FIELDS: dict[str, type[Frozen]] = {
    "": Outcomes,
    "outcome": Outcome,
    "evidence": Quote,
    "assumption": Reasoning,
}


def allowed_outcome_fields(path: Path) -> list[str]:
    """Field names an outcomes file allows at ``path`` (empty when unknown)."""
    if len(path) == 0:
        kind = ""
    elif len(path) == 2 and path[0] == "outcomes":
        kind = "outcome"
    elif len(path) == 4 and path[2] == "evidence":
        kind = "evidence"
    elif len(path) == 3 and path[2] == "assumption":
        kind = "assumption"
    else:
        return []
    return sorted(_FIELDS[kind].model_fields)


def outcomes_from_document(document: YamlDocument, scenario: Scenario) -> Outcomes:
    """Validate parsed YAML into :class:`Outcomes` and check it against ``scenario``."""
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        message = f"top level is a {kind}; expected a mapping of outcome-file fields"
        raise InputError([document.problem((), message)])
    try:
        outcomes = Outcomes.model_validate(document.data)
    except ValidationError as error:
        problems = problems_from_pydantic(error, document, allowed_outcome_fields)
        pruned = without_unknown_keys(document.data, error)
        if pruned is not None:  # only unknown keys: the rest can still be checked
            try:
                partial = Outcomes.model_validate(pruned)
            except ValidationError:
                pass
            else:
                problems += [document.problem(p, m) for p, m in outcome_findings(partial, scenario)]
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column))) from None
    findings = outcome_findings(outcomes, scenario)
    if findings:
        raise InputError([document.problem(path, message) for path, message in findings])
    outcomes._document = document
    return outcomes


def load_outcomes(path: str | os.PathLike[str], scenario: Scenario) -> Outcomes:
    """Read an outcomes file (YAML or JSON) and check it against ``scenario``.

    Raises :class:`InputError` listing every problem with file, line, column and field.
    """
    return outcomes_from_document(read_yaml_file(os.fspath(path)), scenario)


def load_outcomes_text(text: str, scenario: Scenario, file: str = "<text>") -> Outcomes:
    """Outcomes from YAML or JSON text (for uploads and tests); see :func:`load_outcomes`."""
    return outcomes_from_document(parse_yaml_text(text, file), scenario)


def shipped_outcomes(scenario: Scenario) -> Outcomes | None:
    """The outcomes file shipped beside the scenario with this id, checked against
    ``scenario``; None when none ships."""
    name = f"{scenario.id}{OUTCOMES_SUFFIX}"
    entry = shipped_folder() / name
    if not entry.is_file():
        return None
    return outcomes_from_document(parse_yaml_bytes(entry.read_bytes(), name), scenario)


def checked_outcomes(outcomes: Outcomes, scenario: Scenario) -> Outcomes:
    """``outcomes`` (built or loaded elsewhere) after checking it against ``scenario``."""
    findings = outcome_findings(outcomes, scenario)
    if findings:
        raise InputError([outcomes.problem(path, message) for path, message in findings])
    return outcomes


NO_OUTCOMES = (
    "no outcomes file given, and the scenario ships none. Write one - schema_version: 1, "
    "scenario: {scenario}, date: YYYY-MM-DD, and under outcomes: one entry per issue with "
    "issue, option (or position), and evidence (or assumption) - then run "
    "`grandbargain backtest {scenario} FILE`. See docs/how-to/backtest-a-forecast.md; "
    "`grandbargain schema --outcomes` prints the format's JSON Schema."
)


def no_outcomes_message(scenario: str) -> str:
    """What to say when a backtest has no outcomes: how to write a file."""
    return NO_OUTCOMES.format(scenario=scenario)


def outcomes_beside(scenario_file: str | os.PathLike[str]) -> str | None:
    """``NAME.outcomes.yaml`` beside a scenario file ``NAME.yaml`` (or ``.yml``, ``.json``),
    when there is one."""
    path = os.fspath(scenario_file)
    stem, extension = os.path.splitext(path)
    if extension.lower() not in (".yaml", ".yml", ".json") or not os.path.isfile(path):
        return None
    candidate = stem + OUTCOMES_SUFFIX
    return candidate if os.path.isfile(candidate) else None


def dated_problems(
    outcomes: Outcomes, scenario: Scenario, dates: Sequence[dt.date]
) -> list[Problem]:
    """Problems with scoring forecasts made on ``dates``: a date after the outcomes' own (a
    forecast must come before what it is scored on), or a scored issue without a status quo
    on a date (direction and "no change" are measured from it)."""
    problems = []
    for date in sorted(set(dates)):
        if date > outcomes.date:
            message = (
                f"the outcomes record {outcomes.date}; --as-of {date} is after it: a forecast "
                "is scored only on what happened after it was made"
            )
            problems.append(outcomes.problem(("date",), message))
            continue
        status_quo = state_as_of(scenario, date).status_quo
        for k, outcome in enumerate(outcomes.outcomes):
            if outcome.issue not in status_quo:
                message = (
                    f"issue {outcome.issue!r} has no status quo on {date}; a backtest measures "
                    "change from it"
                )
                problems.append(outcomes.problem(("outcomes", k, "issue"), message))
    return problems


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema = Outcomes.model_json_schema()
    outcome = schema["$defs"]["Outcome"]
    outcome["allOf"] = [
        {"oneOf": [{"required": ["option"]}, {"required": ["position"]}]},
        {"oneOf": [{"required": ["evidence"]}, {"required": ["assumption"]}]},
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://grandbargain.invalid/schemas/outcomes.schema.json",
        **schema,
    }


def outcomes_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the outcomes file format."""
    return copy.deepcopy(_schema())
