"""Mutations of input files for the fuzz tests: hypothesis strategies over text and bytes.

A mutation is drawn as plain data (what to do, where, with what) and applied to a seed file.
Where is a fraction of the file (0..1), so the same draw fits any seed; hypothesis shrinks
both. The kinds follow what real files go wrong with: characters flipped, inserted or
deleted; lines dropped, duplicated or swapped; YAML tags, anchors and aliases; huge integers,
NaN and infinity; control characters; values of the wrong type; deep nesting; unknown keys
and ids; and, for files read as bytes, bytes that are not UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

from grandbargain.model.errors import InputError

HUGE = ("1" + "0" * 400, "9" * 5000, "-" + "7" * 320, "1" + "0" * 308 + ".5")
NOT_FINITE = (".nan", ".NaN", ".inf", "-.inf", "+.Inf", "nan", "inf", "-inf", "1e999", "1.0e+400")
TAGS = (
    "!!bool maybe",
    "!!timestamp garbage",
    "!!timestamp 2025-02-30",
    "!!int abc",
    "!!int 0x",
    "!!float x",
    "!!null notnull",
    "!!str",
    "!!binary ====",
    "!!binary aGk=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!pairs [a: 1]",
    "!!python/object:os.system {}",
    "!!python/name:os.system",
    "!foo bar",
    "!<tag:example.com,2000:x> y",
    "! text",
)
ANCHORS = ("&a", "*a", "&b [*b]", "*undefined", "&x {k: *x}", "<<: *a", "&a &b")
CONTROL = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
UNUSUAL = ("\x85", "\u2028", "\u2029", "\ufeff", "\ud800", "\r", "\t", "\ufffe", "\U0001f600")
WRONG_TYPES = ("[1, 2]", "{a: 1}", "null", "true", "no", "''", "-3", "0", "1e3", "2025-07-20")
NEST = ("[" * 200 + "]" * 200, "{a: " * 80 + "1" + "}" * 80, "- " * 70 + "x")
SYNTAX = ":{}[],&*#?|-<>=!%@`'\"\n\t "
WORDS = ("bogus_key: 1", "unknown-id", "tarif", "Gamma", "P9", "__proto__", "id: x", "0.5")
CSV_CELLS = ("", "x", "1,5", "0,5", '"', '""', "'", ";", "\t", "#D", "#A", "#M", "#Q", "#/")

BAD_BYTES = (b"\xff", b"\xfe\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\x00", b"\x80")

VALUES = st.sampled_from(
    [
        token
        for group in (HUGE, NOT_FINITE, TAGS, ANCHORS, WRONG_TYPES, NEST, WORDS)
        for token in group
    ]
)
"""What a value may be replaced with."""
CHARACTERS = st.one_of(
    st.sampled_from(CONTROL + UNUSUAL + CSV_CELLS),
    st.text(alphabet=SYNTAX + "abc019.eE+-_", min_size=1, max_size=6),
    st.characters(),
)
"""What may be inserted anywhere."""


@dataclass(frozen=True)
class Mutation:
    """One change to a text: ``kind`` at ``where`` (0..1 of the way through) with ``payload``."""

    kind: str
    where: float
    other: float
    payload: str

    def apply(self, text: str) -> str:
        """``text`` with this mutation applied."""
        at = int(self.where * len(text))
        if self.kind == "insert":
            return text[:at] + self.payload + text[at:]
        if self.kind == "replace":  # overwrite the word (or character) at the spot
            match = re.compile(r"[\w.+-]+|.", re.S).search(text, at)
            if match is None:
                return text + self.payload
            return text[: match.start()] + self.payload + text[match.end() :]
        if self.kind == "delete":
            return text[:at] + text[at + 1 + int(self.other * 8) :]
        lines = text.split("\n")
        k = int(self.where * len(lines)) % len(lines)
        j = int(self.other * len(lines)) % len(lines)
        if self.kind == "drop-line":
            del lines[k]
        elif self.kind == "duplicate-line":
            lines.insert(k, lines[k])
        elif self.kind == "swap-lines":
            lines[k], lines[j] = lines[j], lines[k]
        elif self.kind == "indent-line":
            lines[k] = " " * (1 + int(self.other * 4)) + lines[k]
        elif self.kind == "value":  # put the payload after the first ': ' or ',' of a line
            lines[k] = re.sub(
                r"(: |,)[^,\n]*", lambda m: m.group(1) + self.payload, lines[k], count=1
            )
        return "\n".join(lines)


fractions = st.floats(0, 1, exclude_max=True)
_LINES = ("drop-line", "duplicate-line", "swap-lines", "indent-line")
mutations = st.one_of(
    st.builds(Mutation, st.sampled_from(("insert", "delete")), fractions, fractions, CHARACTERS),
    st.builds(Mutation, st.sampled_from(_LINES), fractions, fractions, st.just("")),
    st.builds(Mutation, st.sampled_from(("value", "replace")), fractions, fractions, VALUES),
    st.builds(Mutation, st.just("value"), fractions, fractions, VALUES),
)
"""One mutation: characters (a quarter), lines (a quarter) or values (a half)."""


@st.composite
def mutated_text(draw: st.DrawFn, seeds: tuple[str, ...], most: int = 3) -> str:
    """A seed text with one to ``most`` mutations applied in turn."""
    text = draw(st.sampled_from(seeds))
    for mutation in draw(st.lists(mutations, min_size=1, max_size=most)):
        text = mutation.apply(text)
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn, seeds: tuple[str, ...], most: int = 3) -> bytes:
    """A mutated seed as UTF-8 bytes, sometimes with a few bytes that are not UTF-8."""
    raw = draw(mutated_text(seeds, most)).encode("utf-8", "surrogatepass")
    for _ in range(draw(st.sampled_from((0, 0, 0, 1, 2)))):  # most files stay UTF-8
        at = int(draw(fractions) * len(raw))
        raw = raw[:at] + draw(st.sampled_from(BAD_BYTES)) + raw[at:]
    return raw


def line_count(text: str) -> int:
    """How many lines ``text`` has, counting a line end as \\n, \\r\\n or a lone \\r (a
    trailing line end starts one more, empty, line: problems at the end of a file sit there)."""
    return len(re.split(r"\r\n|\r|\n", text))


def check_input_error(error: InputError, name: str, text: str) -> None:
    """What every input error must be: problems naming the file, on lines the file has, each
    printed as one line."""
    assert error.problems, "an InputError without problems"
    lines = line_count(text)
    for problem in error.problems:
        assert problem.file == name, problem
        assert problem.message.strip(), problem
        assert "\n" not in str(problem) and "\r" not in str(problem), problem
        if problem.line > 0:
            assert 1 <= problem.line <= lines, (problem, lines)
            assert problem.column >= 1, problem
        else:
            assert problem.line == 0 and problem.column == 0, problem
