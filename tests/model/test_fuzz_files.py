"""Fuzzing scenario files: thousands of mutated YAML files, and only InputError ever escapes.

The seeds are ``tests/model/data/small.yaml`` (every block of the format, 15 ms a load) and the
shipped ``us-china-2025`` (130 kB, about 0.6 s a load, so it gets fewer examples). Mutations
come from :mod:`tests.mutations`. Every problem must name the file, sit on a line the file has,
and print as one line. The counts are fixed and the examples derandomised, so every run checks
the same files; :data:`SMALL_TEXTS` is the bulk of the suite's fuzzing.
"""

from __future__ import annotations

from importlib import resources

from hypothesis import HealthCheck, given, settings

from grandbargain import api
from grandbargain.model.errors import InputError

from ..conftest import DATA
from ..mutations import check_input_error, mutated_bytes, mutated_text

SMALL_TEXTS = 1500
"""Mutated texts of small.yaml per run (the bulk: about 25 s)."""
SMALL_BYTES = 300
"""Mutated small.yaml files read as bytes (invalid UTF-8 and NUL bytes included)."""
US_CHINA = 16
"""Mutated copies of the shipped us-china-2025 (each load takes about 0.6 s)."""

SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")
US_CHINA_TEXT = (resources.files("grandbargain") / "scenarios" / "us-china-2025.yaml").read_text(
    encoding="utf-8"
)


def fuzz_settings(examples: int) -> settings:
    """Fixed example counts, the same examples every run, no deadline."""
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _load(text: str) -> None:
    try:
        api.load_scenario_text(text, "fuzz.yaml")
    except InputError as error:
        check_input_error(error, "fuzz.yaml", text)


@fuzz_settings(SMALL_TEXTS)
@given(mutated_text((SMALL,)))
def test_mutated_small_scenarios_raise_only_located_input_errors(text: str) -> None:
    _load(text)


@fuzz_settings(SMALL_BYTES)
@given(mutated_bytes((SMALL,)))
def test_mutated_scenario_bytes_raise_only_located_input_errors(raw: bytes) -> None:
    try:
        api.load_scenario_bytes(raw, "fuzz.yaml")
    except InputError as error:
        text = raw.decode("utf-8", "replace")
        check_input_error(error, "fuzz.yaml", text)


@fuzz_settings(US_CHINA)
@given(mutated_text((US_CHINA_TEXT,), most=2))
def test_mutated_shipped_scenario_raises_only_located_input_errors(text: str) -> None:
    _load(text)
