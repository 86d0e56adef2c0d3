"""Read an LLM-Deliberation game folder (``games_descriptions/<game>``) into a scenario.

Format source: S. Abdelnabi, A. Gomaa, S. Sivaprasad, L. Schönherr, M. Fritz, "Cooperation,
Competition, and Maliciousness: LLM-Stakeholders Interactive Negotiation", NeurIPS 2024
Datasets and Benchmarks (arXiv 2309.17234); repository ``S-Abdelnabi/LLM-Deliberation`` (its
README and ``evaluation/eval_utils.py``). The shared data folder's
``benchmarks/llm-deliberation/SOURCE.md`` summarises the files:

* ``config.txt``: one line per party, ``AGENT NAME,FILE NAME,ROLE,INCENTIVE,MODEL``; ROLE is
  ``p1`` (proposer and veto party), ``p2`` (second veto party), ``target`` or ``player``.
* ``scores_files/<FILE NAME>.txt``: one comma-separated line of points per issue (A, B, ...),
  one number per option; the last line is the party's minimum acceptable score.
* ``initial_deal.txt``: p1's opening deal, e.g. ``A1,B1,C4,D1,E5``.
* ``global_instructions.txt``: the public brief, with ``Issue A: "Title"`` headings and option
  lines such as ``A1 "water-based": ...`` or ``- B2: low budget of $500 million ==> ...``.

Mapping (see ``shared/CONVENTIONS.md``, section "Utility": scores are used as given):

* Issue ids are ``a``, ``b``, ...; option ids ``a1``, ``a2``, ... (the benchmark's own codes,
  so ``initial_deal.txt`` reads directly as a package). Titles and labels come from
  ``global_instructions.txt`` when every issue heading and option line is found there, in the
  same numbers as the score files; otherwise the titles are "Issue A" and the labels "A1", ...
  (the description says which). Labels are the quoted option name, or the option text up to
  the first ``==>``, ``:`` or full stop; the whole text is the option's description.
* Utility is the points: ``weight_mode: as-written``, one ``value_scale`` {min: L, max: H} with
  L = min(0, smallest score) and H = the largest score, every stance weight H - L and every
  value the score, so u = score - L per issue. No shipped game has a negative score, so L = 0
  and utility == points exactly. **Negative scores** (none in the data) shift every utility by
  -L per issue; to keep "accepts" unchanged each reservation value becomes threshold -
  (number of issues) * L, and the description records the shift.
* Reservation value = the minimum acceptable score (last line). Acceptance: ``quota`` N-1 with
  the p1 and p2 parties as vetoes (the benchmark's rule). No status quo: the initial deal is
  p1's opening offer, recorded in the description. Bonus points and the adversarial incentives
  (greedy, targeted, untargeted) are out of scope.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from string import ascii_uppercase
from typing import Any

from grandbargain.interop._common import (
    UniqueIds,
    existing_folder,
    fail,
    problem,
    read_text,
    validated,
)
from grandbargain.model.errors import InputError, Problem
from grandbargain.model.schema import Scenario

__all__ = ["is_llm_deliberation_folder", "read_initial_deal", "read_llm_deliberation_folder"]

ROLES = ("p1", "p2", "target", "player")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_ISSUE_LINE = re.compile(r"^\s*(?:[-*]\s*)?Issue\s+([A-Z])\s*:\s*(.*?)\s*$")
_OPTION_LINE = re.compile(r"^\s*(?:[-*]\s*)?([A-Z])(\d+)\b\s*:?\s*(.*?)\s*$")
_QUOTED_TITLE = re.compile(r'^"(.+?)"(?=\s*(?:[.:]|$))')
_QUOTED_LABEL = re.compile(r'^"([^"]+)"\s*(?::|$)')


@dataclass(frozen=True)
class _Member:
    name: str
    file: str
    role: str
    incentive: str
    line: int


@dataclass(frozen=True)
class _Game:
    folder: Path
    members: tuple[_Member, ...]
    scores: tuple[tuple[tuple[float, ...], ...], ...]  # party -> issue -> option points
    thresholds: tuple[float, ...]
    deal: dict[str, str] | None


def is_llm_deliberation_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like a game folder: ``config.txt`` and a ``scores_files`` folder."""
    folder = Path(path)
    return (folder / "config.txt").is_file() and (folder / "scores_files").is_dir()


def read_llm_deliberation_folder(path: str | os.PathLike[str]) -> Scenario:
    """Read a game folder into a :class:`Scenario` (see the module notes).

    Raises :class:`InputError` naming the file and line of every problem found.
    """
    game = _read_game(existing_folder(path))
    return validated(_scenario_data(game), game.folder)


def read_initial_deal(path: str | os.PathLike[str]) -> dict[str, str] | None:
    """p1's opening deal of the game folder as a package ``{issue id: option id}``, if any."""
    return _read_game(existing_folder(path)).deal


# --- reading the files ----------------------------------------------------------------------


