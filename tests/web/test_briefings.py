"""The app's cache of what-if briefings: bounded and least-recently-used, keyed by what the
briefing depends on, one per app, and never serving a briefing of another question."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

import grandbargain as gb
from grandbargain import api
from grandbargain.web import create_app
from grandbargain.web.app import web_context_of
from grandbargain.web.briefings import BriefingCache, briefing_key
from grandbargain.web.requests import WhatIfRequest

from .app_support import SHIPPED, US
from .conftest import BASE_URL

SCENARIO = gb.load_scenario(US)


def test_the_cache_keeps_the_most_recently_used_and_counts_lookups() -> None:
    cache = BriefingCache(3)
    for key in "abcd":
        cache.put(key, {"briefing": key})
    assert len(cache) == 3 and cache.get("a") is None  # the oldest went
    assert cache.get("b") == {"briefing": "b"}  # b is now the most recent
    cache.put("e", {"briefing": "e"})
    assert cache.get("c") is None and cache.get("b") is not None
    assert (cache.hits, cache.misses) == (2, 2)
    empty = BriefingCache(0)
    empty.put("a", {})
    assert len(empty) == 0 and empty.get("a") is None


def _asked(**body: Any) -> WhatIfRequest:
    return WhatIfRequest.model_validate({"scenario": SHIPPED, **body})


def test_the_key_is_what_the_briefing_depends_on() -> None:
    change = {"weights": {"China": {"rare-earths": 0, "tiktok-cloud": 5}}}
    same = {"weights": {"China": {"tiktok-cloud": 5, "rare-earths": 0}}}  # other key order
    key = briefing_key(_asked(changes=change))
    assert briefing_key(_asked(changes=same)) == key
    assert briefing_key(_asked(changes=change, parties=["China", "United States"])) == key
    others = [
        _asked(),
        _asked(changes={"weights": {"China": {"rare-earths": 1, "tiktok-cloud": 5}}}),
        _asked(changes=change, as_of="2025-06-08"),
        _asked(changes=change, conditions={"allies": "defect"}),
        WhatIfRequest.model_validate(
            {"scenario": {"text": api.scenario_to_yaml(SCENARIO)}, "changes": change}
        ),
    ]
    keys = {briefing_key(asked) for asked in others}
    assert len(keys) == len(others) and key not in keys


def _sentences(body: dict[str, Any]) -> list[list[str]]:
    return [part["sentences"] for part in body["briefing"]["sections"]]


def _truth(changes: api.ScenarioChanges, conditions: dict[str, str]) -> list[list[str]]:
    changed = api.apply_changes(SCENARIO, changes).scenario
    briefing = gb.brief(changed, draws=0, conditions=conditions, explain=False)
    return [[s.text for s in part.sentences] for part in briefing.sections]


def test_a_repeated_what_if_takes_its_briefing_from_the_cache_and_no_other_does() -> None:
    app = create_app(workers=1, processes=False)
    other = create_app(workers=1, processes=False)
    change = {"weights": {"China": {"rare-earths": 0}}}
    with TestClient(app, base_url=BASE_URL) as client, TestClient(other, base_url=BASE_URL) as two:
        cache = web_context_of(app).briefings
        first = client.post("/api/whatif", json={"scenario": SHIPPED, "changes": change})
        again = client.post("/api/whatif", json={"scenario": SHIPPED, "changes": change})
        assert first.status_code == again.status_code == 200
        assert (cache.hits, cache.misses, len(cache)) == (1, 1, 1)
        truth = _truth(api.ScenarioChanges(weights={"China": {"rare-earths": 0}}), {})
        assert _sentences(first.json()) == _sentences(again.json()) == truth
        skip = {"elapsed_ms"}
        assert {k: v for k, v in first.json().items() if k not in skip} == {
            k: v for k, v in again.json().items() if k not in skip
        }
        # another condition is another question: computed, not served from the cache
        chosen = {"allies": "defect"}
        body = {"scenario": SHIPPED, "changes": change, "conditions": chosen}
        under = client.post("/api/whatif", json=body).json()
        assert cache.misses == 2
        assert _sentences(under) == _truth(
            api.ScenarioChanges(weights={"China": {"rare-earths": 0}}), chosen
        )
        assert under["solutions"] != first.json()["solutions"]  # the condition reached it
        # a refused question leaves nothing in the cache
        bad = {"scenario": SHIPPED, "conditions": {"allies": "vanished"}}
        assert client.post("/api/whatif", json=bad).status_code == 422
        assert len(cache) == 2
        # each app has its own cache
        two.post("/api/whatif", json={"scenario": SHIPPED, "changes": change})
        assert web_context_of(other).briefings.misses == 1
        assert web_context_of(other).briefings.hits == 0
