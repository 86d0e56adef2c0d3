"""Importers for foreign negotiation formats, and a YAML writer for what they produce.

* :func:`read_folder` reads a GENIUS / ANAC domain folder (:mod:`.genius`) or an
  LLM-Deliberation game folder (:mod:`.llm_deliberation`), whichever the folder is.
* :func:`scenario_to_yaml` writes any scenario as YAML that loads back to an equal scenario.
* :mod:`.forecast_files` reads the forecasting models' input files (actor, KTAB and Decide
  CSV) and :mod:`.points_csv` Adjusted Winner points tables: file formats live here, at the
  edge, and the engines (``forecast``, ``solve``) never read files.

Both importers document their formats' sources and their utility formulas in their module
notes; ``docs/how-to/import-genius-and-llm-deliberation.md`` explains how to use them.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from grandbargain.interop._common import existing_folder, fail
from grandbargain.interop.genius import is_genius_folder, read_genius_folder
from grandbargain.interop.llm_deliberation import (
    is_llm_deliberation_folder,
    read_initial_deal,
    read_llm_deliberation_folder,
)
from grandbargain.model.schema import Scenario

__all__ = [
    "is_genius_folder",
    "is_llm_deliberation_folder",
    "read_folder",
    "read_genius_folder",
    "read_initial_deal",
    "read_llm_deliberation_folder",
    "scenario_to_yaml",
]


def read_folder(path: str | os.PathLike[str]) -> Scenario:
    """Read a folder in a supported foreign format into a :class:`Scenario`.

    An LLM-Deliberation game (``config.txt`` and ``scores_files/``) is recognised first, then a
    GENIUS domain (XML utility spaces). Raises :class:`~grandbargain.model.errors.InputError`
    when the folder is missing, is neither, or holds bad data.
    """
    folder: Path = existing_folder(path)
    if is_llm_deliberation_folder(folder):
        return read_llm_deliberation_folder(folder)
    if is_genius_folder(folder):
        return read_genius_folder(folder)
    raise fail(
        folder,
        "folder is neither a GENIUS domain nor an LLM-Deliberation game: expected XML files "
        "with a <utility_space> (a domain file and one profile per party), or config.txt "
        "with a scores_files/ folder",
    )


def scenario_to_yaml(scenario: Scenario) -> str:
    """The scenario as YAML text that :func:`grandbargain.load_scenario_text` reads back equal."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
