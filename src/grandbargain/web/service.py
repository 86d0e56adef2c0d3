"""What the endpoints compute, as calls into the public API; the results as plain JSON data.

Nothing here decides anything about a negotiation: changes are applied by
:func:`grandbargain.api.apply_changes`, analyses come from :func:`grandbargain.api.analyze`
(``quick=True`` for what-if answers), the briefing from :func:`grandbargain.api.brief` (quick
mode: no draws), figures, evidence rows and the briefing's HTML from the report package.
"""

from __future__ import annotations

import hashlib
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from grandbargain import api
from grandbargain.api import Analysis, InputError, Problem, Scenario
from grandbargain.report import (
    SOLUTION_NAMES,
    build_report,
    issue_rows,
    option_labels,
    pareto_figure,
    pareto_summary,
    render_briefing_html,
)
from grandbargain.web.errors import REQUEST_FILE
from grandbargain.web.requests import (
    EvidenceRequest,
    ScenarioSource,
    SimulateRequest,
    WhatIfRequest,
)
from grandbargain.web.security import too_large


def clean_name(name: str) -> str:
    """A file name fit to label problems: the last path part, printable, at most 100 chars.
    It only labels messages; it never names a file to open."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] not in "CZ" or c == " ")
    return base.strip()[:100] or "upload.yaml"


class Scenarios:
    """Turns a request's scenario source into a Scenario.

    A shipped scenario is named by id, checked against the shipped list before loading (so no
    request reaches the file system). Uploaded text is parsed each time it is sent; the last
    ``cache_size`` parsed texts are kept in memory only, keyed by a hash of the text, so a
    run of what-if questions on one upload does not parse it again.
    """

    def __init__(self, max_text_bytes: int, cache_size: int = 8) -> None:
        self.max_text_bytes = max_text_bytes
        self.cache_size = cache_size
        self.shipped = {s.name: s for s in api.list_shipped_scenarios()}
        self._cache: OrderedDict[str, Scenario] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, source: ScenarioSource) -> Scenario:
        """The scenario a request names."""
        if source.id is not None:
            if source.id not in self.shipped:
                raise InputError(
                    [
                        Problem(
                            REQUEST_FILE,
                            0,
                            0,
                            "scenario.id",
                            f"unknown shipped scenario {source.id!r}; expected one of: "
                            + ", ".join(self.shipped),
                        )
                    ]
                )
            return api.load_scenario(source.id)
        assert source.text is not None
        raw = source.text.encode("utf-8")
        if len(raw) > self.max_text_bytes:
            raise too_large("scenario file", self.max_text_bytes)
        name = clean_name(source.name)
        text = source.text

        def load() -> Scenario:
            return api.load_scenario_text(text, name)

        return self._cached(raw, name, load)

    def upload(self, raw: bytes, name: str) -> Scenario:
        """The scenario in an uploaded file's bytes (UTF-8 YAML or JSON)."""
        if len(raw) > self.max_text_bytes:
            raise too_large("scenario file", self.max_text_bytes)
        name = clean_name(name)

        def load() -> Scenario:
            return api.load_scenario_bytes(raw, name)

        return self._cached(raw, name, load)

    def _cached(self, raw: bytes, name: str, load: Callable[[], Scenario]) -> Scenario:
        key = hashlib.sha256(name.encode() + b"\0" + raw.removeprefix(b"\xef\xbb\xbf")).hexdigest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        scenario = load()
        if self.cache_size > 0:
            with self._lock:
                self._cache[key] = scenario
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return scenario


def scenario_view(scenario: Scenario) -> dict[str, Any]:
    """What the page needs to draw the controls of a scenario."""
    return {
        "id": scenario.id,
        "title": scenario.title,
        "description": scenario.description,
        "as_of": None if scenario.as_of is None else scenario.as_of.isoformat(),
        "parties": [
            {
                "name": party.name,
                "reservation_value": party.reservation_value,
                "weights": {issue: s.weight for issue, s in party.stances.items()},
                "red_lines": {issue: list(s.red_lines) for issue, s in party.stances.items()},
            }
            for party in scenario.parties
        ],
        "issues": [
            {
                "id": issue.id,
                "title": issue.title,
                "bucket": issue.bucket,
                "options": [{"id": o.id, "label": o.label} for o in issue.options],
            }
            for issue in scenario.issues
        ],
        "conditions": [
            {
                "id": c.id,
                "title": c.title,
                "default": c.default,
                "states": [{"id": s.id, "label": s.label} for s in c.states],
            }
            for c in scenario.conditions
        ],
    }


def _parties(scenario: Scenario, chosen: tuple[str, str] | None) -> tuple[str, str]:
    names = scenario.party_names
    pair = chosen or (names[0], names[1])
    if pair[0] == pair[1] or any(p not in names for p in pair):
        raise InputError(
            [
                Problem(
                    REQUEST_FILE,
                    0,
                    0,
                    "parties",
                    f"choose two different parties of: {', '.join(names)}",
                )
            ]
        )
    return pair


def _changed(scenario: Scenario, request: WhatIfRequest) -> api.ChangedScenario:
    """The scenario with the request's changes; its condition states checked as ``analyze``
    checks them (every answer, downloads included, refuses an unknown one by name)."""
    api.state_as_of(scenario, request.as_of, request.conditions)
    return api.apply_changes(scenario, request.changes.to_api())


