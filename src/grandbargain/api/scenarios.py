"""Loading, writing and describing scenarios: functions of :mod:`grandbargain.api`.

Each imports the engines it calls when it is called, so that importing the api stays cheap;
annotations name their types for type checkers only.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grandbargain.model.schema import Scenario


def load_scenario(ref: str | os.PathLike[str] | None = None) -> Scenario:
    """Load a scenario: a shipped name (default ``us-china-2025``), a YAML/JSON file, or a
    GENIUS domain or LLM-Deliberation game folder.

    Numbers may be written inline as distributions; the scenario holds their nominal values
    and lists the distributions under ``distributions``, each checked like the rest.
    Raises :class:`InputError` listing every problem with file, line, column and field.
    """
    if ref is not None and os.path.isdir(ref):
        from grandbargain.interop import read_folder

        return read_folder(ref)
    from grandbargain.model import loading
    from grandbargain.uncertainty.spec import CHECKS

    return loading.load_scenario(ref, CHECKS)


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Load a scenario from YAML or JSON text (for uploads and tests); see :func:`load_scenario`."""
    from grandbargain.model import loading
    from grandbargain.uncertainty.spec import CHECKS

    return loading.load_scenario_text(text, file, CHECKS)


def load_scenario_bytes(raw: bytes, file: str = "<upload>") -> Scenario:
    """Load a scenario from the bytes of an uploaded file: UTF-8 YAML or JSON text (binary
    and other encodings are input errors); see :func:`load_scenario`."""
    from grandbargain.model import loading
    from grandbargain.model.yaml_source import parse_yaml_bytes
    from grandbargain.uncertainty.spec import CHECKS

    return loading.scenario_from_document(parse_yaml_bytes(raw, file), CHECKS)


def scenario_to_yaml(scenario: Scenario) -> str:
    """YAML text of a scenario that :func:`load_scenario_text` reads back equal."""
    from grandbargain.interop import scenario_to_yaml as to_yaml

    return to_yaml(scenario)


def convert_folder(folder: str | os.PathLike[str]) -> str:
    """YAML text of the scenario read from a GENIUS or LLM-Deliberation folder."""
    from grandbargain.interop import read_folder, scenario_to_yaml

    return scenario_to_yaml(read_folder(folder))


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain JSON-ready data; loading it back gives an equal Scenario."""
    data: dict[str, Any] = scenario.model_dump(mode="json", exclude_none=True)
    return data


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the scenario file format, inline distributions included."""
    from grandbargain.model.file_schema import file_schema

    schema = file_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://grandbargain.invalid/schemas/scenario.schema.json",
        **schema,
    }


def scenario_json_text(scenario: Scenario) -> str:
    """Pretty JSON text of a scenario (what ``show --format json`` prints)."""
    return json.dumps(scenario_to_dict(scenario), indent=2, ensure_ascii=False)
