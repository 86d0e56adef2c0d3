"""What a run with the ``llm`` strategy will cost, before it starts.

An estimate, not a bill: each ``llm`` seat makes about one request per round (an offer, an
answer carrying its counter-offer, or a vote), so a session of R rounds with S such seats
makes about R x S requests, and at most ``(retries + 1)`` times that (times
``MAX_TOOL_ROUNDS + 1`` with tools) when every reply is invalid. A request's input is
measured on the real prompt of the first such seat, with the offer history full, at about
4 characters per token (OpenAI's rule of thumb for English; a tokenizer may differ by a
quarter either way); its output at ``EXPECTED_OUT`` tokens (a short JSON move), at most
``max_tokens``. Costs use the prices per 1,000 tokens of the settings, or are unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grandbargain.model.schema import Scenario
from grandbargain.simulate.base import HistoryView, Observation, Offer
from grandbargain.simulate.context import SimulationContext, build_context
from grandbargain.simulate.llm.prompt import public_view, system_message, user_message
from grandbargain.simulate.llm.settings import LLMSettings
from grandbargain.simulate.llm.strategy import MAX_TOOL_ROUNDS

CHARS_PER_TOKEN = 4.0
EXPECTED_OUT = 80
"""Tokens of a typical reply: the JSON move with a one-sentence note."""


@dataclass(frozen=True)
class CostEstimate:
    """Requests, tokens and cost of a run: expected, and at most (every retry spent)."""

    sessions: int
    requests: int
    max_requests: int
    tokens_in: int
    tokens_out: int
    max_tokens_in: int
    max_tokens_out: int
    cost: float | None
    max_cost: float | None

    def lines(self) -> list[str]:
        """The estimate in words, one line each."""
        cost = "unknown (give --llm-price-in and --llm-price-out per 1,000 tokens)"
        if self.cost is not None and self.max_cost is not None:
            cost = f"about {self.cost:,.4f}, at most {self.max_cost:,.4f}"
        return [
            f"{self.sessions} session(s) with a language model; about {self.requests:,} "
            f"requests (at most {self.max_requests:,} if every reply had to be asked again)",
            f"tokens: about {self.tokens_in:,} in and {self.tokens_out:,} out "
            f"(at most {self.max_tokens_in:,} in and {self.max_tokens_out:,} out)",
            f"cost: {cost}",
        ]


def prompt_tokens(context: SimulationContext, party: int, settings: LLMSettings, turns: int) -> int:
    """Estimated input tokens of one request of ``party``, with the history window full."""
    view = public_view(context.scenario, context.space)
    preferences = context.preferences[party]
    package = preferences.curve.rows[0]
    shown = min(settings.history, turns)
    log = [Offer(k, k, (party + 1 + k) % context.n_parties, package) for k in range(shown)]
    observation = Observation(
        party, context.n_parties, preferences, 0.5, None, shown, shown, turns, 0.5,
        HistoryView(log, len(log)), log[-1] if log else None,
    )  # fmt: skip
    kind = "vote" if view.voting else "respond"
    text = system_message(view, preferences, settings.tools) + user_message(
        view, observation, kind, settings.history
    )
    return int(len(text) / CHARS_PER_TOKEN) + 1


def _estimate(
    sessions: Sequence[tuple[int, int]], rounds: int, settings: LLMSettings
) -> CostEstimate:
    """``sessions``: (llm seats, input tokens per request) of each session."""
    factor = (settings.retries + 1) * ((MAX_TOOL_ROUNDS + 1) if settings.tools else 1)
    requests = sum(rounds * seats for seats, _ in sessions)
    tokens_in = sum(rounds * seats * size for seats, size in sessions)
    tokens_out = requests * EXPECTED_OUT
    max_in = tokens_in * factor
    max_out = requests * factor * settings.max_tokens
    cost = max_cost = None
    if settings.price_in is not None and settings.price_out is not None:
        cost = (tokens_in * settings.price_in + tokens_out * settings.price_out) / 1000
        max_cost = (max_in * settings.price_in + max_out * settings.price_out) / 1000
    return CostEstimate(
        len(sessions), requests, requests * factor, tokens_in, tokens_out, max_in, max_out,
        cost, max_cost,
    )  # fmt: skip


def simulation_cost(
    scenario: Scenario,
    names: Mapping[str, str],
    rounds: int,
    stages: int,
    settings: LLMSettings,
) -> CostEstimate:
    """The estimate for one simulation of ``stages`` stages (each up to ``rounds`` rounds)."""
    context = build_context(scenario, rounds)
    seats = [p for p, party in enumerate(context.space.parties) if names.get(party) == "llm"]
    if not seats:
        return _estimate([], rounds, settings)
    size = prompt_tokens(context, seats[0], settings, rounds * context.n_parties)
    return _estimate([(len(seats), size)] * stages, rounds, settings)


def tournament_cost(
    scenarios: Sequence[Scenario],
    strategies: Sequence[str],
    repeats: int,
    rounds: int,
    settings: LLMSettings,
) -> CostEstimate:
    """The estimate for a tournament (see :mod:`grandbargain.simulate.tournament`)."""
    from grandbargain.simulate.tournament import pairings

    sessions = []
    for scenario in scenarios:
        context = build_context(scenario, rounds)
        size = prompt_tokens(context, 0, settings, rounds * context.n_parties)
        for _, _, seats in pairings(strategies, context.n_parties):
            count = sum(1 for name in seats if name == "llm")
            if count:
                sessions += [(count, size)] * repeats
    return _estimate(sessions, rounds, settings)
