"""Pairing a phone: who counts as "this computer", pairing codes, and their rate limits.

Supple has no accounts. A request from the computer itself (a loopback peer) is the
person at their own keyboard; anything else must present the token of a device that
was paired by typing or scanning a short code shown on that computer. Everything here
is plain values and an injected clock, so each rule is tested without sockets or sleeps:

* ``is_loopback_peer`` decides from the socket's peer address alone; a Host header or
  a forwarded-for header can be chosen by the sender and is never consulted.
* ``PairingCodes`` issues 8-digit codes that work once and expire after 10 minutes,
  compared in constant time.
* ``AttemptLimiter`` refuses further tries after too many wrong codes, from one address
  and from all addresses together (many addresses on a LAN cost an attacker nothing).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

CODE_DIGITS = 8
CODE_LIFETIME_SECONDS = 10 * 60
# Wrong codes allowed in a window before that address (or everyone) must wait.
ATTEMPTS_PER_ADDRESS = 5
ATTEMPTS_OVERALL = 20
ATTEMPT_WINDOW_SECONDS = 10 * 60
DEVICE_TOKEN_BYTES = 32

Clock = Callable[[], float]


def is_loopback_peer(peer: str | None) -> bool:
    """True when the connection's peer address is this computer's loopback.

    ``peer`` is the address the socket reports (ASGI ``scope["client"][0]``). 127.0.0.0/8,
    ``::1`` and IPv4-mapped loopback (``::ffff:127.0.0.1``, what a dual-stack socket
    reports) count; a name, an empty or unknown peer (a Unix socket, a test client) does
    not, so the safer answer wins whenever the address cannot be read.
    """
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def normalise_code(typed: str) -> str | None:
    """The digits of a typed code (spaces and dashes dropped), or None when it cannot be one."""
    digits = "".join(ch for ch in typed if ch not in " -")
    if len(digits) == CODE_DIGITS and all("0" <= ch <= "9" for ch in digits):
        return digits
    return None


def show_code(code: str) -> str:
    """A code as people read it aloud: two groups of four digits."""
    return f"{code[:4]} {code[4:]}"


def new_device_token() -> str:
    """A long-lived random token for one paired device (256 bits, URL-safe)."""
    return secrets.token_urlsafe(DEVICE_TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps instead of the token: its SHA-256, in hex.

    The token is random and long, so a plain hash is enough: a copy of the database
    reveals no token that could be replayed.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str
    expires_at: float


class PairingCodes:
    """The pairing codes this server has shown and not yet used; they live in memory only,
    so a restart forgets every one of them (the safe direction)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._live: dict[str, float] = {}
        self._lock = threading.Lock()

    def issue(self) -> IssuedCode:
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        expires = self._clock() + CODE_LIFETIME_SECONDS
        with self._lock:
            self._drop_expired()
            self._live[code] = expires
        return IssuedCode(code, expires)

    def redeem(self, typed: str) -> bool:
        """True once for a live code; it is gone afterwards. Every live code is compared,
        each in constant time, so timing reveals neither a match nor how close a guess was."""
        candidate = normalise_code(typed) or "0" * CODE_DIGITS + "x"
        with self._lock:
            self._drop_expired()
            found = None
            for code in list(self._live):
                if hmac.compare_digest(code.encode(), candidate.encode()):
                    found = code
            if found is None:
                return False
            del self._live[found]
            return True

    def revoke_all(self) -> None:
        with self._lock:
            self._live.clear()

    def live_count(self) -> int:
        with self._lock:
            self._drop_expired()
            return len(self._live)

    def _drop_expired(self) -> None:
        now = self._clock()
        for code, expires in list(self._live.items()):
            if expires <= now:
                del self._live[code]


class AttemptLimiter:
    """Counts wrong pairing codes in a sliding window, per address and for everyone."""

    def __init__(
        self,
        clock: Clock,
        *,
        per_address: int = ATTEMPTS_PER_ADDRESS,
        overall: int = ATTEMPTS_OVERALL,
        window: float = ATTEMPT_WINDOW_SECONDS,
    ) -> None:
        self._clock = clock
        self._per_address = per_address
        self._overall = overall
        self._window = window
        self._failures: deque[tuple[float, str]] = deque()
        self._lock = threading.Lock()

    def allowed(self, address: str) -> bool:
        """Whether ``address`` may try a code now."""
        with self._lock:
            self._forget_old()
            if len(self._failures) >= self._overall:
                return False
            mine = sum(1 for _, who in self._failures if who == address)
            return mine < self._per_address

    def failed(self, address: str) -> None:
        with self._lock:
            self._forget_old()
            self._failures.append((self._clock(), address))

    def _forget_old(self) -> None:
        cutoff = self._clock() - self._window
        while self._failures and self._failures[0][0] <= cutoff:
            self._failures.popleft()
