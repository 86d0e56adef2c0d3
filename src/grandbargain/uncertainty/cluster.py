"""Connecting to a Dask distributed scheduler, with every expected failure an input error.

The address is checked before anything is computed (:func:`scheduler_address`): a scheme
Dask speaks, a host and a port. A ``tcp`` scheduler is then tried with a plain socket, so a
refused connection or an unknown host is reported at once instead of after Dask's own
time-out. Needs the ``dask`` extra (``distributed``).
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from typing import Any

from grandbargain.model.errors import InputError, Problem
from grandbargain.optional import require

FIELD = "--scheduler"
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
"""Transports of Dask distributed addresses (``inproc`` is for one process only)."""
CONNECT_SECONDS = 10
_HOST = re.compile(r"\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")


@dataclass(frozen=True)
class SchedulerAddress:
    """A checked scheduler address (``host`` without the brackets of an IPv6 address)."""

    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def _bad(address: str, why: str) -> InputError:
    shown = address if len(address) <= 80 else address[:80] + "..."
    message = f"{shown!r} is not a scheduler address ({why}); expected e.g. tcp://HOST:8786"
    return InputError([Problem("", 0, 0, FIELD, message)])


def scheduler_address(address: str) -> SchedulerAddress:
    """``address`` (``SCHEME://HOST:PORT``, or ``HOST:PORT`` for tcp) checked."""
    scheme, separator, rest = address.strip().partition("://")
    if not separator:
        scheme, rest = "tcp", address.strip()
    if scheme not in SCHEMES:
        raise _bad(address, f"the scheme must be one of {', '.join(SCHEMES)}")
    host, colon, port = rest.rpartition(":")
    if not colon or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        raise _bad(address, "it needs a port number from 1 to 65535")
    if not _HOST.fullmatch(host):
        raise _bad(address, "it needs a host name or IP address")
    return SchedulerAddress(scheme, host.strip("[]"), int(port))


def _unreachable(address: SchedulerAddress, error: BaseException) -> InputError:
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return InputError([Problem("", 0, 0, FIELD, f"cannot reach {address}: {reason}")])


def connect(address: str) -> Any:
    """A ``distributed.Client`` connected to the scheduler at ``address``.

    Raises :class:`InputError` for a missing ``distributed``, a malformed address or a
    scheduler that cannot be reached.
    """
    distributed = require("distributed", "running draws on a Dask cluster", FIELD)
    checked = scheduler_address(address)
    if checked.scheme == "tcp":
        try:
            socket.create_connection((checked.host, checked.port), CONNECT_SECONDS).close()
        except (OSError, UnicodeError) as error:  # refused, unknown host, timed out
            raise _unreachable(checked, error) from None
    try:
        return distributed.Client(str(checked), timeout=f"{CONNECT_SECONDS}s")
    except (OSError, ValueError) as error:
        raise _unreachable(checked, error) from None
