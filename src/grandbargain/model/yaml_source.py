"""Read YAML safely into plain Python data plus a map from field path to line and column.

PyYAML's composer gives every node a start mark; we build the data ourselves from the node
graph so that each field path (``("parties", 0, "stances", "tariffs", "weight")``) keeps the
place it was written. Duplicate keys, which plain ``yaml.safe_load`` silently accepts, are
reported as problems, and so is every value a scenario cannot hold: a tag other than the
standard scalar ones (``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``,
``!!timestamp``) or a plain map or list, a value its tag cannot read (``!!bool maybe``), an
integer beyond the float range, NaN and infinity.

Lines and columns are counted as editors and ``grep -n`` count them: a line ends at ``\n``
(PyYAML also ends lines at ``\r``, U+0085, U+2028 and U+2029), columns are characters from 1.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import os
from dataclasses import dataclass, field, replace
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


_YAML = "tag:yaml.org,2002:"
_SCALARS = {
    f"{_YAML}str": "text",
    f"{_YAML}int": "whole number",
    f"{_YAML}float": "number",
    f"{_YAML}bool": "boolean (true or false)",
    f"{_YAML}null": "null",
    f"{_YAML}timestamp": "date (YYYY-MM-DD)",
}
"""Tags a scalar may carry, and what a value of each kind is called in messages."""
_LARGEST = 2**1024  # the first integer a 64-bit float cannot hold


class Lines:
    """Turns a character index of a text into a 1-based line and column (lines end at \\n)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [k + 1 for k, char in enumerate(text) if char == "\n"]

    def place(self, index: int) -> tuple[int, int]:
        """Line and column of the character at ``index``."""
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1

    def mark(self, mark: yaml.Mark | None) -> tuple[int, int]:
        """Line and column of a PyYAML mark (1, 1 when there is none)."""
        return (1, 1) if mark is None else self.place(mark.index)


def _shown(tag: str) -> str:
    return f"!!{tag.removeprefix(_YAML)}" if tag.startswith(_YAML) else tag


def _cut(text: str, most: int = 40) -> str:
    return text if len(text) <= most else f"{text[:most]}..."


class _Builder:
    def __init__(self, file: str, lines: Lines) -> None:
        self.file = file
        self.lines = lines
        self.values = 0
        self.marks: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader(b"")

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooManyValues(node)
        self.marks[path] = self.lines.mark(node.start_mark)
        if len(path) > MAX_DEPTH:
            self._problem(node, path, f"nested deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        kind = "mapping" if isinstance(node, yaml.MappingNode) else "list"
        if node.tag != f"{_YAML}{'map' if kind == 'mapping' else 'seq'}":
            message = f"YAML tag {_shown(node.tag)} is not allowed; write a plain {kind}"
            self._problem(node, path, message)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]

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
            self.marks[(*path, key)] = self.lines.mark(key_node.start_mark)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        kind = _SCALARS.get(node.tag)
        if kind is None:
            if node.tag == f"{_YAML}binary":
                self._problem(node, path, "binary values are not allowed")
            else:
                allowed = ", ".join(_shown(tag) for tag in _SCALARS)
                message = f"YAML tag {_shown(node.tag)} is not allowed; only {allowed}"
                self._problem(node, path, message)
            return None
        too_large = f"number {_cut(node.value, 12)} is too large: at most about 1.8e308"
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, KeyError, AttributeError, TypeError, yaml.YAMLError):
            # PyYAML's constructors fail in their own ways on values their tag cannot read
            # (!!bool maybe: KeyError; !!timestamp x: AttributeError; 2025-13-45: ValueError;
            # an integer of over 4,300 digits: ValueError from Python's int()).
            digits = node.value.lstrip("+-").replace("_", "")
            huge = node.tag == f"{_YAML}int" and digits.isdigit()
            self._problem(
                node, path, too_large if huge else f"{_cut(node.value)!r} is not a valid {kind}"
            )
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self._problem(node, path, f"{_cut(node.value)!r} is not a finite number")
            return None
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _LARGEST:
            self._problem(node, path, too_large)
            return None
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value.isoformat()
        return value

    def _problem(self, node: yaml.Node, path: Path, message: str) -> None:
        line, column = self.lines.mark(node.start_mark)
        self.problems.append(Problem(self.file, line, column, format_path(path), message))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _syntax_problem(error: yaml.YAMLError, file: str, lines: Lines) -> Problem:
    """One problem line for a YAML reader, scanner, parser or composer error."""
    if isinstance(error, yaml.reader.ReaderError):
        char = error.character
        code = char if isinstance(char, int) else ord(char)
        line, column = lines.place(error.position)
        message = f"character U+{code:04X} is not allowed in YAML text; remove it"
        return Problem(file, line, column, "", message)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = lines.mark(mark)
        reason = _one_line(error.problem or "invalid YAML")
        if error.context:
            context = _one_line(error.context)
            if error.context_mark is not None and error.context_mark is not mark:
                start_line, start_column = lines.mark(error.context_mark)
                context += f" started at line {start_line}, column {start_column}"
            reason += f" ({context})"
        return Problem(file, line, column, "", f"YAML syntax error: {reason}")
    return Problem(file, 1, 1, "", f"YAML error: {_one_line(str(error))}")


