"""What the routes of one app share: its settings, its pool and its page template.

:func:`create_app <grandbargain.web.app.create_app>` builds one :class:`WebContext` and keeps
it in ``app.state.context``; routes ask for it as a FastAPI dependency (:data:`Context`), so
each route is a plain module-level function whose inputs are all in its signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from jinja2 import Template

from grandbargain import api
from grandbargain.api import ShippedScenario
from grandbargain.web.briefings import BriefingCache
from grandbargain.web.jobs import Limits
from grandbargain.web.pool import WorkPool
from grandbargain.web.requests import MAX_ROUNDS


@dataclass(frozen=True)
class WebContext:
    """One app's settings, worker pool, page template and briefing cache."""

    pool: WorkPool
    limits: Limits
    json_limit: int
    """Largest JSON request body, in bytes."""
    shipped: tuple[ShippedScenario, ...]
    default: str | None
    """The shipped scenario the page opens with."""
    scenario_file: tuple[str, str] | None
    """A ``(name, YAML text)`` the page opens instead."""
    page: Template
    briefings: BriefingCache
    """The what-if briefings already computed (:mod:`.briefings`)."""

    def shipped_rows(self) -> list[dict[str, Any]]:
        """The shipped scenarios as the page and ``/api/scenarios`` list them."""
        return [
            {"id": s.name, "title": s.title, "parties": s.parties, "issues": s.issues}
            for s in self.shipped
        ]

    def page_config(self) -> dict[str, Any]:
        """The data the page's script starts from."""
        name_text = self.scenario_file
        return {
            "shipped": self.shipped_rows(),
            "default": self.default,
            "file": None if name_text is None else {"name": name_text[0], "text": name_text[1]},
            "strategies": api.strategy_descriptions(),
            "solution_names": api.SOLUTION_NAMES,
            "max_upload_bytes": self.limits.max_text_bytes,
            "max_rounds": MAX_ROUNDS,
        }


def web_context(request: Request) -> WebContext:
    """The context of the app answering ``request``."""
    context = request.app.state.context
    assert isinstance(context, WebContext)
    return context


Context = Annotated[WebContext, Depends(web_context)]
"""A route parameter that receives the app's :class:`WebContext`."""
