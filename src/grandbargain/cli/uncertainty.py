"""``montecarlo`` and ``sensitivity``: thin shells over the uncertainty engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import RenderableType

from grandbargain import api
from grandbargain.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    bad_option,
    emit,
    fail,
    guarded,
    loaded_scenario,
    make_console,
    option_problem,
    parse_date,
    progress_bar,
)
from grandbargain.cli.names import Names
from grandbargain.cli.uncertainty_tables import montecarlo_tables, sobol_tables, tornado_table

SpecOpt = Annotated[
    Path | None,
    typer.Option(
        "--spec",
        help="Uncertainty spec YAML, over the scenario's own distributions and assumption "
        "ranges (its entries win for the same number).",
    ),
]
SpecOnlyOpt = Annotated[
    bool,
    typer.Option("--spec-only", help="Vary only the numbers in --spec, not the scenario's own."),
]


def _spec(scenario: Any, spec: Path | None, only: bool = False) -> Any:
    if spec is None:
        if only:
            bad_option("--spec-only", "needs --spec FILE")
        return api.spec_for_scenario(scenario)
    given = api.load_spec(str(spec), scenario)
    return given if only else api.merge_specs(api.spec_for_scenario(scenario), given)


SeedOpt = Annotated[int, typer.Option(min=0, help="Seed (>= 0); same seed, same results.")]
DrawsOpt = Annotated[int, typer.Option(min=1, max=10_000_000, help="Number of draws.")]
WorkersOpt = Annotated[int | None, typer.Option(min=1, help="Worker processes (default: one).")]
SchedulerOpt = Annotated[
    str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786.")
]
SaveOpt = Annotated[Path | None, typer.Option("--save", help="Write draws as Parquet.")]
LoadOpt = Annotated[
    Path | None, typer.Option("--load", help="Reopen a saved run instead of running.")
]
SimulateOpt = Annotated[
    str | None,
    typer.Option(
        "--simulate",
        help="Also simulate talks in every draw: one strategy per party, comma-separated "
        "(one name: every party).",
    ),
]
RoundsOpt = Annotated[int, typer.Option(min=1, help="Rounds of each simulated session.")]
ForecastOpt = Annotated[
    str | None,
    typer.Option("--forecast", help="Also forecast every issue in every draw with this model."),
]


def montecarlo(
    scenario: ScenarioArg = None,
    spec: SpecOpt = None,
    spec_only: SpecOnlyOpt = False,
    draws: DrawsOpt = 1000,
    seed: SeedOpt = 0,
    as_of: AsOfOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    save: SaveOpt = None,
    load: LoadOpt = None,
    simulate: SimulateOpt = None,
    rounds: RoundsOpt = 60,
    forecast: ForecastOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Sample uncertain numbers, conditions and events; analyse every draw exactly."""
    if load is not None:
        given: dict[str, object] = {"--spec": spec, "--spec-only": spec_only or None}
        given["--as-of"] = as_of
        given |= {"--save": save, "--scheduler": scheduler}
        given |= {"--simulate": simulate, "--forecast": forecast, "--workers": workers}
        _refuse_with_load([name for name, value in given.items() if value is not None])
        result = guarded(lambda: api.load_results(load))
        _show(result.to_dict(), output)
        return
    date = parse_date(as_of, "--as-of")
    if save is not None:  # before the run: a run is never computed in vain
        guarded(lambda: api.check_output(save, "--save"))
        guarded(lambda: api.require_optional("pyarrow", "saving draws as Parquet", "--save"))
    loaded = loaded_scenario(scenario)
    chosen = guarded(lambda: _spec(loaded, spec, spec_only))
    extras = guarded(lambda: _extras(loaded, simulate, rounds, forecast))
    with progress_bar("draws", output) as tick:
        result = guarded(
            lambda: api.monte_carlo(
                loaded, chosen, draws, seed, workers, tick, scheduler, extras=extras, as_of=date
            )
        )
    unsaved: tuple[api.Problem, ...] = ()
    if save is not None:
        try:
            api.save_results(save, result)
        except api.InputError as error:  # the results are shown all the same
            unsaved = error.problems
    names = Names.of(loaded)
    _show(result.to_dict(), output, lambda shown: montecarlo_tables(shown, names))
    if unsaved:
        fail(unsaved)


