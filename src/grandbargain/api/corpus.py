"""Where the evidence corpus lives: a function of :mod:`grandbargain.api`.

It imports the engine it calls when it is called, so that importing the api stays cheap.
"""

from __future__ import annotations

import os


def corpus_path(db: str | os.PathLike[str] | None, create: bool) -> os.PathLike[str]:
    """The evidence corpus database for ``--db`` (``None``: ``corpus.sqlite`` in the user data
    folder, which may be missing), checked before use: a folder, a missing folder or - unless
    ``create`` - a named database file that does not exist is an :class:`InputError` naming
    the path."""
    from grandbargain.evidence.db import check_path

    return check_path(None if db is None else os.fspath(db), create, missing_ok=db is None)
