"""One hostile scenario for every test that checks user text stays inert (report, web, browser).

``small.yaml`` with markup and script in the scenario title, party names, bucket and issue
titles, option labels and the first event's title, plus a U+2028 line separator (which ends a
JavaScript string in older engines).
"""

from __future__ import annotations

from typing import Any

import yaml

from .conftest import DATA

SCRIPT = "<script>alert(1)</script>"
CLOSE = "</script><script>alert(2)</script>"
IMG = "<img src=x onerror=alert(3)>"


def renamed(node: Any, names: dict[str, str]) -> Any:
    """``node`` (plain data) with each key of ``names`` replaced by its value in every string,
    mapping keys included, so the scenario stays consistent."""
    if isinstance(node, dict):
        return {renamed(k, names): renamed(v, names) for k, v in node.items()}
    if isinstance(node, list):
        return [renamed(v, names) for v in node]
    if isinstance(node, str):
        for old, new in names.items():
            node = node.replace(old, new)
        return node
    return node


def _poison(node: Any) -> Any:
    return renamed(node, {"Alpha": f"Alpha{SCRIPT}", "Beta": f"Beta{CLOSE}{IMG}"})


def hostile_data() -> dict[str, Any]:
    """The hostile scenario as plain data."""
    data: dict[str, Any] = _poison(yaml.safe_load((DATA / "small.yaml").read_text("utf-8")))
    data["title"] = f"Evil {CLOSE} & {SCRIPT} {IMG}"
    for bucket in data["buckets"]:
        bucket["title"] = f"{bucket['title']} {IMG}"
    for issue in data["issues"]:
        issue["title"] = f"{issue['title']} {CLOSE}{IMG}"
        for option in issue["options"]:
            option["label"] = f"{option['label']} {SCRIPT}\u2028"
    if data.get("events"):
        data["events"][0]["title"] = CLOSE
    return data


def hostile_yaml() -> str:
    """The hostile scenario as YAML text (it is a valid scenario)."""
    return yaml.safe_dump(hostile_data(), sort_keys=False, allow_unicode=True)
