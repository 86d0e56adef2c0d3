"""Escaping for text that lands in scripts, and atomic writing of the finished page."""

from __future__ import annotations

import html
import importlib
import json
import math
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
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


def write_report(path: str | os.PathLike[str], html_text: str) -> Path:
    """Write ``html_text`` to ``path`` atomically: a temporary file in the same folder, then a
    rename. On any error the temporary file is removed and an existing file is left as it was.
    A new file is readable by all (0644, not the 0600 of a temporary file); a replaced file
    keeps its permissions.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(temp_name, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(html_text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target
