"""Login throttling for the chat UI's `user:password` login (Gradio calls an auth callable with the
user name and password only).

Contract: `LoginThrottle(user, password).check` is Gradio's auth callable: constant-time comparison,
every failure answered `LOGIN_FAIL_DELAY_S` late, HTTP 429 for a client address after
`LOGIN_MAX_FAILURES` failures within `LOGIN_WINDOW_S`. `ClientAddressMiddleware` makes the request's
client address visible to it. Not here: whether a login is required (`cpassist.ui.checks.check_bind`)
or how the server is launched (`cpassist.ui.serve`).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

log = logging.getLogger("cpassist.app")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOGIN_MAX_FAILURES = 5  #: failed logins allowed per client address within LOGIN_WINDOW_S
LOGIN_WINDOW_S = 300.0
LOGIN_FAIL_DELAY_S = 1.0  #: every failed login is answered this much later
_CLIENT: contextvars.ContextVar[str] = contextvars.ContextVar("cpassist_client", default="?")


class ClientAddressMiddleware:
    """Pure ASGI middleware: makes each HTTP request's client address visible to `LoginThrottle`
    (through a context variable; Gradio does not pass the request to an auth callable)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = _CLIENT.set(str(client[0]) if client else "?")
        try:
            await self.app(scope, receive, send)
        finally:
            _CLIENT.reset(token)


class LoginThrottle:
    """Checks one `user:password` pair in constant time; after `max_failures` failed logins from a
    client address within `window_s`, that address gets HTTP 429 (correct password or not) until the
    oldest failure leaves the window. Each failure is answered `delay_s` late (without blocking the
    server). Behind a proxy every client shares the proxy's address: the lockout is then shared too."""

    def __init__(
        self,
        user: str,
        password: str,
        *,
        max_failures: int | None = None,
        window_s: float | None = None,
        delay_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._user = user.encode("utf-8", "surrogatepass")
        self._password = password.encode("utf-8", "surrogatepass")
        self.max_failures = LOGIN_MAX_FAILURES if max_failures is None else max_failures
        self.window_s = LOGIN_WINDOW_S if window_s is None else window_s
        self.delay_s = LOGIN_FAIL_DELAY_S if delay_s is None else delay_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        if len(self._failures) > 10_000:  # forget clients whose failures all left the window
            for key in [k for k, v in self._failures.items() if now - v[-1] > self.window_s]:
                del self._failures[key]
        recent = self._failures.setdefault(client, deque())
        while recent and now - recent[0] > self.window_s:
            recent.popleft()
        return recent

    def retry_after(self, client: str) -> float:
        """Seconds until `client` may try again (0: now)."""
        with self._lock:
            now = self._clock()
            recent = self._recent(client, now)
            if len(recent) < self.max_failures:
                return 0.0
            return max(0.0, self.window_s - (now - recent[0]))

    def verify(self, username: str, password: str) -> bool:
        """The credentials are right (constant time in the password)."""
        import secrets

        user_ok = secrets.compare_digest(username.encode("utf-8", "surrogatepass"), self._user)
        password_ok = secrets.compare_digest(
            password.encode("utf-8", "surrogatepass"), self._password
        )
        return user_ok and password_ok

    async def __call__(self, username: str, password: str) -> bool:
        return await self.check(username, password)

    async def check(self, username: str, password: str) -> bool:
        """Gradio's auth callable: True to log in, False for wrong credentials, HTTP 429 when
        this client failed too often."""
        from fastapi import HTTPException

        client = _CLIENT.get()
        wait = self.retry_after(client)
        if wait > 0:
            log.warning("login refused: too many failures from %s", client)
            raise HTTPException(
                status_code=429,
                detail=f"Too many failed logins from this address; try again in {math.ceil(wait)} s.",
                headers={"Retry-After": str(math.ceil(wait))},
            )
        if self.verify(username or "", password or ""):
            return True
        with self._lock:
            self._recent(client, self._clock()).append(self._clock())
        log.warning("failed login from %s", client)
        await asyncio.sleep(self.delay_s)
        return False
