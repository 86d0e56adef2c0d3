"""Input errors that name the file, line, column and field of every problem."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file
        if not where:
            return f"{self.field}: {self.message}" if self.field else self.message
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class InputError(ValueError):
    """Bad input: the only error type loading a scenario lets escape.

    ``problems`` lists every problem found, each with file, line, column and field path.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


ScenarioError = InputError
"""Alias kept for readers who look for a scenario-specific name."""