def _refuse_with_load(options: list[str]) -> None:
    if options:
        message = "reopens a saved run as it was; it takes no " + ", ".join(options)
        bad_option("--load", message)


def _warn(notes: list[str]) -> None:
    """Notes on stderr, one line each, so piped table output stays clean."""
    err = make_console(stderr=True)
    for note in notes:
        err.print(f"warning: {note}", soft_wrap=True)


def _show(
    data: dict[str, Any],
    output: OutputFormat,
    tables: Callable[[dict[str, Any]], Iterable[RenderableType]] = montecarlo_tables,
) -> None:
    """JSON, or the notes as warnings and then the tables."""

    def warned() -> Iterable[RenderableType]:
        _warn(data["notes"])
        return tables(data)

    emit(data, output, warned)


def _extras(scenario: Any, simulate: str | None, rounds: int, forecast: str | None) -> Any:
    problems = []
    strategies: tuple[str, ...] = ()
    if simulate is not None:
        names = tuple(name.strip() for name in simulate.split(","))
        if len(names) == 1:
            names = names * len(scenario.parties)
        known = api.strategy_descriptions()
        unknown = f"unknown strategy; expected one of: {', '.join(known)}"
        problems += [option_problem("--simulate", unknown, n) for n in names if n not in known]
        if len(names) != len(scenario.parties):
            message = f"give one strategy per party ({len(scenario.parties)}) or one for all"
            problems.append(option_problem("--simulate", message))
        strategies = names
    if forecast is not None and forecast not in api.FORECAST_MODELS:
        message = f"unknown model; expected one of: {', '.join(api.FORECAST_MODELS)}"
        problems.append(option_problem("--forecast", message, forecast))
    if problems:
        raise api.InputError(problems)
    return api.DrawExtras(strategies=strategies, rounds=rounds, forecast=forecast)


def sensitivity(
    scenario: ScenarioArg = None,
    spec: SpecOpt = None,
    spec_only: SpecOnlyOpt = False,
    seed: Annotated[int, typer.Option(min=0, help="Seed (>= 0) of the Sobol sample.")] = 0,
    as_of: AsOfOpt = None,
    sobol: Annotated[
        int | None,
        typer.Option("--sobol", min=2, help="Sobol indices with N base samples (N x (D+2) runs)."),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Which assumptions matter most: a one-at-a-time tornado, or Sobol indices (--sobol N)."""
    date = parse_date(as_of, "--as-of")
    if sobol is not None:
        guarded(lambda: api.require_optional("SALib", "Sobol indices", "--sobol"))
    loaded = loaded_scenario(scenario)
    chosen = guarded(lambda: _spec(loaded, spec, spec_only))
    if sobol is not None:
        with progress_bar("Sobol model runs", output) as tick:
            result = guarded(lambda: api.scenario_sobol(loaded, chosen, sobol, seed, date, tick))
        data = result.to_dict()
        emit(data, output, lambda: sobol_tables(data))
        return
    with progress_bar("tornado analyses", output) as tick:
        rows = guarded(lambda: api.tornado(loaded, chosen, date, tick))
    parties = list(loaded.party_names)
    when = date or loaded.as_of
    data = {
        "schema_version": 1,
        "scenario": loaded.id,
        "as_of": None if when is None else when.isoformat(),
        "seed": seed,
        "method": "one-at-a-time (tornado); use --sobol N for variance-based indices",
        "notes": list(api.tornado_notes(chosen)),
        "rows": [
            {
                "path": r.path,
                "low": r.low,
                "high": r.high,
                "nash_at_low": r.at_low,
                "nash_at_high": r.at_high,
                "swing": {p: r.swing(p) for p in parties},
            }
            for r in rows
        ],
    }
    _show(
        data,
        output,
        lambda shown: [tornado_table(shown, parties, loaded)] if shown["rows"] else [],
    )
