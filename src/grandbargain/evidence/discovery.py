"""Which files an ingest reads: named files, and the files inside named folders.

Named paths are checked first, and every problem with them is one
:class:`~grandbargain.model.errors.InputError` raised before anything is stored: a path that
does not exist, cannot be read or is neither a file nor a folder, a named file that cannot be
used (binary, not UTF-8, empty, over the size limit, HTML without trafilatura), and a malformed
``sources.yaml`` in a named folder or beside a named file. Inside a named folder, a file or
folder whose name starts with a dot is passed over - judged by the names *below* the named
folder, so that ``../corpus`` or ``~/.local/corpus`` is read like any folder - and other files
that cannot be used are reported as skipped with a reason: a file that is not text, Markdown or
HTML, anything that is not a regular file, a subfolder that cannot be read, a link to a folder
(not followed), the files of a subfolder whose ``sources.yaml`` is malformed (with that
file's problems), and a ``sources.yaml`` entry naming no file of its folder (a misspelt or
moved file name: its metadata would otherwise be dropped without a word). A named
folder with nothing to read is reported too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from grandbargain.evidence.metadata import load_sources_file
from grandbargain.evidence.reading import SUPPORTED, Skip, read_document
from grandbargain.files import os_problem
from grandbargain.model.errors import InputError, Problem

SOURCES = "sources.yaml"
_LINK = "a link to a folder, not followed; name the folder itself to add its files"


class Sources:
    """The ``sources.yaml`` of each folder, read once; a malformed one is kept as its error."""

    def __init__(self) -> None:
        self.by_folder: dict[Path, dict[str, dict[str, Any]] | InputError] = {}
        self.lines: dict[Path, dict[str, int]] = {}

    def load(self, folder: Path) -> dict[str, dict[str, Any]] | InputError:
        """The entries of ``folder``'s sources.yaml by file name, or why it cannot be used."""
        if folder not in self.by_folder:
            try:
                self.by_folder[folder], self.lines[folder] = load_sources_file(folder)
            except InputError as error:
                self.by_folder[folder] = error
        return self.by_folder[folder]

    def entry(self, path: Path) -> dict[str, Any] | None:
        """The sources.yaml entry describing ``path``, if any."""
        loaded = self.load(path.parent)
        return None if isinstance(loaded, InputError) else loaded.get(path.name)

    def unused(self, folder: Path, names: set[str]) -> list[tuple[str, str]]:
        """The entries of ``folder``'s sources.yaml describing none of ``names`` (the files
        found in it, hidden ones aside), each as its ``file`` line and the reason."""
        loaded = self.load(folder)
        if isinstance(loaded, InputError):
            return []
        return [
            (
                f"{folder / SOURCES}:{self.lines[folder][name]}",
                f"file: no {name!r} in this folder (or it is hidden); the entry is unused",
            )
            for name in loaded
            if name not in names
        ]


def _named(path: Path, sources: Sources) -> list[Problem]:
    if not path.exists():
        return [Problem(str(path), 0, 0, "", "no such file or folder")]
    if path.is_dir():
        if not os.access(path, os.R_OK | os.X_OK):
            return [Problem(str(path), 0, 0, "", "cannot read the folder: permission denied")]
        folder = path
    elif path.is_file():
        if not os.access(path, os.R_OK):
            return [Problem(str(path), 0, 0, "", "cannot read the file: permission denied")]
        unusable = read_document(path)  # a named file that cannot be used stops the ingest
        if isinstance(unusable, Skip):
            return [Problem(str(path), 0, 0, "", unusable.reason)]
        folder = path.parent
    else:
        return [Problem(str(path), 0, 0, "", "not a regular file or a folder")]
    loaded = sources.load(folder)
    return list(loaded.problems) if isinstance(loaded, InputError) else []


def _walk(top: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every entry below ``top`` that is not hidden (relative to ``top``), except folders; and
    the subfolders passed over with the reason: a link to a folder (not followed, so that a
    link cannot loop or lead out of the folder) and a folder that cannot be read."""
    found: list[Path] = []
    skipped: list[tuple[str, str]] = []

    def unreadable(error: OSError) -> None:
        name = str(error.filename or top)
        skipped.append((name, os_problem(name, "", error, "cannot read the folder").message))

    for folder, dirs, names in os.walk(top, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        links = [d for d in dirs if (Path(folder) / d).is_symlink()]
        skipped += [(str(Path(folder) / d), _LINK) for d in links]
        found += [Path(folder) / name for name in names if not name.startswith(".")]
    return sorted(found), skipped


def _folder(top: Path, sources: Sources) -> tuple[list[Path], list[tuple[str, str]]]:
    files: list[Path] = []
    children, skipped = _walk(top)
    for child in children:
        loaded = sources.load(child.parent)
        if child.name == SOURCES:
            if isinstance(loaded, InputError):
                skipped.append((str(child), "; ".join(str(p) for p in loaded.problems)))
        elif not child.is_file():
            skipped.append((str(child), "not a regular file"))
        elif child.suffix.lower() not in SUPPORTED:
            skipped.append((str(child), "not a text, Markdown or HTML file"))
        elif isinstance(loaded, InputError):
            skipped.append((str(child), f"the {SOURCES} of its folder has errors"))
        else:
            files.append(child)
    for folder in sorted({child.parent for child in children}):
        skipped += sources.unused(folder, {c.name for c in children if c.parent == folder})
    if not files and not skipped:
        skipped.append((str(top), "no text, Markdown or HTML files in this folder"))
    return files, skipped


def find_files(paths: list[Path], sources: Sources) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files to read (in order) and the skipped entries with their reasons.

    Raises InputError listing every problem with the named ``paths``.
    """
    problems = [problem for path in paths for problem in _named(path, sources)]
    if problems:
        raise InputError(problems)
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            found, passed = _folder(path, sources)
            files += found
            skipped += passed
        else:
            files.append(path)
    return files, skipped
