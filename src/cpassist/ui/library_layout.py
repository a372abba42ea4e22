"""The library parts of the `gr.Blocks`: the Documents tab (table, metadata form, remove with
confirmation), the document picker, the source viewer and the export button, and their events.

Contract: `documents_tab(T)` and `chat_extras(T)` build the components inside the caller's current
Blocks context; `wire(service, ...)` connects them to `ChatService.library` (all private events);
`relabels(...)` is their part of the language switch (`cpassist.ui.layout.relabel_table`).

Not here: what a handler does (`cpassist.ui.library_service`), the chat itself (`cpassist.ui.layout`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cpassist  # noqa: F401  (sets the offline environment before gradio is imported)
from cpassist.ui.service import ChatService, Session
from cpassist.ui.strings import TEXT

import gradio as gr  # noqa: E402  isort: skip
from gradio.blocks import Block  # noqa: E402  isort: skip

Relabel = Callable[[dict[str, str], str], Any]
COLUMNS = ("col_id", "col_title", "col_languages", "col_pages", "col_chunks", "col_source")


def _headers(T: dict[str, str]) -> list[str]:
    return [T[c] for c in (*COLUMNS, "col_ingested")]


@dataclass
class DocumentsTab:
    help: gr.Markdown
    table: gr.Dataframe
    refresh: gr.Button
    select: gr.Dropdown
    title: gr.Textbox
    authors: gr.Textbox
    year: gr.Textbox
    institution: gr.Textbox
    save: gr.Button
    remove: gr.Button
    confirm_row: gr.Column
    confirm_text: gr.Markdown
    yes: gr.Button
    no: gr.Button
    status: gr.Markdown


@dataclass
class ChatExtras:
    picker: gr.Dropdown
    export: gr.Button
    export_file: gr.File
    viewer_box: gr.Accordion
    viewer_help: gr.Markdown
    source_pick: gr.Dropdown
    viewer: gr.HTML


def documents_tab(T: dict[str, str]) -> DocumentsTab:
    """The Documents tab's components (inside the caller's `gr.Tab`)."""
    help_ = gr.Markdown(T["docs_help"])
    table = gr.Dataframe(headers=_headers(T), interactive=False, wrap=True, elem_id="cp-docs-table")
    with gr.Row():
        select = gr.Dropdown([], label=T["docs_select"], elem_id="cp-doc-select", scale=4)
        refresh = gr.Button(T["docs_refresh"], size="sm", scale=1)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            title = gr.Textbox(label=T["meta_title"], elem_id="cp-meta-title", max_lines=2)
            authors = gr.Textbox(label=T["meta_authors"], lines=2, max_lines=8)
            with gr.Row():
                year = gr.Textbox(label=T["meta_year"], max_lines=1, elem_id="cp-meta-year")
                institution = gr.Textbox(label=T["meta_institution"], max_lines=2)
            save = gr.Button(T["meta_save"], variant="primary", size="sm", elem_id="cp-meta-save")
        with gr.Column(scale=2):
            remove = gr.Button(T["remove"], variant="stop", size="sm", elem_id="cp-remove")
            with gr.Column(visible=False) as confirm_row:
                confirm_text = gr.Markdown()
                with gr.Row():
                    yes = gr.Button(
                        T["remove_yes"], variant="stop", size="sm", elem_id="cp-remove-yes"
                    )
                    no = gr.Button(T["remove_no"], size="sm")
    status = gr.Markdown(elem_id="cp-docs-status", latex_delimiters=[], sanitize_html=True)
    return DocumentsTab(
        help_, table, refresh, select, title, authors, year, institution, save, remove,
        confirm_row, confirm_text, yes, no, status,
    )  # fmt: skip


def chat_extras(T: dict[str, str]) -> ChatExtras:
    """The picker, the export button and the source viewer (inside the chat column)."""
    picker = gr.Dropdown(
        [], value=[], multiselect=True, label=T["docs_pick"], info=T["docs_pick_info"],
        elem_id="cp-docs",
    )  # fmt: skip
    with gr.Row():
        export = gr.Button(T["export"], size="sm", elem_id="cp-export-btn")
    export_file = gr.File(label=T["export_file"], visible=False, elem_id="cp-export")
    with gr.Accordion(T["viewer"], open=False, elem_id="cp-viewer-box") as viewer_box:
        viewer_help = gr.Markdown(T["viewer_help"])
        source_pick = gr.Dropdown([], label=T["viewer_pick"], elem_id="cp-source-pick")
        viewer = gr.HTML(elem_id="cp-viewer")
    return ChatExtras(picker, export, export_file, viewer_box, viewer_help, source_pick, viewer)


def wire(
    service: ChatService, tab: DocumentsTab, extras: ChatExtras, *, ui_lang: gr.Radio,
    session: gr.State, status: gr.Markdown, docs_tab: gr.Tab, upload_done: Any, cleared: list[Any],
    answered: list[Any], page_load: Callable[..., Any],
) -> None:  # fmt: skip
    """Connect the library components (see the module docstring). `upload_done`/`cleared` are the
    upload and clear events to chain on; `answered` the answer events; `page_load` the page's load."""
    lib = service.library
    private: dict[str, Any] = {"api_visibility": "private"}

    def refreshed(picked: list[str] | None, chosen: str | None, lang: str) -> dict[Block, Any]:
        docs = lib.documents()
        ids = {d.id for d in docs}
        choices = lib.choices(docs)
        chosen = chosen if chosen in ids else None
        return {
            tab.table: gr.update(value=lib.rows(docs), headers=_headers(TEXT[lang])),
            tab.select: gr.update(choices=choices, value=chosen),
            extras.picker: gr.update(choices=choices, value=[p for p in picked or [] if p in ids]),
            status: service.status_markdown(lang),
        }

    lists = [tab.table, tab.select, extras.picker, status]
    refresh = dict(
        fn=refreshed, inputs=[extras.picker, tab.select, ui_lang], outputs=lists, **private
    )
    for event in (tab.refresh.click, docs_tab.select, page_load):
        event(**refresh)
    upload_done.then(**refresh)

    def picked(chosen: str | None) -> list[Any]:
        # a choice cleared by a refresh (e.g. after removing it) keeps the last message
        return [*lib.form(chosen), gr.Column(visible=False), "" if chosen else gr.update()]

    form = [tab.title, tab.authors, tab.year, tab.institution]
    tab.select.change(
        picked, inputs=tab.select, outputs=[*form, tab.confirm_row, tab.status], **private
    )

    def row_picked(evt: gr.SelectData) -> str | None:
        return evt.row_value[0] if evt.row_value else None

    tab.table.select(row_picked, outputs=tab.select, **private)
    tab.save.click(
        lib.save_metadata, inputs=[tab.select, *form, ui_lang], outputs=tab.status, **private
    ).then(**refresh)

    def ask(chosen: str | None, lang: str) -> list[Any]:
        text, ok = lib.confirm_remove(chosen, lang)
        return [gr.Column(visible=ok), text if ok else "", "" if ok else text]

    tab.remove.click(
        ask, inputs=[tab.select, ui_lang], outputs=[tab.confirm_row, tab.confirm_text, tab.status],
        **private,
    )  # fmt: skip
    tab.no.click(lambda: gr.Column(visible=False), outputs=tab.confirm_row, **private)
    tab.yes.click(
        lambda chosen, lang: [lib.remove(chosen, lang), gr.Column(visible=False)],
        inputs=[tab.select, ui_lang],
        outputs=[tab.status, tab.confirm_row],
        **private,
    ).then(**refresh)

    def sources(state: Session | None) -> Any:
        entries = (state or {}).get("sources", [])
        return gr.update(choices=[(e["label"], e["key"]) for e in reversed(entries)], value=None)

    for event in answered:
        event.then(sources, inputs=session, outputs=extras.source_pick, **private)
    for event in cleared:
        event.then(
            lambda: [gr.update(choices=[], value=None), "", gr.File(value=None, visible=False)],
            outputs=[extras.source_pick, extras.viewer, extras.export_file],
            **private,
        )
    extras.source_pick.change(
        lib.view, inputs=[extras.source_pick, session, ui_lang], outputs=extras.viewer, **private
    )

    def export(state: Session | None, lang: str) -> Any:
        path, message = lib.export(state, lang)
        if path is None:
            gr.Info(message)
            return gr.File(value=None, visible=False)
        return gr.File(value=str(path), visible=True)

    extras.export.click(export, inputs=[session, ui_lang], outputs=extras.export_file, **private)


