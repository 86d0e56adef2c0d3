"""Refuse uploaded YAML whose aliases expand it beyond reason (the "billion laughs" file).

A few hundred bytes of nested anchors and aliases can stand for billions of values; loading
them would tie up a worker for ever. Before an upload reaches the loader, the YAML event
stream is read once and the number of values the document expands to is counted (each alias
counts the whole value it repeats); past :data:`MAX_VALUES` the upload is an input error.
"""

from __future__ import annotations

import yaml

from grandbargain.api import InputError, Problem

MAX_VALUES = 1_000_000
"""Most values (scalars, lists, mappings) a document may expand to; us-china-2025 has ~10,000."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_expansion(text: str, file: str, limit: int = MAX_VALUES) -> None:
    """Raise :class:`InputError` if ``text`` expands to more than ``limit`` values. Syntax
    errors are left for the loader, which reports them with their line."""
    if "*" not in text or "&" not in text:
        return  # no alias without an anchor (&name) and a reference to it (*name)
    sizes: dict[str, int] = {}
    stack: list[tuple[int, str | None]] = []
    total = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            size = 0
            if isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                size = sizes.get(event.anchor or "", 1)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                stack.append((0, event.anchor))
                continue
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent) and stack:
                inner, anchor = stack.pop()
                size = inner + 1
                if anchor:
                    sizes[anchor] = size
            else:
                continue
            if stack:
                count, anchor = stack[-1]
                stack[-1] = (count + size, anchor)
            total += size if not stack else 0
            if size > limit or (stack and stack[-1][0] > limit) or total > limit:
                mark = event.start_mark
                raise InputError(
                    [
                        Problem(
                            file,
                            mark.line + 1 if mark else 1,
                            mark.column + 1 if mark else 1,
                            "",
                            f"the YAML expands to more than {limit:,} values through its "
                            "aliases (*name); write the values out or use fewer aliases",
                        )
                    ]
                )
    except yaml.YAMLError:
        return
