"""Monte Carlo on a Dask LocalCluster (two workers on loopback) equals the local run."""

from __future__ import annotations

import pytest

import grandbargain as gb
from grandbargain.uncertainty import UncertaintySpec, monte_carlo


def test_local_cluster_gives_the_same_results(small_spec: UncertaintySpec) -> None:
    distributed = pytest.importorskip("distributed")
    scenario = gb.load_scenario("us-china-2025")
    local = monte_carlo(scenario, small_spec, 16, seed=5)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        processes=True,
    ) as cluster:
        remote = monte_carlo(scenario, small_spec, 16, seed=5, scheduler=cluster.scheduler_address)
    assert remote.to_dict() == local.to_dict()


def test_unreachable_scheduler_is_an_input_error(small_spec: UncertaintySpec) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(gb.InputError, match="cannot reach"):
        monte_carlo(
            gb.load_scenario("us-china-2025"), small_spec, 2, seed=1, scheduler="tcp://127.0.0.1:9"
        )
