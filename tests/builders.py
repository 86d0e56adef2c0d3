"""Shared hypothesis builders: random valid scenarios as plain data (Axelrod's property.py)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


@st.composite
def scenario_data(
    draw: st.DrawFn,
    parties: tuple[int, int] = (2, 4),
    issues: tuple[int, int] = (1, 5),
    options: tuple[int, int] = (2, 4),
    links: bool = True,
    quota: bool = False,
) -> dict[str, Any]:
    """A valid scenario with red lines, interactions, constraints, ties and a status quo."""
    n_parties = draw(st.integers(*parties))
    n_issues = draw(st.integers(*issues))
    names = [f"P{k}" for k in range(n_parties)]
    issue_list = []
    for i in range(n_issues):
        n_options = draw(st.integers(*options))
        issue_list.append(
            {
                "id": f"i{i}",
                "title": f"Issue {i}",
                "bucket": f"b{i % 2}",
                "status_quo": f"o{draw(st.integers(0, n_options - 1))}",
                "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(n_options)],
            }
        )
    value = st.sampled_from([0, 25, 50, 50, 75, 100]) | st.integers(0, 100)
    party_list = []
    for name in names:
        weights = draw(st.lists(st.integers(0, 10), min_size=n_issues, max_size=n_issues))
        if sum(weights) == 0:
            weights[0] = 1
        stances = {}
        for i, issue in enumerate(issue_list):
            option_ids = [o["id"] for o in issue["options"]]
            red = draw(st.lists(st.sampled_from(option_ids), max_size=1, unique=True))
            if draw(st.integers(0, 4)) > 0:
                red = []
            stances[issue["id"]] = {
                "weight": weights[i],
                "values": {o: draw(value) for o in option_ids},
                "red_lines": red,
            }
        party_list.append({"name": name, "stances": stances})
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "random",
        "title": "Random scenario",
        "buckets": [{"id": "b0", "title": "B0"}, {"id": "b1", "title": "B1"}],
        "issues": issue_list,
        "parties": party_list,
    }
    if links and n_issues >= 2:
        interactions, constraints = [], []
        for k in range(draw(st.integers(0, 2))):
            a, b = draw(st.lists(st.integers(0, n_issues - 1), min_size=2, max_size=2, unique=True))
            when = {
                f"i{a}": f"o{draw(st.integers(0, len(issue_list[a]['options']) - 1))}",
                f"i{b}": f"o{draw(st.integers(0, len(issue_list[b]['options']) - 1))}",
            }
            gains = {name: draw(st.sampled_from([-0.05, 0.0, 0.02, 0.05])) for name in names}
            interactions.append({"id": f"x{k}", "when": when, "utilities": gains})
        for k in range(draw(st.integers(0, 1))):
            a, b = draw(st.lists(st.integers(0, n_issues - 1), min_size=2, max_size=2, unique=True))
            n_b = len(issue_list[b]["options"])
            allowed = draw(st.lists(st.integers(0, n_b - 1), min_size=1, max_size=n_b, unique=True))
            constraints.append(
                {
                    "id": f"c{k}",
                    "when": {
                        f"i{a}": f"o{draw(st.integers(0, len(issue_list[a]['options']) - 1))}"
                    },
                    "requires": {f"i{b}": [f"o{x}" for x in allowed]},
                }
            )
        data["linkages"] = {"interactions": interactions, "constraints": constraints}
    if quota and n_parties >= 3:
        data["acceptance"] = {"rule": "quota", "quota": n_parties - 1, "veto": [names[0]]}
    return data


def random_additive(
    seed: int,
    n_issues: int,
    n_options: int,
    n_parties: int = 2,
    integer: bool = False,
    status_quo: str = "o0",
) -> dict[str, Any]:
    """A random additive scenario (numpy-seeded) with uniform weights and values."""
    import numpy as np

    rng = np.random.default_rng(seed)

    def weight() -> float:
        return int(rng.integers(1, 10)) if integer else float(rng.uniform(0.1, 1))

    def value() -> float:
        return int(rng.integers(0, 101)) if integer else float(rng.uniform(0, 100))

    return {
        "schema_version": 1,
        "id": "random",
        "title": "Random additive scenario",
        "buckets": [{"id": "b", "title": "b"}],
        "issues": [
            {
                "id": f"i{i}",
                "title": f"Issue {i}",
                "bucket": "b",
                "status_quo": status_quo,
                "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(n_options)],
            }
            for i in range(n_issues)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "stances": {
                    f"i{i}": {
                        "weight": weight(),
                        "values": {f"o{k}": value() for k in range(n_options)},
                    }
                    for i in range(n_issues)
                },
            }
            for p in range(n_parties)
        ],
    }
