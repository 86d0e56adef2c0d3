"""A small, safe XML reader that remembers where every element starts (line and column).

Built on the standard library's expat parser. ``defusedxml`` is not a dependency, so the
reader refuses documents type declarations and entity declarations outright (checked on the
raw bytes and again by expat handlers), which rules out entity-expansion attacks ("billion
laughs") and external entities. Only element names, attributes and positions are kept: the
GENIUS formats carry their data in attributes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from grandbargain.interop._common import fail, read_bytes

MAX_DEPTH = 64


@dataclass
class Element:
    """An XML element: its tag, attributes, children and 1-based start position."""

    tag: str
    attrib: dict[str, str]
    line: int
    column: int
    children: list[Element] = field(default_factory=list)

    def all(self, tag: str) -> list[Element]:
        """Direct children named ``tag``."""
        return [child for child in self.children if child.tag == tag]

    def first(self, tag: str) -> Element | None:
        """The first direct child named ``tag``, if any."""
        return next((child for child in self.children if child.tag == tag), None)

    def walk(self) -> Iterator[Element]:
        """This element and every descendant, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def describe(self, *keys: str) -> str:
        """``<item value="Dell">``: the tag with the named attributes that are present."""
        shown = "".join(f' {key}="{self.attrib[key]}"' for key in keys if key in self.attrib)
        return f"<{self.tag}{shown}>"


class _Refused(Exception):
    """Raised inside expat handlers to stop parsing."""


def looks_like_xml(raw: bytes) -> bool:
    """Whether ``raw`` starts (after a BOM and blanks) with ``<``, as any XML document does."""
    return raw.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def parse_xml_file(path: Path) -> Element:
    """The root element of the XML file ``path``; :class:`InputError` naming the file if bad."""
    return parse_xml_bytes(read_bytes(path), path)


def parse_xml_bytes(raw: bytes, path: Path) -> Element:
    """Parse ``raw`` (the contents of ``path``) into an :class:`Element` tree."""
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        if marker in raw:
            line = raw[: raw.index(marker)].count(b"\n") + 1
            raise fail(
                path, f"{marker.decode()} declarations are refused (entity expansion risk)", line
            )
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    roots: list[Element] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise _Refused(f"elements nested deeper than {MAX_DEPTH} levels")
        element = Element(
            tag, dict(attrib), parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        )
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def refuse(*_: object) -> Any:
        raise _Refused("document type and entity declarations are refused")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise fail(path, f"malformed XML: {reason}", error.lineno) from None
    except _Refused as error:
        raise fail(path, str(error), parser.CurrentLineNumber) from None
    except LookupError as error:  # an encoding Python does not know, named in the declaration
        name = str(error).removeprefix("unknown encoding: ")
        message = f"unknown encoding {name!r} in the XML declaration; use UTF-8"
        raise fail(path, message, 1) from None
    except (RecursionError, ValueError) as error:
        raise fail(path, f"unreadable XML: {error}") from None
    if not roots:  # expat reports "no element found" first; kept for safety
        raise fail(path, "no XML element found")
    return roots[0]
