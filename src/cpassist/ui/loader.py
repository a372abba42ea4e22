"""The UI's assistant, built once in a background thread so the page is served at once.

Contract: `AssistantLoader(settings).start()` builds the configured `Assistant` off the request path
(once); `wait()` returns it or re-raises its loading error; `assistant(top_k, fast)` gives the variant
for one session's settings (sharing the retriever and the chat model, cached per (generator, top_k)).
When only the LLM fails to load, the extractive assistant is used and `model_warning` says why.

Not here: Gradio, rendering, answering (`cpassist.assistant`), building parts (`cpassist.build`).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

from cpassist.errors import CpassistError
from cpassist.settings import Settings
from cpassist.ui.strings import t

if TYPE_CHECKING:
    from cpassist.assistant import Assistant
    from cpassist.store import ChromaStore as Chroma
    from cpassist.ui.contract import Lookup

log = logging.getLogger("cpassist.app")


class AssistantLoader:
    """One lazily built `Assistant` per app, and its per-session variants."""

    def __init__(
        self, settings: Settings, assistant: Assistant | None = None, load: bool = True
    ) -> None:
        self.settings = settings
        self.model_warning: str | None = None  # the LLM failed to load; answers are extractive
        self._variants: dict[tuple[str, int], Assistant] = {}
        self._lock = threading.Lock()
        self._future: Future[Assistant] = Future()
        if assistant is not None:
            self._future.set_result(assistant)
        elif load:
            self.start()

    def start(self) -> None:
        """Build the assistant in a background thread (once); `wait()` waits for it."""
        with self._lock:
            if self._future.running() or self._future.done():
                return
            self._future.set_running_or_notify_cancel()

        def run() -> None:
            try:
                self._future.set_result(self._load())
            except BaseException as exc:  # kept in the future, shown in the UI and re-raised on use
                self._future.set_exception(exc)

        threading.Thread(target=run, name="cpassist-load", daemon=True).start()

    def _load(self) -> Assistant:
        """The configured assistant; when only the LLM fails, the extractive one with a warning."""
        from cpassist.build import build_assistant, build_retriever
        from cpassist.errors import ModelError

        try:
            retriever = build_retriever(self.settings)
            try:
                assistant = build_assistant(self.settings, retriever=retriever)
            except ModelError as exc:
                log.exception("the %s generator could not be loaded", self.settings.generator)
                self.model_warning = str(exc)
                assistant = build_assistant(
                    self.settings, generator="extractive", retriever=retriever
                )
        except Exception:
            log.exception("cpassist could not be loaded")
            raise
        log.info("assistant ready (generator %s)", assistant.generator_name)
        return assistant

    @property
    def ready(self) -> bool:
        """Loading has finished (successfully or not)."""
        return self._future.done()

    def wait(self, timeout: float | None = None) -> Assistant:
        """The loaded assistant (starts loading when needed); re-raises the loading error."""
        self.start()
        return self._future.result(timeout=timeout)

    def load_error(self, lang: str = "en") -> str | None:
        """The loading failure as a message a user can act on (a `CpassistError`'s message; for a
        bug, a generic line: the traceback is in the log), or None."""
        if not self._future.done():
            return None
        exc = self._future.exception()
        if exc is None:
            return None
        return str(exc) if isinstance(exc, CpassistError) else t(lang, "internal")

    def generator_name(self) -> str:
        """The loaded assistant's generator (call when `ready` without a `load_error`)."""
        return getattr(self._future.result(), "generator_name", self.settings.generator)

    def assistant(self, top_k: int | None = None, fast: bool = False) -> Assistant:
        """The assistant for a session's settings (waits for loading; raises its error)."""
        base = self.wait()
        generator = (
            "extractive" if fast else getattr(base, "generator_name", self.settings.generator)
        )
        top_k = int(top_k or self.settings.top_k)
        if top_k == self.settings.top_k and generator == getattr(base, "generator_name", generator):
            return base
        key = (generator, top_k)
        with self._lock:
            if key not in self._variants:
                self._variants[key] = self._variant(base, generator, top_k)
            return self._variants[key]

    def _variant(self, base: Assistant, generator: str, top_k: int) -> Assistant:
        from cpassist.build import build_assistant

        retriever = getattr(base, "retriever", None)
        if retriever is None:
            return base
        settings = self.settings.model_copy(update={"top_k": top_k})
        chat_model = None if generator == "extractive" else getattr(base, "chat_model", None)
        return build_assistant(
            settings, generator=generator, retriever=retriever, chat_model=chat_model
        )

    def vectorstore(self) -> Chroma | None:
        """The loaded assistant's vector store; None while loading, after a failure, or without one."""
        if not self._future.done() or self._future.exception():
            return None
        return getattr(getattr(self._future.result(), "retriever", None), "vectorstore", None)

    @staticmethod
    def lookup(assistant: Assistant) -> Lookup | None:
        """How `assistant` fetches passages by id (for parallels), when it can."""
        return getattr(getattr(assistant, "retriever", None), "get_by_ids", None)
