"""The chat UI's `gr.Blocks`: the components, where they sit, and which service call each event runs.

Contract: `create_app(settings, assistant=None, load=True)` returns the Blocks with the public API
endpoints `/chat` (question, history, top_k, fast, docs -> the `cpassist.ui.contract` payload; `docs`,
optional, limits the answer to those document ids) and `/upload` (files -> report, `{"files": [...]}`
rows, side panel); every other event is private. Two tabs: the chat, and the Documents tab with the
library parts (`cpassist.ui.library_layout`). The interface
language switch relabels the components through one named table (`relabel_table`), which is also the
event's outputs list, so the two cannot drift. `demo.cpassist_service` is the app's `ChatService`.

Not here: what a handler does (`cpassist.ui.service`), launch options (`cpassist.ui.serve`), texts
(`cpassist.ui.strings`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cpassist  # noqa: F401  (sets the offline environment before gradio is imported)
from cpassist.settings import Settings
from cpassist.ui import library_layout
from cpassist.ui.checks import UPLOAD_TYPES, discard_upload
from cpassist.ui.service import ChatService, Session, new_session
from cpassist.ui.strings import EXAMPLES, TEXT

import gradio as gr  # noqa: E402  isort: skip
from gradio.blocks import Block  # noqa: E402  isort: skip  (a runtime name: Gradio reads the hints)

if TYPE_CHECKING:
    from cpassist.assistant import Assistant

#: How the language switch updates one component: (texts of the new language, language) -> update.
Relabel = Callable[[dict[str, str], str], Any]


def _discard_when_refused(component: gr.File) -> None:
    """When Gradio itself refuses an upload (a file type outside `file_types`, before any handler
    runs), delete the request's files from its upload cache instead of keeping them forever."""
    original = component.preprocess

    def preprocess(payload: Any) -> Any:
        try:
            return original(payload)
        except gr.Error:
            items = getattr(payload, "root", payload)
            for item in items if isinstance(items, list) else [items]:
                if getattr(item, "path", None):
                    discard_upload(Path(item.path))
            raise

    component.preprocess = preprocess  # type: ignore[method-assign]