def _summary(analysis: Analysis) -> dict[str, Any]:
    data = analysis.to_dict()
    return {
        key: data[key]
        for key in (
            "as_of",
            "conditions",
            "applied_events",
            "package_count",
            "admissible_count",
            "feasible_count",
            "epsilon",
            "reservation",
            "ideal",
            "status_quo",
            "logroll_count",
        )
    } | {"frontier_size": len(analysis.frontier)}


def _solutions(analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for concept, name in SOLUTION_NAMES.items():
        solution = getattr(analysis.solutions, concept)
        rows.append(
            {"concept": concept, "name": name}
            | ({"package": None} if solution is None else solution.to_dict())
        )
    return rows


def _briefing(briefing: api.Briefing) -> dict[str, Any]:
    """The briefing's plain data for a what-if answer: its date, draws and every sentence's
    text by section (the page shows ``briefing_html``, the same sentences)."""
    return {
        "title": briefing.title,
        "as_of": None if briefing.as_of is None else briefing.as_of.isoformat(),
        "draws": briefing.draws,
        "sections": [
            {"id": part.id, "title": part.title, "sentences": [s.text for s in part.sentences]}
            for part in briefing.sections
        ],
    }


BRIEFING_PARTS = ("briefing", "briefing_html")
"""The parts of a what-if answer that carry the briefing (what the app's cache keeps)."""


def briefing_parts(scenario: Scenario, request: WhatIfRequest) -> dict[str, Any]:
    """The briefing of the changed ``scenario`` (quick: no draws, as of the request's date,
    under its conditions): its plain data and its HTML fragment."""
    briefing = api.brief(
        scenario, request.as_of, draws=0, conditions=request.conditions, explain=False
    )
    return {
        "briefing": _briefing(briefing),
        # autoescaped by its Jinja template: names, labels and quotes in it are text
        "briefing_html": str(render_briefing_html(briefing)),
    }


def whatif(
    scenario: Scenario, request: WhatIfRequest, briefing: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The changed scenario's briefing (``briefing``: its parts when already computed for this
    request's scenario, date and conditions; see :mod:`.briefings`), quick analysis, frontier
    figure, solutions and changed values."""
    started = time.perf_counter()
    changed = _changed(scenario, request)
    pair = _parties(changed.scenario, request.parties)
    parts = briefing if briefing is not None else briefing_parts(changed.scenario, request)
    analysis = api.analyze(changed.scenario, request.as_of, request.conditions, quick=True)
    figure, facts = pareto_figure(analysis, pair, option_labels(changed.scenario))
    nash = analysis.solutions.nash
    return {
        "scenario": {"id": scenario.id, "title": scenario.title},
        **{key: parts[key] for key in BRIEFING_PARTS},
        "parties": list(pair),
        "analysis": _summary(analysis),
        "figure": figure,
        "figure_summary": pareto_summary(facts),
        "solutions": _solutions(analysis),
        "nash_package": None
        if nash is None
        else "\n".join(f"{issue}={option}" for issue, option in nash.package.items()),
        "changed": [c.to_dict() for c in changed.changed],
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 1),
    }


def simulation(scenario: Scenario, request: SimulateRequest) -> dict[str, Any]:
    """A simulation on the changed scenario: the transcript JSON of ``simulate``."""
    changed = _changed(scenario, request).scenario
    analysis = api.analyze(changed, request.as_of, request.conditions, quick=True)
    result = api.simulate(
        changed,
        request.strategies,
        request.rounds,
        seed=request.seed,
        as_of=request.as_of,
        conditions=request.conditions,
        compare_agendas=False,
        analysis=analysis,
    )
    return result.to_dict()


def evidence(scenario: Scenario, request: EvidenceRequest) -> dict[str, Any]:
    """One issue's evidence: quotes, sources, dates, assumptions; which of its numbers the
    what-if changed (and so are no longer backed by that evidence)."""
    changed = _changed(scenario, request)
    ids = [issue.id for issue in changed.scenario.issues]
    if request.issue not in ids:
        raise InputError(
            [Problem(REQUEST_FILE, 0, 0, "issue", f"unknown issue; expected one of: {ids}")]
        )
    analysis = api.analyze(changed.scenario, request.as_of, request.conditions, quick=True)
    row = next(r for r in issue_rows(changed.scenario, analysis) if r["id"] == request.issue)
    for stance in row["stances"]:
        prefix = f"parties.{stance['party']}.stances.{request.issue}."
        stance["changed"] = [
            c.path.removeprefix(prefix) for c in changed.changed if c.path.startswith(prefix)
        ]
    return row


def scenario_yaml(scenario: Scenario, request: WhatIfRequest) -> str:
    """YAML text of the changed scenario."""
    return api.scenario_to_yaml(_changed(scenario, request).scenario)


def analysis_json(scenario: Scenario, request: WhatIfRequest) -> dict[str, Any]:
    """The full analysis (feasible count and value of linkage included) of the changed
    scenario, as ``analyze --format json`` prints it."""
    changed = _changed(scenario, request).scenario
    return api.analyze(changed, request.as_of, request.conditions).to_dict()


def report_html(scenario: Scenario, request: WhatIfRequest) -> str:
    """The offline HTML report of the changed scenario, its briefing and outlook in quick mode
    (no draws) as on the page."""
    changed = _changed(scenario, request).scenario
    pair = _parties(changed, request.parties)
    analysis = api.analyze(changed, request.as_of, request.conditions)
    outlook = api.outlook(changed, request.as_of, draws=0, conditions=request.conditions)
    briefing = api.briefing_of(outlook, changed)
    return build_report(changed, analysis, parties=pair, briefing=briefing, outlook=outlook)
