"""The chat UI: a Gradio app over the package's public API (`cpassist serve`, `python app.py`).

Modules, one idea each: `strings` (all interface text, both languages), `checks` (input checks, upload
names, the bind check), `auth` (login throttling), `contract` (the `/chat` JSON payload), `markup`
(answers and passages as chat HTML), `session` (per-session state), `loader` (the assistant, loaded
in the background), `uploads` (upload and ingest), `service` (the session service behind every
event; no Gradio), `library_service` (documents tab, picker, source viewer, export; no Gradio),
`viewer` and `pdfpage` (a cited passage in its source: the PDF page with the sentence boxed, or the
text around it), `layout` and `library_layout` (the `gr.Blocks`), `serve` (launch options, `serve`,
`main`).

No retrieval, prompting or verification logic lives here (that is `cpassist.*` and `ingest`). Importing
this package imports no Gradio; the names below load their module on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cpassist.ui.contract import build_payload
    from cpassist.ui.layout import create_app
    from cpassist.ui.serve import launch_options, main, serve
    from cpassist.ui.service import ChatService

__all__ = ["ChatService", "build_payload", "create_app", "launch_options", "main", "serve"]

_HOMES = {
    "ChatService": "service",
    "build_payload": "contract",
    "create_app": "layout",
    "launch_options": "serve",
    "main": "serve",
    "serve": "serve",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"cpassist.ui.{_HOMES[name]}"), name)
    raise AttributeError(name)
