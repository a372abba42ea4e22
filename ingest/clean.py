"""Clean PDF-extraction artefacts into paragraphs, keeping a map back to the original text.

Handles: a blank line after every line (then single blank lines are line breaks, not paragraphs),
lines broken mid-sentence (joined with a space), hyphenated line breaks ("perlin-\\ndungan" ->
"perlindungan", but "anak-\\nanak" keeps its hyphen), markdown emphasis (`*x*`, `**x**`, `_x_`) and
headings (`# X`), and stray spaces. Headings (INTISARI, ABSTRAK, ABSTRACT, short all-caps lines,
markdown headings) and keyword lines (`Kata Kunci:`, `Keywords:`) become their own paragraphs.

Every cleaned character remembers the offset of the original character it came from, so any cleaned
span can be shown as the original source span (`Mapped.original`). Offsets are kept in compact
arrays (8 bytes a character). Control characters and terminal escape sequences (ESC/CSI/OSC, C0/C1
controls other than newline and tab) and lone surrogates are removed first: stored text is plain
data. Every pattern here runs in time linear in the input (no backtracking over runs; emphasis is
paired by a scan, not by a lazy `.+?`): `bench/bench_ingest_scaling.py` measures it. This module
does not detect languages or split sentences.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from cpassist.text import LIST_ITEM, ends_sentence

ParagraphKind = Literal["heading", "keywords", "text"]

#: Headings recognised even as a single word (other all-caps headings need two words or more).
_KNOWN_HEADINGS_TEXT = (
    "INTISARI ABSTRAK ABSTRACT RINGKASAN SUMMARY PENDAHULUAN INTRODUCTION BACKGROUND METODE "
    "METODOLOGI METHOD METHODS METHODOLOGY HASIL RESULTS PEMBAHASAN DISKUSI DISCUSSION "
    "KESIMPULAN CONCLUSION CONCLUSIONS REFERENCES"
)
KNOWN_HEADINGS = frozenset(_KNOWN_HEADINGS_TEXT.split(" "))
KEYWORDS_RE = re.compile(r"^\W{0,3}(kata[\s-]+kunci|keywords?|key\s+words)\W{0,3}\s*[:\-–—]", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _offsets(values: Sequence[int] = ()) -> array:
    return values if isinstance(values, array) else array("q", values)


@dataclass(frozen=True, eq=True)
class Mapped:
    """A cleaned string and, for each character, its offset in the original text (any int sequence
    is accepted and stored as an `array('q')`)."""

    text: str
    offsets: Sequence[int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "offsets", _offsets(self.offsets))
        assert len(self.text) == len(self.offsets)

    @classmethod
    def identity(cls, text: str) -> Mapped:
        """`text` mapped onto itself."""
        return cls(text, array("q", range(len(text))))

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offsets[start:end])

    def span(self) -> tuple[int, int]:
        """(start, end) of the original text this covers (end exclusive)."""
        if not self.offsets:
            return (0, 0)
        return (min(self.offsets), max(self.offsets) + 1)

    def original(self, source: str) -> str:
        start, end = self.span()
        return source[start:end]

    def strip(self) -> Mapped:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))


Repl = Sequence[int | str]


def substitute(
    m: Mapped, pattern: re.Pattern[str], repl: Repl | Callable[[re.Match[str]], Repl]
) -> Mapped:
    """`re.sub` that keeps the offset map. `repl` lists the pieces of the replacement: an int is a
    group kept with its own offsets, a str is new text mapped to the match start."""
    out_text: list[str] = []
    out_offs = _offsets()
    last = 0
    for match in pattern.finditer(m.text):
        out_text.append(m.text[last : match.start()])
        out_offs.extend(m.offsets[last : match.start()])
        pieces = repl(match) if callable(repl) else repl
        for piece in pieces:
            if isinstance(piece, int):
                if match.group(piece) is None:
                    continue
                s, e = match.span(piece)
                out_text.append(m.text[s:e])
                out_offs.extend(m.offsets[s:e])
            else:
                anchor = (
                    m.offsets[match.start()]
                    if match.start() < len(m.offsets)
                    else (m.offsets[-1] if m.offsets else 0)
                )
                out_text.append(piece)
                out_offs.extend([anchor] * len(piece))
        last = match.end()
    out_text.append(m.text[last:])
    out_offs.extend(m.offsets[last:])
    return Mapped("".join(out_text), out_offs)


def drop_spans(m: Mapped, spans: Sequence[tuple[int, int]]) -> Mapped:
    """`m` without the characters of `spans` (sorted, non-overlapping (start, end) ranges)."""
    out_text: list[str] = []
    out_offs = _offsets()
    last = 0
    for start, end in spans:
        out_text.append(m.text[last:start])
        out_offs.extend(m.offsets[last:start])
        last = end
    out_text.append(m.text[last:])
    out_offs.extend(m.offsets[last:])
    return Mapped("".join(out_text), out_offs)


def split_mapped(m: Mapped, pattern: re.Pattern[str]) -> list[Mapped]:
    """Split on `pattern`, dropping the separators and empty parts."""
    parts: list[Mapped] = []
    last = 0
    for match in pattern.finditer(m.text):
        parts.append(m.slice(last, match.start()))
        last = match.end()
    parts.append(m.slice(last, len(m.text)))
    return [p for p in parts if p.text.strip()]


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    mapped: Mapped

    @property
    def text(self) -> str:
        return self.mapped.text


def heading_name(line: str) -> str | None:
    """The heading a line stands for, or None when it is ordinary text."""
    stripped = _MD_HEADING.sub("", line.strip()).strip(" *_#:")
    if not stripped:
        return None
    if stripped.upper() in KNOWN_HEADINGS and (
        stripped.isupper() or stripped.istitle() or line.lstrip().startswith("#")
    ):
        return stripped.upper()
    if _MD_HEADING.match(line.strip()):
        return stripped
    words = stripped.split()
    letters = [c for c in stripped if c.isalpha()]
    if (
        2 <= len(words) <= 8
        and len(letters) >= 4
        and stripped.isupper()
        and not ends_sentence(stripped)
    ):
        return stripped
    return None


def _blank_line_artefact(text: str) -> bool:
    """True when (almost) every text line is followed by exactly one blank line, and many of those
    lines stop mid-sentence: then the blank lines are extraction artefacts, not paragraph breaks."""
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 4:
        return False
    # exactly one blank line between two text lines...
    pairs = [a for a, b in zip(nonblank, nonblank[1:], strict=False) if b - a == 2]
    # ...and the first line broken mid-sentence (real paragraphs end with punctuation or are headings)
    broken = [
        a for a in pairs if not ends_sentence(lines[a].rstrip()) and not heading_name(lines[a])
    ]
    return len(pairs) / (len(nonblank) - 1) >= 0.6 and len(broken) >= 0.4 * len(pairs)


# a run is only tried at its first character (lookbehind) and never backtracked (possessive `++`)
_TRAILING_WS = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]++(?=\n|\Z)")
_SINGLE_BLANK = re.compile(r"(?<=[^\n])\n[ \t]*\n(?=[^\n])")
_REAL_BREAK = re.compile(r"(?<=[.!?])\n(?=[ \t]*[^\s])")
_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|\t")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<! ) ++(?=[,.;:!?)])")
_HYPHEN_BREAK = re.compile(r"(?<!\w)(\w+)-\Z")
# ESC sequences (CSI `ESC [ params final`, OSC `ESC ] text BEL|ST` when terminated within 512
# characters, other `ESC x`), their C1 forms, then any other C0/C1 control except newline and tab,
# DEL, and lone surrogates. Safety needs only the control characters gone; the rest is tidiness.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*+[ -/]*+[@-~]?|\x9b[0-?]*+[ -/]*+[@-~]?"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]{0,512}+(?:\x07|\x1b\\|\x9c)|\x1b[ -~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
)


def _emphasis_marks(mark: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Zero-width patterns finding every position where `mark` can open / close emphasis."""
    c, m = re.escape(mark[0]), re.escape(mark)
    return (
        re.compile(rf"(?<![\w{c}])(?={m}\S)"),
        re.compile(rf"(?<=\S)(?={m}(?![\w{c}]))"),
    )