def create_app(
    settings: Settings | None = None, assistant: Assistant | None = None, *, load: bool = True
) -> gr.Blocks:
    """The Gradio app. Pass `assistant` to use a ready one (tests); else it is built in a background
    thread, started now, or with `load=False` by `demo.cpassist_service.start_loading()` (or the
    first question)."""
    settings = settings or Settings()
    service = ChatService(settings, assistant, load=load)
    lang0 = "id"
    T = TEXT[lang0]

    # delete_cache: Gradio's copies of uploads (accepted ones live on in uploads_dir) go after a day,
    # and all at shutdown; rejected ones are deleted at once by `discard_upload`
    with gr.Blocks(title="cpassist", fill_width=True, delete_cache=(3600, 86400)) as demo:
        demo.cpassist_service = service  # type: ignore[attr-defined]  # for tests and main()
        session = gr.State(new_session())
        with gr.Row(equal_height=False):
            with gr.Column(scale=4):
                title = gr.Markdown(T["title"] + "\n" + T["subtitle"])
            with gr.Column(scale=1, min_width=330):
                ui_lang = gr.Radio(
                    [("Bahasa Indonesia", "id"), ("English", "en")],
                    value=lang0,
                    label=T["language"],
                    elem_id="cp-lang",
                    container=False,
                )
        with gr.Tabs():
            with gr.Tab(T["tab_chat"], id="chat") as chat_tab:  # noqa: SIM117 - a tab holding a row
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=480):
                        chatbot = gr.Chatbot(
                            label=T["chat"],
                            show_label=False,
                            height=620,
                            placeholder=T["placeholder"],
                            elem_id="cp-chat",
                            buttons=["copy"],
                            layout="bubble",
                            group_consecutive_messages=False,
                            latex_delimiters=[],  # document text is data: no KaTeX either
                            sanitize_html=True,
                        )
                        with gr.Row():
                            msg = gr.Textbox(
                                label=T["input"],
                                placeholder=T["input_ph"],
                                show_label=False,
                                scale=6,
                                lines=1,
                                max_lines=6,
                                elem_id="cp-input",
                                autofocus=True,
                            )
                            with gr.Column(scale=1, min_width=120):
                                send = gr.Button(T["send"], variant="primary", elem_id="cp-send")
                                clear = gr.Button(T["clear"], size="sm", variant="secondary")
                        examples = gr.Dataset(
                            components=[msg],
                            samples=[[q] for q in EXAMPLES],
                            label=T["examples"],
                            elem_id="cp-examples",
                            samples_per_page=len(EXAMPLES),
                            layout="gallery",
                        )
                        extras = library_layout.chat_extras(T)
                    with gr.Column(scale=1, min_width=300):
                        status = gr.Markdown(
                            service.status_markdown(lang0),
                            elem_id="cp-status",
                            latex_delimiters=[],
                            sanitize_html=True,
                        )
                        with gr.Accordion(T["settings"], open=False) as settings_box:
                            top_k = gr.Slider(1, 20, value=settings.top_k, step=1, label=T["top_k"])
                            fast = gr.Checkbox(
                                value=settings.generator == "extractive",
                                label=T["fast"],
                                interactive=settings.generator != "extractive",
                            )
                            gr.Markdown(service.settings_markdown())
                        with gr.Accordion(T["upload"], open=False) as upload_box:
                            files = gr.File(
                                file_count="multiple",
                                file_types=list(UPLOAD_TYPES),
                                label=T["upload"],
                                show_label=False,
                                height=120,
                            )
                            _discard_when_refused(files)
                            ingest_btn = gr.Button(T["ingest"], size="sm")
                            upload_result = gr.Markdown(latex_delimiters=[], sanitize_html=True)
                            upload_json = gr.JSON(visible=False)
                        with gr.Accordion(T["feedback"], open=False) as feedback_box:
                            feedback_help = gr.Markdown(T["feedback_help"])
                            comment = gr.Textbox(label=T["comment"], lines=2, max_lines=5)
                            comment_btn = gr.Button(T["send_comment"], size="sm")
                            feedback_status = gr.Markdown()
                        with gr.Accordion(T["json"], open=False) as json_box:
                            last_json = gr.JSON(label="payload")
            with gr.Tab(T["tab_docs"], id="docs") as docs_tab:
                docs = library_layout.documents_tab(T)

        # --- events -------------------------------------------------------------------------
        # outputs in the order of `ChatUpdate`'s fields: textbox, messages, session, payload
        stream = dict(
            fn=service.respond,
            inputs=[msg, chatbot, session, top_k, fast, ui_lang, extras.picker],
            outputs=[msg, chatbot, session, last_json],
            concurrency_id="answer",
            show_progress="hidden",
        )
        answered = [
            msg.submit(**stream, api_visibility="private"),
            send.click(**stream, api_visibility="private"),
            examples.click(
                lambda sample: sample[0], inputs=examples, outputs=msg, api_visibility="private"
            ).then(**stream, api_visibility="private"),
        ]

        def on_clear() -> dict[Block, Any]:
            return {chatbot: [], session: new_session(), last_json: None, feedback_status: ""}

        cleared = [
            event(
                on_clear,
                outputs=[chatbot, session, last_json, feedback_status],
                api_visibility="private",
            )
            for event in (clear.click, chatbot.clear)
        ]

        def on_like(data: gr.LikeData, state: Session, lang: str) -> dict[Block, Any]:
            rated = service.rate(data.index, data.liked, state, lang)
            # open the feedback panel so the thanks and the comment box are in view
            panel = gr.Accordion(open=True) if rated.status else gr.Accordion()
            return {feedback_status: rated.status, session: rated.session, feedback_box: panel}

        chatbot.like(
            on_like,
            inputs=[session, ui_lang],
            outputs=[feedback_status, session, feedback_box],
            api_visibility="private",
        )
        comment_btn.click(
            service.comment,  # -> Commented(comment_box, status, session)
            inputs=[comment, session, ui_lang],
            outputs=[comment, feedback_status, session],
            api_visibility="private",
        )

        def on_upload(file_list: list[str] | None, lang: str, progress=gr.Progress()):  # noqa: B008 - the Gradio idiom
            report, payload = service.upload(file_list, lang, progress)
            return report, payload, service.status_markdown(lang)

        uploaded = ingest_btn.click(
            on_upload,
            inputs=[files, ui_lang],
            outputs=[upload_result, upload_json, status],
            api_name="upload",
            concurrency_id="ingest",
        )

        def api_chat(
            question: str,
            history: list[dict] | None = None,
            top_k: int = 0,
            fast: bool = False,
            docs: list[str] | None = None,
        ) -> dict:
            """Answer `question` (history: [{role, content}]; docs: document ids to cite, none = all)
            and return answer, citations, sources."""
            return dict(service.answer_payload(question, history, top_k or None, fast, docs))

        gr.api(api_chat, api_name="chat", concurrency_id="answer")

        library_layout.wire(
            service, docs, extras, ui_lang=ui_lang, session=session, status=status,
            docs_tab=docs_tab, upload_done=uploaded, cleared=cleared, answered=answered,
            page_load=demo.load,
        )  # fmt: skip
        relabels = relabel_table(
            service,
            title=title,
            chat_tab=chat_tab,
            ui_lang=ui_lang,
            chatbot=chatbot,
            msg=msg,
            send=send,
            examples=examples,
            clear=clear,
            status=status,
            settings_box=settings_box,
            top_k=top_k,
            fast=fast,
            upload_box=upload_box,
            ingest_btn=ingest_btn,
            feedback_box=feedback_box,
            feedback_help=feedback_help,
            comment=comment,
            comment_btn=comment_btn,
            json_box=json_box,
        ) | library_layout.relabels(docs, extras, docs_tab)

        def relabel(lang: str) -> dict[Block, Any]:
            return {component: update(TEXT[lang], lang) for component, update in relabels.items()}

        ui_lang.change(relabel, inputs=ui_lang, outputs=list(relabels), api_visibility="private")

        # status refresh while the models load in the background
        timer = gr.Timer(1.0, active=not service.ready)

        def tick(lang: str) -> dict[Block, Any]:
            return {
                status: service.status_markdown(lang),
                timer: gr.Timer(active=not service.ready),
            }

        for event in (timer.tick, demo.load):
            event(
                tick,
                inputs=ui_lang,
                outputs=[status, timer],
                api_visibility="private",
                show_progress="hidden",
            )

    demo.queue(default_concurrency_limit=1, max_size=64)
    return demo


