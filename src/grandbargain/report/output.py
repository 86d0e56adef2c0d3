"""Escaping for text that lands in scripts, hover labels and the embedded plotly bundle.

Writing the finished page is the caller's job: ``api.write_output`` writes it atomically.
"""

from __future__ import annotations

import html
import importlib
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

_SCRIPT_CLOSE = re.compile(r"</(script)", re.IGNORECASE)


def json_for_script(data: Any) -> Markup:
    """JSON safe to place inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (and the JS line
    separators are escaped too), so a ``</script>`` or ``<!--`` in user text stays inert.
    """
    text = json.dumps(_finite(data), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    text = (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return Markup(text)  # every markup character is escaped above


def _finite(data: Any) -> Any:
    """``data`` with NaN and infinities replaced by None (JSON has no such numbers)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, Mapping):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    return data


def hover_text(package: Mapping[str, str], labels: Mapping[tuple[str, str], str]) -> str:
    """Plotly hover text of a package: one escaped ``issue: option`` line per issue."""
    lines = []
    for issue, option in package.items():
        label = labels.get((issue, option), option)
        lines.append(f"{html.escape(issue)}: {html.escape(label)}")
    return "<br>".join(lines)


def plotly_bundle() -> Markup:
    """The plotly.js library, to embed inline (no CDN)."""
    offline: Any = importlib.import_module("plotly.offline")
    code = str(offline.get_plotlyjs())
    return Markup(_SCRIPT_CLOSE.sub(r"<\\/\1", code))  # library code, not user text