def _read_game(folder: Path) -> _Game:
    if not is_llm_deliberation_folder(folder):
        raise fail(folder, "not an LLM-Deliberation game: expected config.txt and scores_files/")
    members = _read_config(folder / "config.txt")
    scores: list[tuple[tuple[float, ...], ...]] = []
    thresholds: list[float] = []
    for member in members:
        table, threshold = _read_scores(folder, member)
        scores.append(table)
        thresholds.append(threshold)
    shapes = [[len(row) for row in table] for table in scores]
    shape = max(shapes, key=shapes.count)  # the most common shape is taken as the game's
    problems = [
        problem(
            folder / "scores_files" / f"{member.file}.txt",
            f"{len(own)} issues with {own} options; the other parties' files have {shape}",
        )
        for member, own in zip(members, shapes, strict=True)
        if own != shape
    ]
    if problems:
        raise InputError(problems)
    deal = None
    if (folder / "initial_deal.txt").is_file():
        deal = _parse_deal(folder / "initial_deal.txt", shape)
    return _Game(folder, members, tuple(scores), tuple(thresholds), deal)


def _read_config(file: Path) -> tuple[_Member, ...]:
    members: list[_Member] = []
    problems: list[Problem] = []
    for number, line in enumerate(read_text(file).split("\n"), start=1):
        if not line.strip():
            continue
        fields = [part.strip() for part in line.split(",")]
        if len(fields) < 3 or not fields[0] or not fields[1]:
            message = "expected AGENT NAME,FILE NAME,ROLE,INCENTIVE,MODEL"
            problems.append(problem(file, message, number))
        elif fields[2] not in ROLES:
            message = f"unknown role {fields[2]!r}; expected one of: {', '.join(ROLES)}"
            problems.append(problem(file, message, number))
        elif "/" in fields[1] or "\\" in fields[1] or fields[1].startswith("."):
            problems.append(problem(file, f"file name {fields[1]!r} is not a plain name", number))
        else:
            incentive = fields[3] if len(fields) > 3 else ""
            members.append(_Member(fields[0], fields[1], fields[2], incentive, number))
    for role in ("p1", "p2"):
        count = sum(member.role == role for member in members)
        if count != 1 and not problems:
            problems.append(problem(file, f"expected one party with role {role}, found {count}"))
    if len(members) < 2 and not problems:
        problems.append(problem(file, "a game needs at least two parties"))
    if problems:
        raise InputError(problems)
    return tuple(members)


def _read_scores(folder: Path, member: _Member) -> tuple[tuple[tuple[float, ...], ...], float]:
    file = folder / "scores_files" / f"{member.file}.txt"
    if not file.is_file():
        message = f"no scores file {file.name} for {member.name!r}"
        raise fail(folder / "config.txt", message, member.line)
    lines = [(n, line) for n, line in enumerate(read_text(file).split("\n"), 1) if line.strip()]
    if len(lines) < 2:
        raise fail(file, "expected one line of scores per issue, then the minimum score")
    rows: list[tuple[float, ...]] = []
    problems: list[Problem] = []
    for number, line in lines:
        tokens = [token.strip() for token in line.split(",")]
        if not all(_NUMBER.match(token) for token in tokens):
            message = f"expected comma-separated numbers: {line.strip()!r}"
            problems.append(problem(file, message, number))
            continue
        rows.append(tuple(float(token) for token in tokens))
    if problems:
        raise InputError(problems)
    *table, last = rows
    if len(last) != 1:
        raise fail(
            file, "the last line must be one number: the minimum acceptable score", lines[-1][0]
        )
    if len(table) > len(ascii_uppercase):
        raise fail(file, f"{len(table)} issues; at most {len(ascii_uppercase)} are supported")
    return tuple(table), last[0]


def _parse_deal(file: Path, shape: list[int]) -> dict[str, str]:
    deal: dict[str, str] = {}
    for token in (t.strip() for t in read_text(file).replace("\n", ",").split(",")):
        if not token:
            continue
        found = re.fullmatch(r"([A-Z])(\d+)", token)
        issue = ascii_uppercase.find(found.group(1)) if found else -1
        if found is None or not 0 <= issue < len(shape):
            raise fail(file, f"{token!r} is not an option code of this game (A1, B2, ...)", 1)
        if not 1 <= int(found.group(2)) <= shape[issue]:
            raise fail(file, f"{token!r}: issue {found.group(1)} has {shape[issue]} options", 1)
        if found.group(1).lower() in deal:
            raise fail(file, f"issue {found.group(1)} appears twice", 1)
        deal[found.group(1).lower()] = token.lower()
    if len(deal) != len(shape):
        raise fail(file, f"the deal names {len(deal)} of the {len(shape)} issues", 1)
    return deal


# --- titles and labels from global_instructions.txt -----------------------------------------


@dataclass(frozen=True)
class _Names:
    titles: list[str]
    options: list[list[tuple[str, str]]]  # issue -> [(label, full text)]