#: `**x**`, `__x__`, `*x*`, `_x_` in this order (the pairs of `**` go before single `*`)
_EMPHASIS = [(mark, *_emphasis_marks(mark)) for mark in ("**", "__", "*", "_")]


def strip_emphasis(
    m: Mapped, mark: str, opener: re.Pattern[str], closer: re.Pattern[str]
) -> Mapped:
    r"""Remove `mark` pairs around non-blank text: the same pairs as the regex
    `(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])` (DOTALL) would, but each opener looks up its
    nearest closer by bisection instead of scanning the rest of the text (that scan was quadratic)."""
    closers = [x.start() for x in closer.finditer(m.text)]
    spans: list[tuple[int, int]] = []
    resume = 0
    size = len(mark)
    for found in opener.finditer(m.text):
        start = found.start()
        if start < resume:
            continue
        k = bisect_left(closers, start + size + 1)  # at least one character inside
        if k == len(closers):
            break  # no closer after this opener, so none after any later one
        spans += [(start, start + size), (closers[k], closers[k] + size)]
        resume = closers[k] + size
    return drop_spans(m, spans) if spans else m


def plain_text(text: str) -> str:
    """`text` without terminal escape sequences, control characters (but newline, tab), surrogates."""
    return _CONTROL.sub("", text)


