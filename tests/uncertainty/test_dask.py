"""Monte Carlo on a Dask LocalCluster (two workers on loopback) equals the local run."""

from __future__ import annotations

import re

import pytest

import grandbargain as gb
from grandbargain.uncertainty import UncertaintySpec, monte_carlo
from grandbargain.uncertainty.cluster import scheduler_address


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
    s = gb.load_scenario("us-china-2025")
    with pytest.raises(gb.InputError, match=re.escape("cannot reach tcp://127.0.0.1:9: ")):
        monte_carlo(s, small_spec, 2, seed=1, scheduler="127.0.0.1:9")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("scheduler.example.org:8786", "tcp://scheduler.example.org:8786"),
        ("tls://[::1]:8786", "tls://[::1]:8786"),
        (" tcp://h:1 ", "tcp://h:1"),
    ],
)
def test_scheduler_addresses_are_read_as_dask_reads_them(address: str, expected: str) -> None:
    assert str(scheduler_address(address)) == expected


@pytest.mark.parametrize(
    "address", ["", "not a url", "tcp://", "tcp://h:0", "tcp://h:x", "tcp://a b:1", "ftp://h:1"]
)
def test_malformed_scheduler_addresses_are_input_errors(address: str) -> None:
    with pytest.raises(gb.InputError, match="is not a scheduler address"):
        scheduler_address(address)
