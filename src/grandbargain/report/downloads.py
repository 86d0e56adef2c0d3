"""Long tables as CSV downloads inside the report itself.

The report stays one self-contained file: each CSV is a ``data:`` URI (base64 of UTF-8 text
with a byte-order mark, so spreadsheet programs read accents right) on a link with a
``download`` file name, not a file beside the report that could be lost when the report is
mailed or archived. Cells starting with ``=``, ``+``, ``-`` or ``@`` that are not numbers are
prefixed with an apostrophe, so a name in a scenario cannot become a spreadsheet formula.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (RFC 4180, CRLF line ends) of a header and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def data_uri(text: str) -> str:
    """A ``data:`` URI holding CSV ``text``."""
    encoded = base64.b64encode(("\ufeff" + text).encode("utf-8")).decode("ascii")
    return f"data:text/csv;charset=utf-8;base64,{encoded}"


def frontier_csv(
    parties: Sequence[str],
    points: Sequence[tuple[Mapping[str, float], Mapping[str, str]]],
    labels: Mapping[tuple[str, str], str],
) -> str:
    """The frontier points: each party's utility, then each issue's option label."""
    issues = list(points[0][1]) if points else []
    header = [*(f"utility of {p}" for p in parties), *issues]
    rows = (
        [*(u[p] for p in parties), *(labels.get((i, package[i]), package[i]) for i in issues)]
        for u, package in points
    )
    return csv_text(header, rows)


def transcript_csv(data: Mapping[str, Any], labels: Mapping[tuple[str, str], str]) -> str:
    """Every step of a simulation: stage, round, party, action, utilities and the package."""
    parties: list[str] = data["parties"]
    issues = list(data["outcome"]["package"] or {})
    header = ["stage", "round", "party", "action", *(f"utility of {p}" for p in parties), *issues]
    rows = []
    for stage in data["stages"]:
        for step in stage["transcript"]:
            utilities = step["utilities"] or {}
            package = step["package"] or {}
            rows.append(
                [
                    stage["name"],
                    step["round"],
                    step["party"],
                    step["action"],
                    *(utilities.get(p) for p in parties),
                    *(
                        labels.get((i, package[i]), package[i]) if i in package else None
                        for i in issues
                    ),
                ]
            )
    return csv_text(header, rows)


def trades_csv(parties: Sequence[str], trades: Sequence[Mapping[str, Any]]) -> str:
    """One row per move of each trade (``context.logroll_rows``): the trade's number, the
    issue, the option, each party's gain on the issue, then each party's total gain."""
    header = [
        "trade",
        "issue",
        "moves to",
        *(f"gain of {p} on the issue" for p in parties),
        *(f"total gain of {p}" for p in parties),
    ]
    rows = [
        [
            number,
            move["issue"],
            move["option"],
            *(move["gains"].get(p) for p in parties),
            *(trade["gains"].get(p) for p in parties),
        ]
        for number, trade in enumerate(trades, start=1)
        for move in trade["moves"]
    ]
    return csv_text(header, rows)
