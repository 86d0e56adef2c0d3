"""The rich console the commands print tables with, and the width a wrapping column needs
(imported only by the modules that make tables)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table


class DataConsole(Console):
    """A console for user data: no markup, emoji codes or highlighting (see
    :func:`grandbargain.cli.common.make_console`), and no word in a table cell cut off with
    an ellipsis: a word too long for its column folds onto the next line instead, so every
    id and name is whole."""

    def print(self, *objects: Any, **options: Any) -> None:
        for item in objects:
            if isinstance(item, Table):
                for column in item.columns:
                    column.overflow = "fold"
        super().print(*objects, **options)


def longest_word(texts: Iterable[str], default: int) -> int:
    """The length of the longest word in ``texts`` (``default`` when there is none): the
    narrowest a column can be whose cells wrap between words without cutting one."""
    return max((len(word) for text in texts for word in text.split()), default=default)
