"""Reference lines and academic in-text citations of a passage or citation.

`reference_line(p)`: "Authors (Year). Title. Institution, p. 12." (missing parts left out;
`n.d.` without a year; "hlm." instead of "p." for Indonesian). `in_text(p)`: "(Surname, Year, p. 12)",
"(A & B, Year)", "(A et al., Year)", the short title without authors. `with_in_text(answer, citations)`
replaces `[n]` markers of a rendered answer by in-text citations (`CPASSIST_CITATION_STYLE=author-year`;
the JSON answer keeps `[n]`). `citation_fields(p)` is what a `Citation` gains from its passage.
Pure functions over `cpassist.schema.Place`-like objects; nothing is read or stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from cpassist.schema import Place

_MARKERS = re.compile(r"\s*((?:\[\d+\])+)")
_NUMBER = re.compile(r"\[(\d+)\]")


def _page_label(p: Any, language: str = "en") -> str:
    if getattr(p, "page", None):
        return f"{'hlm.' if language == 'id' else 'p.'} {p.page}"
    return ""


def _surname(name: str) -> str:
    """ "Santoso, Budi" -> "Santoso"; "Budi Santoso" -> "Santoso"; a single name stays."""
    name = name.strip()
    if "," in name:
        return name.split(",")[0].strip()
    return name.split()[-1] if name.split() else name


def _authors_short(authors: Sequence[str]) -> str:
    names = [_surname(a) for a in authors if a.strip()]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def reference_line(p: Any, language: str | None = None) -> str:
    """A reference-list line for passage/citation `p` (see module doc)."""
    lang = language or getattr(p, "language", "en")
    authors = "; ".join(getattr(p, "authors", []) or [])
    year = getattr(p, "year", None)
    parts = []
    if authors:
        parts.append(f"{authors} ({year or 'n.d.'}).")
    elif year:
        parts.append(f"({year}).")
    title = (getattr(p, "title", "") or getattr(p, "study", "")).strip().rstrip(".")
    if title:
        parts.append(f"{title}.")
    tail = ", ".join(x for x in (getattr(p, "institution", ""), _page_label(p, lang)) if x)
    if tail:
        parts.append(f"{tail}.")
    return " ".join(parts)


def in_text(p: Any, language: str | None = None) -> str:
    """An in-text citation "(Author, Year, p. X)" for passage/citation `p`."""
    lang = language or getattr(p, "language", "en")
    who = _authors_short(getattr(p, "authors", []) or [])
    if not who:
        title = (getattr(p, "title", "") or getattr(p, "study", "")).strip()
        words = title.split()
        who = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
    year = getattr(p, "year", None)
    parts = [who, str(year) if year else "n.d.", _page_label(p, lang)]
    return "(" + ", ".join(x for x in parts if x) + ")"


def citation_fields(p: Any) -> dict[str, Any]:
    """Place fields, reference line and in-text citation a `Citation` takes from passage `p`."""
    place = {name: getattr(p, name) for name in Place.model_fields if hasattr(p, name)}
    return {**place, "reference": reference_line(p), "in_text": in_text(p)}


def with_in_text(answer: str, citations: Sequence[Any]) -> str:
    """`answer` with every run of `[n]` markers replaced by the in-text citations of those n."""
    by_n = {c.n: c for c in citations}

    def replace(match: re.Match[str]) -> str:
        shown = [in_text(by_n[int(n)]) for n in _NUMBER.findall(match.group(1)) if int(n) in by_n]
        if not shown:
            return match.group(0)
        merged = "; ".join(dict.fromkeys(s[1:-1] for s in shown))
        return f" ({merged})"

    return _MARKERS.sub(replace, answer)