def relabel_table(service: ChatService, **c: Block) -> dict[Block, Relabel]:
    """What the language switch changes on each component, by name (the outputs, in this order)."""
    return {
        c["title"]: lambda t, _: gr.update(value=t["title"] + "\n" + t["subtitle"]),
        c["ui_lang"]: lambda t, _: gr.update(label=t["language"]),
        c["chatbot"]: lambda t, _: gr.update(label=t["chat"], placeholder=t["placeholder"]),
        c["msg"]: lambda t, _: gr.update(label=t["input"], placeholder=t["input_ph"]),
        c["send"]: lambda t, _: gr.update(value=t["send"]),
        c["examples"]: lambda t, _: gr.update(label=t["examples"]),
        c["clear"]: lambda t, _: gr.update(value=t["clear"]),
        c["status"]: lambda _, lang: gr.update(value=service.status_markdown(lang)),
        c["settings_box"]: lambda t, _: gr.Accordion(label=t["settings"]),
        c["top_k"]: lambda t, _: gr.update(label=t["top_k"]),
        c["fast"]: lambda t, _: gr.update(label=t["fast"]),
        c["upload_box"]: lambda t, _: gr.Accordion(label=t["upload"]),
        c["ingest_btn"]: lambda t, _: gr.update(value=t["ingest"]),
        c["feedback_box"]: lambda t, _: gr.Accordion(label=t["feedback"]),
        c["feedback_help"]: lambda t, _: gr.update(value=t["feedback_help"]),
        c["comment"]: lambda t, _: gr.update(label=t["comment"]),
        c["comment_btn"]: lambda t, _: gr.update(value=t["send_comment"]),
        c["json_box"]: lambda t, _: gr.Accordion(label=t["json"]),
        c["chat_tab"]: lambda t, _: gr.Tab(label=t["tab_chat"]),
    }
