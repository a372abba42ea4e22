"""The side panel's text: which generator answers, what the corpus holds (per study, per language),
the retrieval settings; while loading, a "loading" line; after a failure, the reason.

Contract: markdown in the interface language; document-derived text (titles, language codes from
metadata, error texts) through `doc`. Not here: loading (`cpassist.ui.loader`), Gradio.
"""

from __future__ import annotations

import logging

from cpassist.registry import generator as generator_entry
from cpassist.settings import Settings
from cpassist.ui.loader import AssistantLoader
from cpassist.ui.markup import doc, esc
from cpassist.ui.strings import t

log = logging.getLogger("cpassist.app")


def generator_label(generator: str, lang: str, settings: Settings) -> str:
    """The generator as the side panel names it (a remote one with its model and URL)."""
    entry = generator_entry(generator)
    if entry is not None and entry.endpoint is not None:
        model, url = (getattr(settings, name) for name in entry.endpoint)
        return f"{entry.label_in(lang)}: `{model}` @ {esc(url)}"
    return t(lang, f"gen_{generator}") if entry is not None else generator


def status_markdown(loader: AssistantLoader, lang: str = "id") -> str:
    """Corpus and generator summary for the side panel."""
    settings = loader.settings
    if not loader.ready:
        return t(lang, "loading")
    error = loader.load_error(lang)
    if error:
        return f"{t(lang, 'load_failed')}\n\n{doc(error)}"
    generator = loader.generator_name()
    lines = [f"**{t(lang, 'generator')}:** {generator_label(generator, lang, settings)}"]
    if loader.model_warning:
        lines.append(f"\n{t(lang, 'model_failed')}\n\n<small>{doc(loader.model_warning)}</small>")
    lines += ["", f"**{t(lang, 'corpus')}:**"]
    vectorstore = loader.vectorstore()
    if vectorstore is None:
        return "\n".join(lines + ["—"])
    from cpassist.errors import CpassistError
    from cpassist.store import corpus_stats

    try:
        stats = corpus_stats(vectorstore)
    except CpassistError as exc:  # the store boundary turns chromadb's errors into these
        log.exception("corpus stats failed")
        return "\n".join(lines + [f"⚠ {doc(str(exc))}"])
    if not stats.get("total"):
        return "\n".join(lines + [t(lang, "empty_store")])
    for info in stats["studies"].values():
        titles = info.get("titles") or {}
        title = titles.get(lang) or next(iter(titles.values()), "?")
        counts = " · ".join(f"{k.upper()} {v}" for k, v in info["chunks"].items())
        counts = doc(counts)  # language codes come from document metadata
        lines.append(f"- {doc(title)}  \n  <small>{counts} {t(lang, 'chunks')}</small>")
    langs = " · ".join(f"{k.upper()} {v}" for k, v in stats["languages"].items())
    lines += [
        "",
        f"<small>{t(lang, 'total')}: {stats['total']} {t(lang, 'chunks')} ({langs}); "
        f"embedder `{stats.get('embedder') or settings.embedder}`</small>",
    ]
    return "\n".join(lines)


def settings_markdown(settings: Settings) -> str:
    """The retrieval settings in one small line (read-only in the panel)."""
    s = settings
    return (
        f"<small>candidates {s.candidates} · RRF k {s.rrf_k} · diversify {s.diversify} · "
        f"parallel passages {s.include_parallel} · chunks {s.chunk_sentences} sentences "
        f"(overlap {s.chunk_overlap}) · embedder {s.embedder}</small>"
    )
