"""Large two-party spaces: memory follows the frontier, not frontier x issues."""

from __future__ import annotations

import tracemalloc

from grandbargain.model.schema import Scenario
from grandbargain.solve.concepts import choose
from grandbargain.solve.frontier import pareto_frontier
from grandbargain.solve.units import build_units
from grandbargain.space import build_space, package_utilities

from ..builders import random_additive


def test_300_issues_keep_back_pointers_not_package_rows() -> None:
    space = build_space(Scenario.model_validate(random_additive(15, 300, 10)))
    units = build_units(space)
    tracemalloc.start()
    try:
        frontier = pareto_frontier(units, space.n_issues, space.n_parties)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert frontier.exact and len(frontier) > 10_000
    # a package matrix copied at every merge held frontier x issues x 8 bytes at once (about
    # 230 MB here); back-pointers hold 4 bytes per point and merge
    assert peak < 64 * 2**20, peak
    choice = choose(frontier, space.reservation).nash
    assert choice is not None
    package = frontier.package(choice.row)
    assert (package >= 0).all()
    direct = package_utilities(space, package[None, :])[0]
    assert abs(direct - frontier.utilities[choice.row]).max() < 1e-12
