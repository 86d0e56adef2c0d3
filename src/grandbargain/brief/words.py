"""How numbers and lists are written in the briefing's sentences."""

from __future__ import annotations

from collections.abc import Sequence

from grandbargain.brief.result import confidence_word

MAX_DIGITS = 6


def percent(probability: float) -> str:
    """A probability as a whole percentage ("12%"), or with the decimals it takes not to
    read as zero when it is not ("0.4%")."""
    digits = 0
    while probability > 0 and round(100 * probability, digits) == 0 and digits < MAX_DIGITS:
        digits += 1
    return f"{100 * probability:.{digits}f}%"


def worded_percent(probability: float) -> str:
    """A probability that a confidence word goes with, as a whole percentage with as many
    more decimals as it takes for the written number to fall on the same side of the
    boundaries (0.4, 0.7) as the probability: 0.6996 is "69.96%", never "70%" beside the
    word "medium"."""
    word = confidence_word(probability)
    for digits in range(MAX_DIGITS + 1):
        shown = round(100 * probability, digits)
        if confidence_word(shown / 100) is word:
            return f"{shown:.{digits}f}%"
    return f"{100 * probability:.{MAX_DIGITS}f}%"


def signed(value: float) -> str:
    """A utility difference with its sign and three decimals ("+0.262", "-0.051")."""
    return f"{value:+.3f}"


def joined(items: Sequence[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 issue``, ``2 issues``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def possessive(name: str) -> str:
    """``China's``, ``United States'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
