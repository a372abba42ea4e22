"""Answers and passages as chat HTML: the answer with its [n] marks and per-sentence check marks, the
numbered sources (passage with the cited sentences highlighted, parallel version one click away), the
closest passages of an abstention, the searched question, the upload report.

Contract: document, question and model text (answers, passages, titles, sections, reasons, error texts)
goes through `doc` (`cpassist.sanitize.plain_markdown`): no markdown link, image, auto-linked URL or
HTML in it can make a request or be clicked; the only markup is the one written here. Labels follow
the answer's language. Not here: the payload itself (`cpassist.ui.contract`), the terminal rendering
(`cpassist.render`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from cpassist.errors import CpassistError
from cpassist.sanitize import plain_markdown
from cpassist.ui.checks import CONTROL_CHARS
from cpassist.ui.contract import CITE_MARK
from cpassist.ui.strings import lang_name, t

CITE_TAIL = re.compile(r"(?:\s*\[\d{1,2}\])*[.!?:”\"]*")


def esc(text: str) -> str:
    """HTML-escaped product text (labels, settings): markdown in it stays markdown."""
    return html.escape(text or "", quote=False)


#: Untrusted text (documents, questions, model output, error texts): rendered literally, never a link.
doc = plain_markdown


def code(name: str) -> str:
    """A file name as a markdown code span (literal: no links, no HTML); it cannot close the span."""
    name = CONTROL_CHARS.sub("", " ".join((name or "").split())).replace("`", "'")
    return f"`{name}`" if name.strip() else "`?`"


def supporting(passage: str, claims: list[str]) -> tuple[list[str], set[int]]:
    """(the passage's sentences, the indexes of those best supporting `claims`): for each claim its
    best sentence by lexical overlap, when that overlap is at least 0.3 (else none)."""
    from cpassist.evidence import lexical_overlap
    from cpassist.text import split_sentences, strip_citations

    sentences = split_sentences(passage) or [passage]
    marked: set[int] = set()
    for claim in claims:
        claim = strip_citations(claim)
        if not claim.strip():
            continue
        scores = [lexical_overlap(claim, s) for s in sentences]
        best = max(range(len(sentences)), key=scores.__getitem__)
        if scores[best] >= 0.3:
            marked.add(best)
    return sentences, marked


def highlight(passage: str, claims: list[str]) -> str:
    """The passage as HTML with the sentences best supporting `claims` wrapped in <mark>."""
    sentences, marked = supporting(passage, claims)
    out = []
    for i, sentence in enumerate(sentences):
        out.append(f"<mark>{doc(sentence)}</mark>" if i in marked else doc(sentence))
    return " ".join(out)


def place_label(p: Mapping[str, Any], lang: str) -> str:
    """Where a passage is in its file: "hlm. 12"/"p. 12" (PDF), else its paragraph or line; "" when
    unknown. OCR-read text says so."""
    for key in ("page", "paragraph", "line"):
        value = p.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            label = t(lang, f"place_{key}", n=value)
            return label + (f" ({t(lang, 'ocr')})" if p.get("ocr") else "")
    return ""


def _section_suffix(p: Mapping[str, Any]) -> str:
    section = p.get("section") or ""
    return f" · {doc(section)}" if section and section != "body" else ""


def _passage_block(
    n: int | None,
    p: Mapping[str, Any],
    ui: str,
    marked_html: str,
    parallels: Sequence[Mapping[str, Any]],
    expanded: bool = True,
) -> str:
    num = f"<b>[{n}]</b> " if n is not None else ""
    tags = f'<span class="cp-tag">{esc(lang_name(p.get("language", ""), ui))}</span>'
    place = place_label(p, ui)
    if place:
        tags += f'<span class="cp-tag cp-place">{esc(place)}</span>'
    if p.get("section") and p.get("section") != "body":
        tags += f'<span class="cp-tag">{doc(p["section"])}</span>'
    parts = [
        f'<details class="cp-src"{" open" if expanded else ""}><summary>{num}{doc(p.get("title") or p.get("study", ""))}'
        f"{tags}</summary>",
        f'<div class="cp-passage">{marked_html}</div>',
    ]
    if p.get("reference"):  # one click selects the whole line (copy it with Ctrl+C)
        parts.append(
            f'<div class="cp-ref" title="{esc(t(ui, "reference_hint"))}">'
            f"<span>{esc(t(ui, 'reference'))}:</span> "
            f'<span class="cp-ref-line">{doc(p["reference"])}</span></div>'
        )
    for par in parallels:
        label = t(ui, "parallel", language=lang_name(par.get("language", ""), ui))
        parts.append(
            f'<details class="cp-par"><summary>⇄ {esc(label)}{_section_suffix(par)}</summary>'
            f'<div class="cp-passage">{doc(par.get("text", ""))}</div></details>'
        )
    parts.append("</details>")
    return "".join(parts)


def _fallback_note(lang: str, reason: str) -> str:
    from cpassist.prompts import render

    try:
        return doc(render(f"fallback_note_{'id' if lang == 'id' else 'en'}", reason=reason).strip())
    except CpassistError:
        return doc(f"({reason})")


def _with_citations(text: str) -> str:
    """Untrusted `text` rendered literally, its [n] citation marks styled (the product's markup)."""
    pieces = CITE_MARK.split(text or "")  # text, number, text, number, ...
    return "".join(
        doc(piece) if i % 2 == 0 else f'<span class="cp-cite">[{int(piece)}]</span>'
        for i, piece in enumerate(pieces)
    )


def _with_statuses(answer: str, sentences: Sequence[Mapping[str, Any]], lang: str) -> str:
    """The answer with each verified sentence in a span whose hover/tap title says how it was
    checked (quoted verbatim, verified paraphrase, corrected citation). Dropped sentences are not
    in the answer at all; text the product adds (a language note) stays unmarked."""
    out, pos = [], 0
    for s in sentences:
        text = (s.get("text") or "").rstrip().rstrip(".!?:")  # the [n] goes before the stop
        at = answer.find(text, pos) if text else -1
        if at < 0:
            continue
        end = at + len(text)
        tail = CITE_TAIL.match(answer, end)  # the sentence's own [n] marks and full stop
        if tail:
            end = tail.end()
        key = "sent_quoted" if s.get("quoted") else f"sent_{s.get('status', 'kept')}"
        gap = answer[pos:at]
        out.append(_with_citations(gap) if gap.strip() else gap.replace("\n", "<br>"))
        out.append(
            f'<span class="cp-sent cp-{esc(key[5:])}" tabindex="0" title="{esc(t(lang, key))}">'
            f"{_with_citations(answer[at:end])}</span>"
        )
        pos = end
    out.append(_with_citations(answer[pos:]))
    return "".join(out)


def render_answer(payload: Mapping[str, Any]) -> str:
    """Chat-message markdown/HTML for an answer payload, labelled in the answer's language."""
    lang = payload.get("language") or "en"
    answer = _with_statuses(payload["answer"], payload.get("sentences") or [], lang)
    parts = []
    if payload.get("abstained"):
        parts.append(f'<span class="cp-abstain">{esc(t(lang, "abstained"))}.</span> ')
    parts.append(answer)
    blocks = []
    for s in payload.get("sources", []):
        marked = highlight(s["text"], s.get("cited_sentences") or [])
        blocks.append(_passage_block(s["n"], s, lang, marked, s.get("parallel", [])))
    if blocks:
        parts.append(
            f'\n\n<div class="cp-sources"><div class="cp-sources-title">{t(lang, "sources")}</div>'
            + "".join(blocks)
            + "</div>"
        )
    if payload.get("closest"):
        items = "".join(
            _passage_block(None, p, lang, doc(p["text"]), [], expanded=False)
            for p in payload["closest"]
        )
        parts.append(
            f'\n\n<div class="cp-sources"><div class="cp-sources-title">{t(lang, "closest")}'
            f"</div>{items}</div>"
        )
    meta = []
    question, standalone = payload.get("question", ""), payload.get("standalone_question", "")
    if standalone and standalone.strip().casefold() != question.strip().casefold():
        meta.append(f"{t(lang, 'searched')}: “{doc(standalone)}”")
    if payload.get("fallback_reason"):
        meta.append(_fallback_note(lang, payload["fallback_reason"]))
    total_ms = (payload.get("timings") or {}).get("total_ms") or 0
    took = f" · {total_ms / 1000:.1f} s" if total_ms >= 50 else ""
    meta.append(f"{esc(payload.get('generator', ''))}{took}")
    parts.append(f'\n\n<div class="cp-meta">{" · ".join(meta)}</div>')
    return "".join(parts)


def upload_report(results: Sequence[Mapping[str, Any]], lang: str) -> str:
    """The per-file upload result as a markdown list (names as code spans, reasons as plain text)."""
    lines = []
    for r in results:
        if r["status"] == "added":
            langs = ", ".join(f"{k.upper()} {v}" for k, v in r.get("languages", {}).items())
            lines.append(
                f"- ✓ {code(r['name'])}: {t(lang, 'added', n=r['chunks'])}"
                + (f" ({langs})" if langs else "")
            )
        elif r["status"] == "unchanged":
            lines.append(f"- = {code(r['name'])}: {t(lang, 'unchanged')}")
        else:
            lines.append(f"- ✗ {code(r['name'])}: {t(lang, 'skipped', reason=doc(r['reason']))}")
    return "\n".join(lines)
