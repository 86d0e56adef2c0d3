"""``montecarlo`` and ``sensitivity``: thin shells over the uncertainty engine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from grandbargain import api
from grandbargain.api import Problem
from grandbargain.cli.common import (
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    fail,
    guarded,
    make_console,
    print_json,
    progress_bar,
)

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
            fail([Problem("--spec-only", 0, 0, "", "needs --spec FILE")])
        return api.spec_for_scenario(scenario)
    given = api.load_spec(str(spec), scenario)
    return given if only else api.merge_specs(api.spec_for_scenario(scenario), given)


def montecarlo(
    scenario: ScenarioArg = None,
    spec: SpecOpt = None,
    spec_only: SpecOnlyOpt = False,
    draws: Annotated[int, typer.Option(min=1, max=10_000_000, help="Number of draws.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed; same seed, same results.")] = 0,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: one).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    ] = None,
    save: Annotated[Path | None, typer.Option("--save", help="Write draws as Parquet.")] = None,
    load: Annotated[
        Path | None, typer.Option("--load", help="Reopen a saved run instead of running.")
    ] = None,
    simulate: Annotated[
        str | None,
        typer.Option(
            "--simulate",
            help="Also simulate talks in every draw: one strategy per party, comma-separated "
            "(one name: every party).",
        ),
    ] = None,
    rounds: Annotated[int, typer.Option(min=1, help="Rounds of each simulated session.")] = 60,
    forecast: Annotated[
        str | None,
        typer.Option("--forecast", help="Also forecast every issue in every draw with this model."),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Sample uncertain numbers, conditions and events; analyse every draw exactly."""
    if load is not None:
        if not load.is_file():
            fail([Problem(str(load), 0, 0, "--load", "no such file")])
        result = guarded(lambda: api.load_results(load))
    else:
        loaded = guarded(lambda: api.load_scenario(scenario))
        chosen = guarded(lambda: _spec(loaded, spec, spec_only))
        extras = guarded(lambda: _extras(loaded, simulate, rounds, forecast))
        with progress_bar("draws") as tick:
            result = guarded(
                lambda: api.monte_carlo(
                    loaded, chosen, draws, seed, workers, tick, scheduler, extras=extras
                )
            )
        if save is not None:
            if not save.parent.is_dir():
                fail([Problem(str(save), 0, 0, "--save", "the folder does not exist")])
            api.save_results(save, result)
    data = result.to_dict()
    if output is OutputFormat.JSON:
        print_json(data)
        return
    _print_tables(data)


def _extras(scenario: Any, simulate: str | None, rounds: int, forecast: str | None) -> Any:
    problems = []
    strategies: tuple[str, ...] = ()
    if simulate is not None:
        names = tuple(name.strip() for name in simulate.split(","))
        if len(names) == 1:
            names = names * len(scenario.parties)
        known = api.strategy_descriptions()
        problems += [
            Problem(
                "--simulate", 0, 0, name, f"unknown strategy; expected one of: {', '.join(known)}"
            )
            for name in names
            if name not in known
        ]
        if len(names) != len(scenario.parties):
            problems.append(
                Problem(
                    "--simulate",
                    0,
                    0,
                    "",
                    f"give one strategy per party ({len(scenario.parties)}) or one for all",
                )
            )
        strategies = names
    if forecast is not None and forecast not in api.FORECAST_MODELS:
        problems.append(
            Problem(
                "--forecast",
                0,
                0,
                forecast,
                f"unknown model; expected one of: {', '.join(api.FORECAST_MODELS)}",
            )
        )
    if problems:
        raise api.InputError(problems)
    return api.DrawExtras(strategies=strategies, rounds=rounds, forecast=forecast)


QUANTILES = ("q05", "q50", "q95")


