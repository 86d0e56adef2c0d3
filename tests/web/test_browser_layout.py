"""The page's layout and accessibility in a real browser (Debian's chromium + playwright):
after a simulation, no two content sections overlap at any scroll position, at phone, laptop
and desktop widths; the simulation's outcome and the evidence are readable (nothing covers
them); axe-core finds no serious or critical violation; the as-of control and the agreed
package show what the Python API computes.

Skipped off CI when playwright or chromium is missing; with ``CI`` set it fails instead.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

import pytest

import grandbargain as gb
from grandbargain import api
from grandbargain.report import agreed_package

from .browser_support import browser_missing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MISSING = browser_missing()
if MISSING and not os.environ.get("CI"):
    pytest.skip(f"browser tests need a browser: {MISSING}", allow_module_level=True)

SCENARIO = "us-china-2025"
WIDTHS = (360, 1024, 1440, 1920)
TIMEOUT_MS = 30_000


def _page(browser: Browser, server: str, width: int, errors: list[str]) -> Page:
    # bypass_csp: playwright's wait_for_function and axe evaluate scripts in the page
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/")
    page.wait_for_function("document.body.dataset.ready === '1'")
    _idle(page)
    return page


def _idle(page: Page) -> None:
    page.wait_for_function("document.body.dataset.busy !== '1'")


def _simulate(page: Page, rounds: int = 30) -> None:
    page.fill("#sim-rounds", str(rounds))
    page.click("#sim-run")
    page.wait_for_function(
        "document.querySelectorAll('#sim-transcript tbody tr').length > 0"
        " && document.querySelector('#sim-result').innerText.trim().length > 0"
    )
    _idle(page)
    page.wait_for_function("document.querySelectorAll('#evidence-list li').length > 0")


# The content sections that are not nested in another (the briefing's parts are inside it).
BOXES = """() => [...document.querySelectorAll('main section')]
    .filter(s => !s.parentElement.closest('section'))
    .filter(s => !s.hidden && s.getClientRects().length)
    .map(s => { const r = s.getBoundingClientRect();
                return {id: s.id, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })"""

COVERED = """sel => { const node = document.querySelector(sel);
    node.scrollIntoView({block: 'center'});
    const r = node.getBoundingClientRect();
    const points = [[r.left + 2, r.top + 2], [r.left + r.width / 2, r.top + r.height / 2],
                    [r.right - 2, r.bottom - 2]];
    return points.filter(([x, y]) => y >= 0 && y < innerHeight && x >= 0 && x < innerWidth)
      .filter(([x, y]) => { const hit = document.elementFromPoint(x, y);
                            return !(hit && (hit === node || node.contains(hit))); }).length; }"""


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            width = min(a["right"], b["right"]) - max(a["left"], b["left"])
            height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if width > 0.5 and height > 0.5:
                found.append((a["id"], b["id"]))
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_two_sections_overlap_at_any_scroll_position(
    browser: Browser, server: str, width: int
) -> None:
    errors: list[str] = []
    page = _page(browser, server, width, errors)
    _simulate(page)
    ids = [box["id"] for box in page.evaluate(BOXES)]
    assert {"briefing", "controls", "results", "simulation", "evidence"} <= set(ids)
    assert ids[0] == "briefing"  # answer first
    for section in ids:
        page.evaluate("id => document.getElementById(id).scrollIntoView()", section)
        page.wait_for_timeout(50)
        boxes = page.evaluate(BOXES)
        assert _overlaps(boxes) == [], (width, section, boxes)
        assert all(box["right"] <= width + 0.5 for box in boxes), (width, section, boxes)
    # nothing sticks out sideways: the page never scrolls horizontally
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for readable in ("#sim-result", "#sim-package", "#evidence-summary", "#evidence-list"):
        assert page.evaluate(COVERED, readable) == 0, (width, readable)
    assert not errors
    page.context.close()


def test_axe_core_finds_no_serious_or_critical_violation(browser: Browser, server: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    errors: list[str] = []
    for width in (360, 1440):
        page = _page(browser, server, width, errors)
        _simulate(page, rounds=10)
        results = Axe().run(page)
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], (width, bad)
        page.context.close()
    assert not errors


def test_the_page_shows_the_agreed_package_of_the_api(browser: Browser, server: str) -> None:
    errors: list[str] = []
    page = _page(browser, server, 1280, errors)
    _simulate(page, rounds=30)
    scenario = gb.load_scenario(SCENARIO)
    truth = agreed_package(
        gb.simulate(scenario, rounds=30, compare_agendas=False).to_dict(), scenario
    )
    assert page.locator("#sim-result").inner_text().startswith(truth["headline"])
    rows = page.evaluate(
        """() => [...document.querySelectorAll('#sim-package tbody tr')]
            .map(tr => [...tr.children].map(c => c.innerText.trim()))"""
    )
    assert rows == [
        [
            row["title"],
            row["label"] or "status quo",
            "agreed" if row["agreed"] else "no deal: the status quo stays",
        ]
        for row in truth["issues"]
    ]
    assert not errors
    page.context.close()


def test_the_as_of_date_recomputes_as_the_api_does(browser: Browser, server: str) -> None:
    scenario = gb.load_scenario(SCENARIO)
    day = dt.date(2025, 6, 8)
    nash = gb.analyze(scenario, as_of=day, quick=True).solutions.nash
    default = gb.analyze(scenario, quick=True).solutions.nash
    assert nash is not None and default is not None
    assert dict(nash.package) != dict(default.package)  # the date matters here
    errors: list[str] = []
    page = _page(browser, server, 1280, errors)
    page.fill("#as-of", day.isoformat())
    page.dispatch_event("#as-of", "change")
    page.wait_for_function(
        """expected => Object.entries(expected).every(([issue, option]) =>
            document.querySelector(`#solutions td[data-concept="nash"][data-issue="${issue}"]`)
              ?.dataset.option === option)""",
        arg=dict(nash.package),
    )
    _idle(page)
    assert not errors
    page.context.close()


SENTENCES = "() => [...document.querySelectorAll('#briefing .brief-text')].map(s => s.textContent)"


def _briefing_text(briefing: gb.Briefing) -> list[str]:
    return [s.text for part in briefing.sections for s in part.sentences]


def test_after_a_weight_or_condition_change_the_briefing_is_the_api_brief_of_that_what_if(
    browser: Browser, server: str
) -> None:
    scenario = gb.load_scenario(SCENARIO)
    changes = api.ScenarioChanges(weights={"China": {"rare-earths": 0}})
    changed = api.apply_changes(scenario, changes).scenario
    before = _briefing_text(gb.brief(scenario, draws=0, explain=False))
    after = _briefing_text(gb.brief(changed, draws=0, explain=False))
    assert before != after  # the change shows in the briefing
    errors: list[str] = []
    page = _page(browser, server, 1280, errors)
    page.wait_for_function(f"({SENTENCES})().length > 0")
    assert page.evaluate(SENTENCES) == before
    assert page.evaluate("document.querySelector('main section').id") == "briefing"
    weight = page.locator('input[data-weight][data-party="China"][data-issue="rare-earths"]')
    weight.fill("0")
    weight.dispatch_event("change")
    page.wait_for_function(
        f"expected => ({SENTENCES})().join('|') === expected.join('|')", arg=after
    )
    _idle(page)
    assert page.evaluate(SENTENCES) == after
    assert page.locator("#briefing").count() == 1  # replaced, not added
    # a what-if condition: the briefing is the API's under that condition
    chosen = {"allies": "defect"}
    # (under the ratification rules the quick briefing of us-china-2025 may read the same
    # under both states, so wait for the what-if's answer rather than for a change of text)
    defect = _briefing_text(gb.brief(changed, draws=0, conditions=chosen, explain=False))
    with page.expect_response(lambda r: r.url.endswith("/api/whatif")) as answer:
        page.select_option('select[data-condition="allies"]', "defect")
    assert answer.value.ok
    assert answer.value.request.post_data_json["conditions"] == chosen
    _idle(page)
    assert page.evaluate(SENTENCES) == defect
    assert not errors
    page.context.close()
