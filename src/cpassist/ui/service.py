"""The session service behind every UI event: answering (streamed, and once for `/chat`), the side
panel, feedback and uploads, over one lazily loaded `Assistant` (`cpassist.ui.loader`); the library
handlers (documents, picker, viewer, export) are `ChatService.library`.

Contract: one `ChatService` per app; everything per user lives in the `Session` passed in and handed
back (Gradio keeps it in a `gr.State`). Results are named tuples (`ChatUpdate`, `Rated`, `Commented`,
`Uploaded`) whose field order is the order of the event's outputs in `cpassist.ui.layout`. Bad input
and failures become a message in the user's language, never a raw exception text (that is logged).

Not here: Gradio (this module does not import it), HTML (`cpassist.ui.markup`), the payload
(`cpassist.ui.contract`), the side panel's text (`cpassist.ui.status`), answering itself
(`cpassist.assistant`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cpassist.errors import CpassistError
from cpassist.settings import Settings
from cpassist.ui import status
from cpassist.ui.checks import CONTROL_CHARS, check_question, checked_top_k, clean_text
from cpassist.ui.contract import AnswerPayload, ErrorPayload, build_payload, error_payload
from cpassist.ui.library_service import LibraryService, restrict, source_entries
from cpassist.ui.loader import AssistantLoader
from cpassist.ui.markup import doc, render_answer, upload_report
from cpassist.ui.session import EXPORTED, Message, Session, new_session
from cpassist.ui.strings import t
from cpassist.ui.uploads import Progress, ingest_uploads

if TYPE_CHECKING:
    from cpassist.assistant import Assistant
    from cpassist.schema import AnswerResult

log = logging.getLogger("cpassist.app")


class ChatUpdate(NamedTuple):
    """One step of a streamed exchange: the outputs (textbox, chat, session, last payload)."""

    textbox: str
    messages: list[Message]
    session: Session
    payload: AnswerPayload | dict[str, str] | None


class Rated(NamedTuple):
    status: str
    session: Session


class Commented(NamedTuple):
    comment_box: str
    status: str
    session: Session


class Uploaded(NamedTuple):
    report: str
    payload: dict[str, list[dict[str, Any]]]


def _internal_error(lang: str, exc: BaseException) -> str:
    """What a user sees for a bug or a crashed model (not a `CpassistError`): a generic line; the
    caller logs the traceback."""
    return t(lang, "internal")


class ChatService:
    """The UI's event handlers over one (lazily loaded) `Assistant`; unit-testable without a server."""

    def __init__(
        self, settings: Settings, assistant: Assistant | None = None, load: bool = True
    ) -> None:
        self.settings = settings
        self.loader = AssistantLoader(settings, assistant, load=load)
        self.library = LibraryService(settings, self.loader)

    # --- loading ----------------------------------------------------------------------------
    def start_loading(self) -> None:
        """Build the assistant in a background thread (once)."""
        self.loader.start()

    @property
    def ready(self) -> bool:
        return self.loader.ready

    def assistant(self, top_k: int | None = None, fast: bool = False) -> Assistant:
        """The assistant for this session's settings (waits for loading; raises its error)."""
        return self.loader.assistant(top_k, fast)

    # --- side panel -------------------------------------------------------------------------
    def status_markdown(self, lang: str = "id") -> str:
        """Corpus and generator summary for the side panel."""
        return status.status_markdown(self.loader, lang)

    def settings_markdown(self) -> str:
        """The retrieval settings in one small line."""
        return status.settings_markdown(self.settings)

    # --- answering --------------------------------------------------------------------------
    def answer_payload(
        self,
        question: str,
        history: Sequence[Message] | None = None,
        top_k: int | None = None,
        fast: bool = False,
        docs: Sequence[str] | None = None,
    ) -> AnswerPayload | ErrorPayload:
        """Ask once (no streaming) and return the JSON payload; bad input gives {"error": ...}.
        `docs`: the document ids the answer may cite (empty: all)."""
        from cpassist.language import question_language

        cleaned, problem = check_question(
            question, self.settings, question_language(question or "")
        )
        if problem:
            return error_payload(problem)
        try:
            assistant = restrict(self.assistant(checked_top_k(top_k), fast), docs, self.settings)
            result = assistant.ask(cleaned, history=list(history or []))
        except CpassistError as exc:
            return error_payload(str(exc))
        except Exception as exc:  # a bug or a crashed model: an error payload, the trace in the log
            log.exception("answering over the API failed")
            return error_payload(_internal_error("en", exc))
        return build_payload(result, self.loader.lookup(assistant))

    def respond(
        self,
        message: str,
        messages: list[Message] | None,
        session: Session | None,
        top_k: int | None = None,
        fast: bool = False,
        ui_lang: str = "id",
        docs: Sequence[str] | None = None,
    ) -> Iterator[ChatUpdate]:
        """Stream one exchange: the question, a "searching" line, the draft, the verified answer
        (from the documents `docs` only, when given)."""
        from cpassist.language import detect_language

        messages = list(messages or [])
        session = session or new_session()
        text = message or ""
        lang = detect_language(text, default=ui_lang) if text.strip() else ui_lang
        cleaned, problem = check_question(message, self.settings, lang)
        if problem:
            shown = text.strip()
            if shown:
                shown = CONTROL_CHARS.sub("", shown[:300]) + ("…" if len(shown) > 300 else "")
                messages.append({"role": "user", "content": doc(shown) or "…"})
            messages.append({"role": "assistant", "content": f"{problem}"})
            # keep the text so it can be edited
            yield ChatUpdate(text if text.strip() else "", messages, session, {"error": problem})
            return
        messages.append({"role": "user", "content": doc(cleaned)})
        messages.append({"role": "assistant", "content": t(lang, "thinking")})
        yield ChatUpdate("", list(messages), session, None)

        result: AnswerResult | None = None
        error = ""
        try:
            top_k = checked_top_k(top_k)
            assistant = restrict(self.assistant(top_k, fast), docs, self.settings)
            streamed = ""
            for event in assistant.stream(cleaned, history=list(session["turns"])):
                if event.type == "token" and event.text:
                    streamed += event.text
                    draft = f'{doc(streamed)} ▍\n\n<div class="cp-draft">{t(lang, "draft")}</div>'
                    messages[-1] = {"role": "assistant", "content": draft}
                    yield ChatUpdate("", list(messages), session, None)
                elif event.type == "final" and event.result is not None:
                    result = event.result
            if result is None:
                raise CpassistError("the assistant returned no answer")
        except CpassistError as exc:
            error = t(lang, "error", msg=str(exc))
        except Exception as exc:  # a bug or a crashed model: tell the user, log the trace
            log.exception("answering failed")
            error = t(lang, "error", msg=_internal_error(lang, exc))
        if result is None:
            messages[-1] = {"role": "assistant", "content": f"⚠ {doc(error)}"}
            yield ChatUpdate("", list(messages), session, {"error": error})
            return

        payload = build_payload(result, self.loader.lookup(assistant))
        messages[-1] = {"role": "assistant", "content": render_answer(payload)}
        record = {
            "question": cleaned,
            "answer": result.answer,
            "citations": payload["citations"],
            "standalone_question": result.standalone_question,
            "language": result.language,
            "abstained": result.abstained,
            "generator": result.generator,
            "settings": self._settings_record(top_k, fast),
        }
        turn = len(session.get("results", [])) + 1
        session = {
            **session,
            "results": [*session.get("results", []), result.model_dump(include=EXPORTED)],
            "sources": [*session.get("sources", []), *source_entries(dict(payload), turn, lang)],
            "turns": [
                *session["turns"],
                {"role": "user", "content": cleaned},
                {"role": "assistant", "content": result.answer},
            ],
            "records": {**session["records"], str(len(messages) - 1): record},
        }
        yield ChatUpdate("", list(messages), session, payload)

    def _settings_record(self, top_k: int | None, fast: bool) -> dict[str, Any]:
        s = self.settings
        return {
            "top_k": int(top_k or s.top_k),
            "generator": "extractive" if fast else s.generator,
            "embedder": s.embedder,
            "candidates": s.candidates,
            "rrf_k": s.rrf_k,
            "diversify": s.diversify,
            "include_parallel": s.include_parallel,
            "chunk_sentences": s.chunk_sentences,
            "chunk_overlap": s.chunk_overlap,
        }

    # --- feedback ---------------------------------------------------------------------------
    def rate(
        self,
        index: int | Sequence[int],
        liked: object,
        session: Session | None,
        ui_lang: str = "id",
    ) -> Rated:
        """Record thumbs up/down on the answer at chat `index` (Gradio's `LikeData` fields)."""
        from cpassist.feedback import FeedbackRecord, append_feedback

        session = session or new_session()
        if isinstance(index, list | tuple):
            index = index[0]
        record = session["records"].get(str(index))
        vote = str(liked).strip().lower()
        if liked is True or vote in ("like", "true", "up"):
            rating = "up"
        elif liked is False or vote in ("dislike", "false", "down"):
            rating = "down"
        else:  # un-liked, or an option we do not know
            return Rated("", session)
        if record is None:
            return Rated("", session)
        saved = append_feedback(
            self.settings.feedback_file, FeedbackRecord(rating=rating, **record)
        )
        session = {**session, "last_rated": saved.model_dump()}
        return Rated(t(ui_lang, "rated", rating=t(ui_lang, f"rating_{rating}")), session)

    def comment(self, text: str, session: Session | None, ui_lang: str = "id") -> Commented:
        """Attach a comment to the last rating."""
        from cpassist.feedback import FeedbackRecord, append_feedback

        session = session or new_session()
        last = session.get("last_rated")
        cleaned = clean_text(text)
        if last is None:
            return Commented(text, t(ui_lang, "rate_first"), session)
        if not cleaned:
            return Commented(text, "", session)
        saved = append_feedback(
            self.settings.feedback_file, FeedbackRecord(**{**last, "comment": cleaned})
        )
        return Commented("", t(ui_lang, "commented"), {**session, "last_rated": saved.model_dump()})

    # --- uploads ----------------------------------------------------------------------------
    def upload(
        self,
        files: Sequence[str | Path | Any] | None,
        ui_lang: str = "id",
        progress: Progress | None = None,
    ) -> Uploaded:
        """Copy uploaded files under `uploads_dir` (sanitised names) and ingest each one: the
        markdown report and the JSON payload {"files": [{name, status, reason, chunks, ...}]}."""
        paths = [Path(getattr(f, "name", f)) for f in (files or []) if f]
        if not paths:
            return Uploaded(t(ui_lang, "no_files"), {"files": []})
        vectorstore = None
        try:
            self.loader.wait()
            vectorstore = self.loader.vectorstore()
        except Exception:
            pass  # the ingest builds its own store; its error is reported per file
        results = ingest_uploads(paths, self.settings, ui_lang, vectorstore, progress)
        rows = [r.to_json() for r in results]
        return Uploaded(upload_report(rows, ui_lang), {"files": rows})
