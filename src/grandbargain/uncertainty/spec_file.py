"""Reading an uncertainty spec file: at most :data:`MAX_SPEC_BYTES`, UTF-8 YAML or JSON, and
every failure an :class:`~grandbargain.model.errors.InputError` naming the file.

The YAML reader of the scenario loader does the work. Should constructing a tagged value
raise anything but an input error (PyYAML's own constructors raise ``KeyError`` for
``!!bool maybe``, ``AttributeError`` for ``!!timestamp garbage``, ``IndexError`` for
``!!int +``), the value is found again and reported at its own line and column.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import yaml

from grandbargain.files import read_input
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.yaml_source import (
    MAX_FILE_BYTES,
    Path,
    YamlDocument,
    format_path,
    parse_yaml_bytes,
)

MAX_SPEC_BYTES = MAX_FILE_BYTES
"""Largest spec file read (the scenario files' limit)."""

_CONSTRUCTION = (KeyError, AttributeError, IndexError, TypeError, ValueError, OverflowError)


def read_spec_document(path: str | os.PathLike[str]) -> YamlDocument:
    """The spec file at ``path`` as plain data with the place of every field."""
    name = os.fspath(path)
    raw = read_input(name, "", MAX_SPEC_BYTES)
    try:
        return parse_yaml_bytes(raw, name)
    except InputError as error:  # one line each: PyYAML's messages quote the source below
        lines = [replace(p, message=_first_line(p.message)) for p in error.problems]
        raise InputError(lines) from None
    except _CONSTRUCTION as error:  # after InputError, which is a ValueError too
        raise InputError([_unreadable_value(raw, name, error)]) from None


def _first_line(message: str) -> str:
    lines = message.strip().splitlines()
    return lines[0] if lines else message


def _unreadable_value(raw: bytes, name: str, error: Exception) -> Problem:
    """The first scalar that PyYAML's safe constructors cannot build, located."""
    node = yaml.compose(raw.decode("utf-8-sig"), Loader=yaml.SafeLoader)
    found = _first_bad_scalar(node, (), set())
    if found is None:
        return Problem(name, 1, 1, "", f"unreadable YAML ({type(error).__name__})")
    bad, where = found
    mark = bad.start_mark
    tag = bad.tag.replace("tag:yaml.org,2002:", "!!")
    message = f"unreadable value {bad.value[:40]!r} tagged {tag[:60]}"
    return Problem(name, mark.line + 1, mark.column + 1, format_path(where), message)


def _first_bad_scalar(
    node: Any, where: Path, seen: set[int]
) -> tuple[yaml.ScalarNode, Path] | None:
    """Depth first; each node once, so aliases cost nothing and cycles end."""
    if id(node) in seen:
        return None
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        try:
            yaml.SafeLoader("").construct_object(node, deep=True)
        except Exception:  # any failure of a constructor is what we are looking for
            return node, where
        return None
    if isinstance(node, yaml.SequenceNode):
        children = [((*where, index), item) for index, item in enumerate(node.value)]
    elif isinstance(node, yaml.MappingNode):
        children = [((*where, str(key.value)), value) for key, value in node.value]
        children += [(where, key) for key, _ in node.value]
    else:
        return None
    for path, child in children:
        found = _first_bad_scalar(child, path, seen)
        if found is not None:
            return found
    return None
