"""The ``--llm-*``, ``--record``, ``--replay`` and ``--yes`` options of ``simulate`` and
``tournament``, added to both by one decorator so that they stay the same.

:func:`with_llm_options` appends the options to a command's signature and hands the command
one :class:`LLMOptions` (its ``llm`` parameter) instead. Before a run against an endpoint
that is not on this machine, :func:`confirm_cost` prints the cost estimate and asks for
confirmation (or needs ``--yes`` when there is no terminal to ask on).
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from grandbargain import api
from grandbargain.cli.common import bad_option, guarded, make_console, progress_bar

F = TypeVar("F", bound=Callable[..., Any])


class Fallback(StrEnum):
    """What an unusable reply counts as once its retries are spent."""

    REPEAT = "repeat"
    WALK_AWAY = "walk-away"


class JsonMode(StrEnum):
    """How the reply's JSON is asked for."""

    SCHEMA = "schema"
    OBJECT = "object"
    NONE = "none"


def _opt(flag: str, text: str, **extra: Any) -> Any:
    return typer.Option(flag, help=text, rich_help_panel="Language model (llm strategy)", **extra)


@dataclass(frozen=True)
class LLMOptions:
    """What the command line said about the ``llm`` strategy (see the how-to page)."""

    llm_url: Annotated[
        str | None,
        _opt(
            "--llm-url", "API base of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1."
        ),
    ] = None
    llm_model: Annotated[str, _opt("--llm-model", "Model name sent with each request.")] = "default"
    llm_key_env: Annotated[
        str | None,
        _opt(
            "--llm-key-env",
            "Environment variable holding the API key (never written anywhere); "
            "default GRANDBARGAIN_LLM_KEY.",
        ),
    ] = None
    llm_tools: Annotated[
        bool,
        _opt(
            "--llm-tools/--no-llm-tools",
            "Let the model ask the exact engine for its utility of a package.",
        ),
    ] = False
    llm_retries: Annotated[
        int, _opt("--llm-retries", "Re-asks after an invalid reply.", min=0, max=20)
    ] = 2
    llm_fallback: Annotated[
        Fallback, _opt("--llm-fallback", "What a move counts as once its retries are spent.")
    ] = Fallback.REPEAT
    llm_timeout: Annotated[
        float, _opt("--llm-timeout", "Seconds to wait for a reply.", min=0.001, max=3600)
    ] = 60.0
    llm_http_retries: Annotated[
        int, _opt("--llm-http-retries", "Re-sends after a 429, a 5xx or a timeout.", min=0, max=20)
    ] = 4
    llm_temperature: Annotated[
        float, _opt("--llm-temperature", "Sampling temperature.", min=0, max=2)
    ] = 0.0
    llm_max_tokens: Annotated[
        int, _opt("--llm-max-tokens", "Largest reply, in tokens.", min=1, max=1_000_000)
    ] = 400
    llm_json: Annotated[
        JsonMode,
        _opt(
            "--llm-json",
            "Ask for JSON by response_format json_schema, json_object, or the prompt alone.",
        ),
    ] = JsonMode.SCHEMA
    llm_history: Annotated[
        int, _opt("--llm-history", "Latest offers shown in each prompt.", min=0, max=10_000)
    ] = 12
    llm_concurrency: Annotated[
        int, _opt("--llm-concurrency", "Sessions run at once (tournament).", min=1, max=64)
    ] = 4
    llm_price_in: Annotated[
        float | None,
        _opt("--llm-price-in", "Price per 1,000 input tokens, for the estimate.", min=0),
    ] = None
    llm_price_out: Annotated[
        float | None,
        _opt("--llm-price-out", "Price per 1,000 output tokens, for the estimate.", min=0),
    ] = None
    record: Annotated[
        str | None,
        _opt(
            "--record", "Write every request and reply to this file (JSON Lines).", metavar="OUTPUT"
        ),
    ] = None
    replay: Annotated[
        str | None,
        _opt(
            "--replay",
            "Answer every request from this recording, without the endpoint.",
            metavar="FILE",
        ),
    ] = None
    yes: Annotated[bool, _opt("--yes", "Start a run against a hosted endpoint without asking.")] = (
        False
    )

    def settings(self) -> api.LLMSettings | None:
        """The settings (None without ``--llm-url``); bad values end the command."""
        url = self.llm_url
        if url is None:
            return None
        return guarded(
            lambda: api.LLMSettings(
                url=url,
                model=self.llm_model,
                key_env=self.llm_key_env or api.DEFAULT_LLM_KEY_ENV,
                tools=self.llm_tools,
                retries=self.llm_retries,
                fallback=self.llm_fallback.value,
                timeout=self.llm_timeout,
                http_retries=self.llm_http_retries,
                temperature=self.llm_temperature,
                max_tokens=self.llm_max_tokens,
                json_mode=self.llm_json.value,
                history=self.llm_history,
                concurrency=self.llm_concurrency,
                price_in=self.llm_price_in,
                price_out=self.llm_price_out,
            )
        )

    def check_files(self) -> None:
        """Check ``--record`` and ``--replay`` before any work."""
        if self.record is not None and self.replay is not None:
            bad_option("--record", "give --record or --replay, not both")
        record, replay = self.record, self.replay
        if record is not None:
            guarded(lambda: api.check_output(record, "--record"), record)
        if replay is not None:
            guarded(lambda: api.check_recording(replay), replay)


NO_LLM_OPTIONS = LLMOptions()
"""The default of a command's ``llm`` parameter (replaced by the options' values)."""


def with_llm_options(command: F) -> F:
    """Give ``command`` the options of :class:`LLMOptions` in place of its ``llm`` parameter."""
    signature = inspect.signature(command, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != "llm"]
    hints = inspect.get_annotations(LLMOptions, eval_str=True)
    added = [
        inspect.Parameter(
            f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=hints[f.name]
        )
        for f in fields(LLMOptions)
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        options = LLMOptions(**{f.name: kwargs.pop(f.name) for f in fields(LLMOptions)})
        return command(*args, llm=options, **kwargs)

    parameters = [*kept, *added]
    wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper  # type: ignore[return-value]


def confirm_cost(
    estimate: Callable[[], api.CostEstimate], settings: api.LLMSettings, options: LLMOptions
) -> None:
    """Before a run against an endpoint off this machine: print the estimate, then ask (or
    need ``--yes`` without a terminal). Replays and local servers cost nothing."""
    if options.replay is not None or settings.loopback:
        return
    err = make_console(stderr=True)
    err.print(f"The run sends requests to {settings.url} (model {settings.model}). Estimate:")
    for line in guarded(estimate).lines():
        err.print(f"  {line}")
    if options.yes:
        return
    if not sys.stdin.isatty():
        bad_option(
            "--yes",
            "a hosted endpoint may charge for this run: read the estimate above and pass --yes",
        )
    if not typer.confirm("Start the run?", default=False, err=True):
        raise typer.Exit(code=1)


@contextmanager
def llm_progress(
    settings: api.LLMSettings | None, label: str
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar for a run with a model (turns done), nothing otherwise."""
    if settings is None:
        yield None
        return
    with progress_bar(label) as tick:
        yield tick
