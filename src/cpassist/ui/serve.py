"""Serving the chat UI: launch options, `serve`, and `main` (`python app.py`, `cpassist serve`).

Contract: `launch_options(settings)` checks the bind (no public address without `CPASSIST_AUTH`),
picks a free port for port 0, and never shares (`share=False`); `serve(demo, settings, **overrides)`
launches with them, a `(user, password)` login checked by a `LoginThrottle`; `main(settings)` serves
the page at once, loads the models in the background, and returns an exit status (2 for a setting a
user must change, 130 for Ctrl-C).

Not here: the components (`cpassist.ui.layout`), the handlers (`cpassist.ui.service`).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from importlib import resources
from typing import Any

import cpassist  # noqa: F401  (sets the offline environment before gradio is imported)
from cpassist.errors import CpassistError
from cpassist.settings import Settings
from cpassist.ui.auth import ClientAddressMiddleware, LoginThrottle
from cpassist.ui.checks import check_bind

import gradio as gr  # noqa: E402  isort: skip

#: System fonts only: the default theme fonts come from Google Fonts, which an offline browser lacks.
SYSTEM_FONTS = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "DejaVu Sans", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "DejaVu Sans Mono", "monospace"]


def css() -> str:
    """The UI's stylesheet (package data: `cpassist/ui/style.css`)."""
    return resources.files("cpassist.ui").joinpath("style.css").read_text(encoding="utf-8")


def launch_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for `Blocks.launch` (bind address, auth, limits, theme); checks the bind."""
    auth = check_bind(settings)
    port = settings.port
    if port == 0:
        with socket.socket() as s:
            s.bind((settings.host if settings.host != "localhost" else "127.0.0.1", 0))
            port = s.getsockname()[1]
    return {
        "server_name": settings.host,
        "server_port": port,
        "auth": auth,
        "auth_message": "cpassist: log in with the credentials set in CPASSIST_AUTH.",
        "share": False,
        "max_file_size": f"{settings.max_upload_mb}mb",
        "ssr_mode": False,
        "show_error": False,
        "footer_links": [],
        "theme": gr.themes.Soft(
            primary_hue="teal", secondary_hue="sky", font=SYSTEM_FONTS, font_mono=MONO_FONTS
        ),
        "css": css(),
    }


def serve(demo: gr.Blocks, settings: Settings, **overrides: Any) -> tuple[Any, str, str | None]:
    """Launch `demo` with `launch_options(settings)` (overridden by `overrides`); a `(user, password)`
    auth pair is checked by a `LoginThrottle` (failed logins throttled per client address).
    Returns Gradio's (app, local URL, share URL)."""
    options = launch_options(settings) | overrides
    options["share"] = False
    auth = options.get("auth")
    if isinstance(auth, tuple) and len(auth) == 2:  # a plain pair: check it with throttling
        from starlette.middleware import Middleware

        options["auth"] = LoginThrottle(*auth).check
        app_kwargs = dict(options.get("app_kwargs") or {})
        app_kwargs["middleware"] = [
            *app_kwargs.get("middleware", []),
            Middleware(ClientAddressMiddleware),
        ]
        options["app_kwargs"] = app_kwargs
    return demo.launch(**options)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(settings: Settings | None = None) -> int:
    """Check the bind, build the app, serve it until Ctrl-C (`settings`: default from CPASSIST_*);
    returns 2 when the settings are refused, else ends the process once the server is closed."""
    from cpassist.ui.layout import create_app

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings() if settings is None else settings
        auth = check_bind(settings)
    except (CpassistError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    where = f"http://{settings.host}:{settings.port}"
    if auth:
        print(f"cpassist UI on {where}: login required (user {auth[0]!r}, from CPASSIST_AUTH).")
    else:
        print(
            f"cpassist UI on {where} (this machine only; set CPASSIST_HOST and CPASSIST_AUTH to share)."
        )
    # Ctrl-C and a service manager's SIGTERM both stop the server, also when the process was started
    # with SIGINT ignored (a background job of a non-interactive shell, as under CI)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    demo = create_app(settings, load=False)
    code = 0
    try:
        serve(demo, settings, prevent_thread_lock=True)
        demo.cpassist_service.start_loading()  # after the page is served: start-up stays fast
        demo.block_thread()
    except KeyboardInterrupt:
        code = 130
    finally:
        demo.close()
    # the server is closed: exit now, without waiting for library threads (model runtimes, HTTP
    # pools, Gradio's queue) that do not stop on Ctrl-C and held a test's process for over 30 s
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
