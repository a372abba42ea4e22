"""Plain-text rendering of an `AnswerResult` for the terminal (`cpassist ask`, `cpassist chat`).

Shows the answer, its numbered sources ("[1] Title, p. 12 [section, language]", a short excerpt), or
with `style="author-year"` in-text citations and reference lines, and a line
about verification (kept/corrected/dropped, fallback reason); an abstention lists the closest
passages instead. Labels follow the answer's language (`cpassist.ui.strings.TERMINAL`). No colours, no
HTML: the chat UI renders its own (`cpassist.ui.markup`).
Document and model text is terminal-safe: no escape sequences or control characters (`terminal_safe`).
"""

from __future__ import annotations

from cpassist.sanitize import terminal_safe
from cpassist.schema import AnswerResult
from cpassist.ui.strings import TERMINAL


def _excerpt(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def place_label(p: object) -> str:
    """ ", p. 12" for a passage/citation with a page, else ""."""
    page = getattr(p, "page", None)
    return f", p. {page}" if page else ""


def format_answer(result: AnswerResult, show_passages: int = 3, style: str = "numbers") -> str:
    """The answer with its sources (or closest passages when abstaining), as plain text. With
    `style="author-year"` the `[n]` markers become "(Author, Year, p. X)" and the sources are
    listed as reference lines (`cpassist.references`)."""
    labels = TERMINAL.get(result.language, TERMINAL["en"])
    answer = result.answer.strip()
    if style == "author-year" and not result.abstained:
        from cpassist.references import with_in_text

        answer = with_in_text(answer, result.citations)
    lines = [answer, ""]
    if result.standalone_question and result.standalone_question != result.question:
        lines.insert(0, f"({labels['rewrite']}: {result.standalone_question})\n")
    if result.abstained:
        lines.append(f"{labels['closest']}:")
        hits = [p for p in result.contexts if p.parallel_of is None][:show_passages]
        for p in hits:
            lines.append(
                f"  - {p.title}{place_label(p)} [{p.section}, {p.language}]: {_excerpt(p.text)}"
            )
    else:
        lines.append(f"{labels['sources']}:")
        for c in result.citations:
            if style == "author-year":
                lines.append(f"  {c.in_text} {c.reference}")
            else:
                lines.append(f"  [{c.n}] {c.title}{place_label(c)} [{c.section}, {c.language}]")
            lines.append(f"      {_excerpt(c.text)}")
    report = result.verification
    if report.sentences or report.fallback:
        summary = (
            f"{labels['checked']}: {report.kept} {labels['kept']}, {report.corrected} "
            f"{labels['corrected']}, {report.dropped} {labels['dropped']}"
        )
        if report.fallback:
            summary += f"; {labels['fallback']} ({report.reason})"
        lines.append(summary)
    elif report.reason and not result.abstained:
        lines.append(f"{labels['checked']}: {report.reason}")
    return terminal_safe("\n".join(lines).rstrip())
