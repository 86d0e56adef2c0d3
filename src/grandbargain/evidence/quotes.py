"""Verbatim quote matching with whitespace and typographic quotes normalised."""

from __future__ import annotations

import re

_QUOTE_MARKS = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2033": '"',
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Typographic quotes to straight ones, every run of whitespace to one space, trimmed."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def quote_in_text(quote: str, text: str) -> bool:
    """Whether ``quote`` appears verbatim in ``text`` after normalising both."""
    needle = normalise_text(quote)
    return bool(needle) and needle in normalise_text(text)
