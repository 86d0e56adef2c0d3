"""The local what-if web app (``grandbargain serve``): FastAPI, Jinja2 templates and a small
hand-written script; plotly.js is served from the installed plotly package, so the page makes
no request beyond this server.

The web layer renders only: it calls :mod:`grandbargain.api` and the report package.
"""

from __future__ import annotations

from grandbargain.web.app import MAX_UPLOAD_BYTES, create_app

__all__ = ["MAX_UPLOAD_BYTES", "create_app"]