def relabels(tab: DocumentsTab, extras: ChatExtras, docs_tab: gr.Tab) -> dict[Block, Relabel]:
    """The language switch's updates of the library components."""
    table: dict[Block, Relabel] = {
        docs_tab: lambda t, _: gr.Tab(label=t["tab_docs"]),
        tab.help: lambda t, _: gr.update(value=t["docs_help"]),
        tab.table: lambda t, _: gr.update(headers=_headers(t)),
        tab.select: lambda t, _: gr.update(label=t["docs_select"]),
        tab.refresh: lambda t, _: gr.update(value=t["docs_refresh"]),
        tab.save: lambda t, _: gr.update(value=t["meta_save"]),
        tab.remove: lambda t, _: gr.update(value=t["remove"]),
        tab.yes: lambda t, _: gr.update(value=t["remove_yes"]),
        tab.no: lambda t, _: gr.update(value=t["remove_no"]),
        extras.picker: lambda t, _: gr.update(label=t["docs_pick"], info=t["docs_pick_info"]),
        extras.export: lambda t, _: gr.update(value=t["export"]),
        extras.export_file: lambda t, _: gr.update(label=t["export_file"]),
        extras.viewer_box: lambda t, _: gr.Accordion(label=t["viewer"]),
        extras.viewer_help: lambda t, _: gr.update(value=t["viewer_help"]),
        extras.source_pick: lambda t, _: gr.update(label=t["viewer_pick"]),
    }
    for name, key in (("title", "meta_title"), ("authors", "meta_authors"), ("year", "meta_year")):
        table[getattr(tab, name)] = lambda t, _, key=key: gr.update(label=t[key])
    table[tab.institution] = lambda t, _: gr.update(label=t["meta_institution"])
    return table
