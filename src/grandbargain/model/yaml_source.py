"""Read YAML safely into plain Python data plus a map from field path to line and column.

PyYAML's composer gives every node a start mark; we build the data ourselves from the node
graph so that each field path (``("parties", 0, "stances", "tariffs", "weight")``) keeps the
place it was written. Duplicate keys, which plain ``yaml.safe_load`` silently accepts, are
reported as problems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from grandbargain.model.errors import InputError, Problem

Path = tuple[str | int, ...]
MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 64
MAX_VALUES = 200_000
"""Most values (scalars, lists, mappings) a document may hold once its aliases are expanded;
us-china-2025 has about 10,000. Stops "billion laughs" files (nested aliases standing for
billions of values) before they are built."""


@dataclass(frozen=True)
class YamlDocument:
    """Plain data read from a YAML file and where each field path was written (1-based)."""

    file: str
    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    aliases: dict[Path, Path] = field(default_factory=dict)
    """Paths of ``data`` that were written elsewhere in the file: a problem at an alias (or
    below it) is reported at, and named by, the place it was written."""

    def written(self, path: Path) -> Path:
        """Where ``path`` was written: the path itself, or the target of its longest alias."""
        for end in range(len(path), 0, -1):
            target = self.aliases.get(tuple(path[:end]))
            if target is not None:
                return (*target, *path[end:])
        return tuple(path)

    def place(self, path: Path) -> tuple[int, int]:
        """Line and column of the deepest written ancestor of ``path``."""
        path = self.written(path)
        for end in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark is not None:
                return mark
        return (1, 1)

    def problem(self, path: Path, message: str) -> Problem:
        """A problem located at ``path``."""
        line, column = self.place(path)
        return Problem(self.file, line, column, format_path(self.written(path)), message)


def format_path(path: Path) -> str:
    """``("parties", 0, "name")`` -> ``parties[0].name``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class _TooManyValues(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.values = 0
        self.marks: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader(b"")

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooManyValues(node)
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) > MAX_DEPTH:
            self._problem(node, path, f"nested deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, path, "YAML merge keys ('<<') are not supported")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "mapping keys must be plain words, not lists or maps")
                continue
            key = self._scalar(key_node, path)
            if isinstance(key, bool) or key is None:
                key = key_node.value  # 'yes', 'no', 'null' as keys mean the words
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                self._problem(key_node, (*path, key), "duplicate key; each key may appear once")
                continue
            result[key] = self.build(value_node, (*path, key))
            self.marks[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return result

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError) as error:  # e.g. 2025-13-45 looks like a date
            self._problem(node, path, f"not a valid date or value ({error}); expected YYYY-MM-DD")
            return None
        except yaml.YAMLError as error:
            self._problem(node, path, f"unreadable value: {error}")
            return None
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, bytes):
            self._problem(node, path, "binary values are not allowed")
            return None
        return value

    def _problem(self, node: yaml.Node, path: Path, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, format_path(path), message)
        )


def parse_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse YAML (or JSON) text; raise :class:`InputError` on syntax errors or duplicate keys."""
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "invalid YAML"
        raise InputError(
            [Problem(file, line, column, "", f"YAML syntax error: {reason}")]
        ) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(file, 1, 1, "", f"YAML error: {error}")]) from None
    except RecursionError:
        raise InputError([Problem(file, 1, 1, "", "YAML nested too deeply")]) from None
    if len(nodes) > 1:
        raise InputError([Problem(file, 1, 1, "", "expected one YAML document, found several")])
    if not nodes or nodes[0] is None:
        raise InputError([Problem(file, 1, 1, "", "the file is empty; expected a scenario")])
    builder = _Builder(file)
    try:
        data = builder.build(nodes[0], ())
    except RecursionError:
        raise InputError([Problem(file, 1, 1, "", "YAML nested too deeply")]) from None
    except _TooManyValues as error:
        mark = error.node.start_mark
        message = (
            f"the YAML holds more than {MAX_VALUES:,} values once its aliases (*name) are "
            "expanded; write the values out or use fewer aliases"
        )
        raise InputError([Problem(file, mark.line + 1, mark.column + 1, "", message)]) from None
    if builder.problems:
        raise InputError(builder.problems)
    return YamlDocument(file, data, builder.marks)


def read_yaml_file(path: str, display_name: str | None = None) -> YamlDocument:
    """Read a YAML file from disk with size, encoding and existence checks."""
    import os

    name = display_name or path
    if not os.path.exists(path):
        raise InputError([Problem(name, 0, 0, "", "no such file")])
    if os.path.isdir(path):
        raise InputError([Problem(name, 0, 0, "", "is a folder; expected a YAML file")])
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise InputError(
            [Problem(name, 0, 0, "", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")]
        )
    with open(path, "rb") as handle:
        raw = handle.read()
    return parse_yaml_bytes(raw, name)


def parse_yaml_bytes(raw: bytes, file: str) -> YamlDocument:
    """Decode UTF-8 bytes (rejecting binary) and parse them."""
    if b"\x00" in raw:
        raise InputError([Problem(file, 1, 1, "", "binary file; expected UTF-8 YAML text")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            [Problem(file, 1, 1, "", f"not UTF-8 text (byte {error.start}); expected YAML")]
        ) from None
    return parse_yaml_text(text, file)