def parse_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse YAML (or JSON) text; raise :class:`InputError` on syntax errors or duplicate keys."""
    lines = Lines(text)
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise InputError([_syntax_problem(error, file, lines)]) from None
    except RecursionError:
        raise InputError([Problem(file, 1, 1, "", "YAML nested too deeply")]) from None
    if len(nodes) > 1:
        line, column = lines.mark(nodes[1].start_mark)
        message = "expected one YAML document, found several"
        raise InputError([Problem(file, line, column, "", message)])
    if not nodes or nodes[0] is None:
        raise InputError([Problem(file, 1, 1, "", "the file is empty; expected a scenario")])
    builder = _Builder(file, lines)
    try:
        data = builder.build(nodes[0], ())
    except RecursionError:
        raise InputError([Problem(file, 1, 1, "", "YAML nested too deeply")]) from None
    except _TooManyValues as error:
        line, column = lines.mark(error.node.start_mark)
        message = (
            f"the YAML holds more than {MAX_VALUES:,} values once its aliases (*name) are "
            "expanded; write the values out or use fewer aliases"
        )
        raise InputError([Problem(file, line, column, "", message)]) from None
    if builder.problems:
        raise InputError(builder.problems)
    return YamlDocument(file, data, builder.marks)


def read_yaml_file(path: str, display_name: str | None = None) -> YamlDocument:
    """Read a YAML file from disk: at most :data:`MAX_FILE_BYTES` whatever ``stat`` says
    (``/dev/zero`` included), UTF-8 text only."""
    from grandbargain.files import read_input  # files imports model.errors: import late

    name = display_name or path
    if not os.path.lexists(path):
        raise InputError([Problem(name, 0, 0, "", "no such file")])
    if os.path.isdir(path):
        raise InputError([Problem(name, 0, 0, "", "is a folder; expected a YAML file")])
    try:
        raw = read_input(path, "", MAX_FILE_BYTES)
    except InputError as error:
        raise InputError([replace(problem, file=name) for problem in error.problems]) from None
    return parse_yaml_bytes(raw, name)


def parse_yaml_bytes(raw: bytes, file: str) -> YamlDocument:
    """Decode UTF-8 bytes (rejecting binary) and parse them."""
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise InputError([Problem(file, line, 1, "", "binary file; expected UTF-8 YAML text")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8 text (byte {error.start}); expected YAML"
        raise InputError([Problem(file, line, 1, "", message)]) from None
    return parse_yaml_text(text, file)