def _names(folder: Path, shape: list[int]) -> _Names | None:
    """Issue titles and option labels, or None unless every issue and option is found once."""
    file = folder / "global_instructions.txt"
    if not file.is_file():
        return None
    try:
        text = read_text(file)
    except InputError:
        return None
    titles: dict[str, str] = {}
    options: dict[str, dict[int, tuple[str, str]]] = {}
    current: str | None = None
    for line in text.split("\n"):
        if heading := _ISSUE_LINE.match(line):
            current = heading.group(1)
            if current in titles:
                return None
            titles[current] = _title(heading.group(2), current)
            options[current] = {}
        elif current and (option := _OPTION_LINE.match(line)) and option.group(1) == current:
            number, body = int(option.group(2)), option.group(3)
            if number in options[current] or not body:
                return None
            options[current][number] = (_label(body), body)
    letters = list(ascii_uppercase[: len(shape)])
    if list(titles) != letters:
        return None
    for letter, count in zip(letters, shape, strict=True):
        if sorted(options[letter]) != list(range(1, count + 1)):
            return None
    return _Names(
        [titles[x] for x in letters],
        [[options[x][n] for n in range(1, c + 1)] for x, c in zip(letters, shape, strict=True)],
    )


def _title(text: str, letter: str) -> str:
    if quoted := _QUOTED_TITLE.match(text):
        return quoted.group(1).strip()
    first = re.split(r"\.\s|\.$|:", text, maxsplit=1)[0].strip()
    return first or f"Issue {letter}"


def _label(text: str) -> str:
    if quoted := _QUOTED_LABEL.match(text):
        return quoted.group(1).strip()
    first = re.split(r"==>|\.\s|\.$|:\s", text, maxsplit=1)[0].strip()
    return first or text


# --- the scenario ---------------------------------------------------------------------------


def _scenario_data(game: _Game) -> dict[str, Any]:
    shape = [len(row) for row in game.scores[0]]
    names = _names(game.folder, shape)
    every = [score for table in game.scores for row in table for score in row]
    low, high = min(0.0, *every), max(every)
    if high <= low:
        raise fail(game.folder / "scores_files", "every score is zero; nothing to negotiate")
    issues = []
    for i, count in enumerate(shape):
        letter = ascii_uppercase[i]
        options = []
        for n in range(1, count + 1):
            option: dict[str, Any] = {"id": f"{letter.lower()}{n}", "label": f"{letter}{n}"}
            if names is not None:
                label, body = names.options[i][n - 1]
                option["label"], option["description"] = label, body
            options.append(option)
        title = names.titles[i] if names is not None else f"Issue {letter}"
        issues.append({"id": letter.lower(), "title": title, "bucket": "game", "options": options})
    parties = []
    for member, table, threshold in zip(game.members, game.scores, game.thresholds, strict=True):
        stances = {
            ascii_uppercase[i].lower(): {
                "weight": high - low,
                "values": {f"{ascii_uppercase[i].lower()}{n}": s for n, s in enumerate(row, 1)},
            }
            for i, row in enumerate(table)
        }
        parties.append(
            {
                "name": member.name,
                "description": f"Role {member.role}; scores file {member.file}.txt; incentive "
                f"in config.txt: {member.incentive or 'none'}.",
                "stances": stances,
                "reservation_value": threshold - len(shape) * low,
            }
        )
    vetoes = [next(m.name for m in game.members if m.role == role) for role in ("p1", "p2")]
    return {
        "schema_version": 1,
        "id": "llm-deliberation-" + UniqueIds().add(game.folder.name, "game"),
        "title": f"LLM-Deliberation game {game.folder.name}",
        "description": _description(game, names is not None, low),
        "value_scale": {"min": low, "max": high},
        "weight_mode": "as-written",
        "out_of_scope": [
            "Bonus points and any other reward the benchmark's prompts or evaluation give "
            "beyond the score files.",
            "Adversarial incentives (greedy, targeted_adv, untargeted_adv): they change the "
            "prompts, not the score files, which are all the importer reads.",
            "The round-based protocol and the language models' behaviour.",
        ],
        "buckets": [{"id": "game", "title": "Game issues"}],
        "issues": issues,
        "parties": parties,
        "acceptance": {"rule": "quota", "quota": len(game.members) - 1, "veto": vetoes},
    }


def _description(game: _Game, named: bool, low: float) -> str:
    text = (
        f"Imported from the LLM-Deliberation game folder {game.folder.name!r}. Utility = the "
        "benchmark's points (sum of the party's scores of the chosen options); reservation "
        "value = the minimum acceptable score. A deal passes when at least N-1 parties accept, "
        "including both veto parties (roles p1 and p2)."
    )
    if not named:
        text += " Issue titles and option labels are the benchmark's codes (A, A1, ...)."
    if low < 0:
        text += (
            f" Some scores are negative: every utility is points + {-low:g} per issue and every "
            "reservation value is shifted by the same amount, so acceptance is unchanged."
        )
    if game.deal is not None:
        codes = ",".join(option.upper() for option in game.deal.values())
        text += f" p1's opening deal (initial_deal.txt, not a status quo): {codes}."
    return text
