"""The briefing in one call: the outlook on a date, the diff since an earlier one, and the
sentences built from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from grandbargain.brief.build import build_briefing
from grandbargain.brief.result import Briefing
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario
from grandbargain.outlook import DRAWS
from grandbargain.outlook import outlook as run_outlook
from grandbargain.solve.diff import diff


def _date(value: dt.date | str | None, option: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        message = f"{value!r} is not a date; expected YYYY-MM-DD"
        raise InputError([Problem(option, 0, 0, "", message)]) from None


def checked_dates(
    scenario: Scenario, as_of: dt.date | str | None, since: dt.date | str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The briefing's date (default: the scenario's own) and the earlier date to compare
    with; a date that is not one, or ``since`` after the briefing's date, is an input error
    naming ``--since`` or ``--as-of``."""
    end = _date(as_of, "--as-of")
    start = _date(since, "--since")
    end = end if end is not None else scenario.as_of
    if start is None:
        return end, None
    if end is None:
        message = "the scenario has no date of its own; give --as-of with --since"
        raise InputError([Problem("--since", 0, 0, "", message)])
    if start > end:
        message = (
            f"{start.isoformat()} is after the briefing's date {end.isoformat()} (--as-of); "
            "give an earlier date"
        )
        raise InputError([Problem("--since", 0, 0, "", message)])
    return end, start


def brief(
    scenario: Scenario,
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
    draws: int = DRAWS,
    seed: int = 0,
    *,
    conditions: Mapping[str, str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    explain: bool = True,
) -> Briefing:
    """The briefing of ``scenario`` as of ``as_of`` (default: the scenario's date): the
    outlook over ``draws`` Monte Carlo draws seeded by ``seed`` (0: once, on the nominal
    numbers; ``workers`` processes and ``progress(done, total)`` calls as for
    :func:`grandbargain.outlook.outlook`) told in sentences, and with ``since`` what changed
    between that earlier date and ``as_of`` (:func:`grandbargain.solve.diff.diff`), both
    under ``conditions`` (condition -> state, fixed as ``analyze`` fixes them). Bad dates,
    ``since`` after ``as_of``, negative draws or seeds and unknown conditions or states are
    an :class:`InputError`.
    Without ``explain`` (quick) the blockers are not named."""
    end, start = checked_dates(scenario, as_of, since)
    found = run_outlook(
        scenario,
        end,
        draws,
        seed,
        conditions=conditions,
        workers=workers,
        progress=progress,
        explain=explain,
    )
    changes = None if start is None or end is None else diff(scenario, start, end, conditions)
    return build_briefing(found, scenario, changes)