def _print_tables(data: dict[str, Any]) -> None:
    out = make_console()
    out.print(
        f"{data['scenario']}: {data['draws']} draws, seed {data['seed']}; a feasible package "
        f"exists in {100 * data['feasible_probability']:.1f}% of draws",
        markup=False,
    )
    table = Table(title="Most likely option per issue (probability) under each solution")
    table.add_column("issue")
    concepts = list(data["option_probabilities"])
    for concept in concepts:
        table.add_column(concept)
    issues = list(next(iter(data["option_probabilities"].values())))
    for issue in issues:
        cells = []
        for concept in concepts:
            options = data["option_probabilities"][concept][issue]
            best = max(options, key=options.get)
            cells.append(f"{best} ({options[best]:.2f})")
        table.add_row(issue, *cells)
    out.print(table)
    utilities = Table(title="Utility under Nash: 5%, median, 95%")
    for column in ("party", "q05", "q50", "q95"):
        utilities.add_column(column)
    for party, q in data["utilities"].get("nash", {}).items():
        utilities.add_row(party, *("-" if q[k] is None else f"{q[k]:.3f}" for k in QUANTILES))
    out.print(utilities)
    rolls = Table(title="Logrolls that hold in most draws")
    rolls.add_column("trade")
    rolls.add_column("share of draws", justify="right")
    for key, share in list(data["logrolls"].items())[:10]:
        rolls.add_row(key, f"{share:.2f}")
    out.print(rolls)
    if "simulation" in data:
        sim = data["simulation"]
        title = (
            f"Simulated talks: agreement in {100 * sim['agreement_probability']:.1f}% of draws; "
            "utility when they agree (5%, median, 95%)"
        )
        table = Table(title=title)
        for column in ("party", "q05", "q50", "q95"):
            table.add_column(column)
        for party, q in sim["utilities"].items():
            if q["n"]:
                table.add_row(party, f"{q['q05']:.3f}", f"{q['q50']:.3f}", f"{q['q95']:.3f}")
        out.print(table)
    if "forecast" in data:
        table = Table(title=f"Forecast ({data['forecast']['model']}): 5%, median, 95% position")
        for column in ("issue", "q05", "q50", "q95"):
            table.add_column(column)
        for issue, q in data["forecast"]["issues"].items():
            table.add_row(issue, f"{q['q05']:.1f}", f"{q['q50']:.1f}", f"{q['q95']:.1f}")
        out.print(table)


def sensitivity(
    scenario: ScenarioArg = None,
    spec: SpecOpt = None,
    spec_only: SpecOnlyOpt = False,
    seed: Annotated[int, typer.Option(help="Seed of the Sobol sample.")] = 0,
    sobol: Annotated[
        int | None,
        typer.Option("--sobol", min=2, help="Sobol indices with N base samples (N x (D+2) runs)."),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Which assumptions matter most: a one-at-a-time tornado, or Sobol indices (--sobol N)."""
    loaded = guarded(lambda: api.load_scenario(scenario))
    chosen = guarded(lambda: _spec(loaded, spec, spec_only))
    if sobol is not None:
        _sobol(loaded, chosen, sobol, seed, output)
        return
    rows = guarded(lambda: api.tornado(loaded, chosen))
    parties = loaded.party_names
    data: dict[str, Any] = {
        "schema_version": 1,
        "scenario": loaded.id,
        "seed": seed,
        "method": "one-at-a-time (tornado); use --sobol N for variance-based indices",
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
    if output is OutputFormat.JSON:
        print_json(data)
        return
    table = Table(title="Tornado: swing in each party's Nash utility, largest first")
    table.add_column("number")
    table.add_column("range")
    for party in parties:
        table.add_column(f"{party} swing", justify="right")

    def size(row: dict[str, Any]) -> float:
        return max((abs(v) for v in row["swing"].values() if v is not None), default=0.0)

    table_rows: list[dict[str, Any]] = data["rows"]
    for row in sorted(table_rows, key=size, reverse=True):
        swings = ["-" if row["swing"][p] is None else f"{row['swing'][p]:+.4f}" for p in parties]
        table.add_row(row["path"], f"{row['low']:g}..{row['high']:g}", *swings)
    make_console().print(table)


def _sobol(scenario: Any, spec: Any, n: int, seed: int, output: OutputFormat) -> None:
    from grandbargain.api import scenario_sobol

    data = guarded(lambda: scenario_sobol(scenario, spec, n, seed)).to_dict()
    if output is OutputFormat.JSON:
        print_json(data)
        return
    out = make_console()
    out.print(
        f"Sobol indices: {data['sample_size']} base samples, {data['model_runs']} model "
        f"runs, seed {data['seed']}; +- is the 95% confidence half-width",
        markup=False,
    )
    for note in data["notes"]:
        out.print(f"note: {note}", markup=False)
    for item in data["outputs"]:
        if not item["output"].startswith("nash:"):
            continue
        table = Table(title=f"Total and first-order indices of {item['output']}")
        for column in ("number", "total", "first order"):
            table.add_column(column)
        order = sorted(item["total"], key=lambda k: item["total"][k], reverse=True)
        for name in order[:15]:
            table.add_row(
                name,
                f"{item['total'][name]:.3f} +- {item['total_conf'][name]:.3f}",
                f"{item['first'][name]:.3f} +- {item['first_conf'][name]:.3f}",
            )
        out.print(table)