def strip_controls(m: Mapped) -> Mapped:
    """`m` without terminal escape sequences, control characters (but `\\n`, `\\t`) and surrogates."""
    return substitute(m, _CONTROL, [])


def _join_lines(lines: list[Mapped]) -> Mapped:
    """Join the lines of one paragraph: de-hyphenate word breaks, else join with a space."""
    text: list[str] = []
    offsets = _offsets()
    for line in lines:
        line = line.strip()
        if text:
            hyphen = _HYPHEN_BREAK.search(text[-1]) if text[-1].endswith("-") else None
            first_word = re.match(r"\w+", line.text)
            if hyphen and first_word and line.text[:1].islower():
                # "perlin-" + "dungan" -> "perlindungan"; "anak-" + "anak" keeps its hyphen
                if not first_word.group(0).lower().startswith(hyphen.group(1).lower()):
                    text[-1] = text[-1][:-1]
                    offsets.pop()
            else:
                text.append(" ")
                offsets.append(offsets[-1] + 1)
        text.append(line.text)
        offsets.extend(line.offsets)
    return Mapped("".join(text), offsets)


def _tidy(m: Mapped) -> Mapped:
    for mark, opener, closer in _EMPHASIS:
        m = strip_emphasis(m, mark, opener, closer)
    m = substitute(m, _SPACES, [" "])
    m = substitute(m, _SPACE_BEFORE_PUNCT, [])
    return m.strip()


def clean_text(text: str) -> list[Paragraph]:
    """Cleaned paragraphs of `text` (offsets refer to `text`)."""
    m = strip_controls(Mapped.identity(text))
    m = substitute(m, _TRAILING_WS, [])
    if _blank_line_artefact(m.text):
        # here a line break NOT followed by a blank line, after a finished sentence, is a real
        # paragraph break (in the Nepal study it is where the English abstract starts)
        m = substitute(m, _REAL_BREAK, ["\n\n\n"])
        m = substitute(m, _SINGLE_BLANK, ["\n"])
    paragraphs: list[Paragraph] = []
    for block in split_mapped(m, _PARA_BREAK):
        lines = [line for line in split_mapped(block, re.compile(r"\n")) if line.text.strip()]
        paragraphs.extend(_block_paragraphs(lines))
    return paragraphs


#: A paragraph opened by a bold run-in heading: "**Hazards.** 64.6% of ...", "__Temuan:__ ...".
_RUN_IN = re.compile(r"[ \t]*(\*\*|__)(?=[^\s*_])([^*_\n]{2,80}?[.:])\1[ \t]+(?=\S)")


def _run_in_headings(lines: list[Mapped]) -> list[Mapped]:
    """`lines` with a bold run-in heading of up to eight words cut off into a line of its own
    (a markdown heading), so it names the section instead of becoming a sentence of the text."""
    out: list[Mapped] = []
    for line in lines:
        m = _RUN_IN.match(line.text)
        if m and len(m.group(2).split()) <= 8:
            heading = line.slice(m.start(2), m.end(2) - 1)
            out.append(
                Mapped("## " + heading.text, [heading.offsets[0]] * 3 + list(heading.offsets))
            )
            out.append(line.slice(m.end(), len(line.text)))
        else:
            out.append(line)
    return out


def _block_paragraphs(lines: list[Mapped]) -> list[Paragraph]:
    """Paragraphs of one block: headings alone, a keyword line with its wrapped continuation lines
    (the line before ends with a comma, or the next starts in lower case), other lines joined."""
    paragraphs: list[Paragraph] = []
    current: list[Mapped] = []
    kind: ParagraphKind = "text"

    def flush() -> None:
        if current:
            cleaned = _tidy(_join_lines(current))
            if cleaned.text:
                paragraphs.append(Paragraph(kind, cleaned))
            current.clear()

    for line in _run_in_headings(lines):
        if heading_name(line.text):
            flush()
            kind = "text"
            paragraphs.append(Paragraph("heading", _tidy(line.strip())))
        elif KEYWORDS_RE.match(_tidy(line).text):
            flush()
            kind = "keywords"
            current.append(line)
        elif kind == "keywords" and (
            current[-1].text.rstrip().endswith((",", ";", "-")) or line.text.lstrip()[:1].islower()
        ):
            current.append(line)
        else:
            if kind == "keywords" or LIST_ITEM.match(line.text):
                flush()  # a list item is a paragraph of its own, not joined to the lead or item
                kind = "text"
            current.append(line)
    flush()
    return paragraphs
