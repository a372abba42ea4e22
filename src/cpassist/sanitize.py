"""Document text is data: make untrusted text inert for each place it is shown or sent.

- `plain_markdown(text)`: HTML/markdown that renders as exactly `text` (Gradio Chatbot and Markdown,
  inside or outside an HTML block): every ASCII punctuation character becomes a numeric character
  reference, so no markdown syntax, link, image, auto-linked URL/e-mail, HTML tag or LaTeX delimiter
  can form; newlines become `<br>`. Only the product's own markup around it can make links.
- `markdown_file_safe(text)`: text for a Markdown *file* (the chat export) that stays readable as
  plain text yet forms no link, image, link definition or autolink in a Markdown viewer: `](`,
  `]:`, `://`, `www.` and `@` get a backslash, `<`/`>` become `&lt;`/`&gt;`, controls go.
- `terminal_safe(text)`: no ESC/CSI/OSC/DCS sequences, no C0/C1 controls (newline and tab kept), no
  bidirectional overrides: printing it cannot move the cursor, retitle, recolour or hide text.
- `fence_safe(text)`: text that cannot open, close or forge the prompt's `<source ...>` fence
  (prompts/answer_source.txt): `<source` / `</source` in any case and spacing lose their `<`.
- `json_text(obj)`: JSON as `json.dumps(ensure_ascii=False)` but with DEL and C1 controls escaped too
  (safe on a terminal) and, when a string holds a lone surrogate, fully ASCII (still valid JSON).
- `has_invalid_text(text)`: True when a str holds lone surrogates (invalid UTF-8 smuggled in through
  `surrogateescape` or a JSON `\\udxxx` escape); `describe_invalid_text` says where.
All functions are pure, linear in the input and never raise on any str.
"""

from __future__ import annotations

import json
import re

#: Every ASCII punctuation character: markdown, HTML, autolink and LaTeX syntax is built from these.
_PUNCT = frozenset("!\"#$%&'()*+-./:;<=>?@[\\]^_`{|}~")
_MARKDOWN_TABLE = {ord(c): f"&#{ord(c)};" for c in _PUNCT}
#: Controls that must not reach a browser either (they can hide or reorder text).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain_markdown(text: str | None) -> str:
    """`text` as markdown/HTML that renders literally: no links, images, HTML or formatting."""
    text = _INVISIBLE.sub("", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    escaped = text.translate(_MARKDOWN_TABLE)
    # <br> keeps line breaks without a blank line, which would end an enclosing HTML block
    return "<br>".join(line.strip(" ") for line in escaped.split("\n"))


_LINKISH = re.compile(r"\](?=[(:])|:(?=//)|(?<=www)\.|@", re.IGNORECASE)


def markdown_file_safe(text: str | None) -> str:
    """`text` for a Markdown file: readable, but no link, image, link definition or autolink."""
    text = terminal_safe(text).replace("<", "&lt;").replace(">", "&gt;")
    return _LINKISH.sub(lambda m: "\\" + m.group(0) if m.group(0) != "]" else "]\\", text)


# ESC-initiated sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... BEL or ST),
# then any other two-character escape; the 8-bit C1 introducers (0x9b CSI, 0x9d OSC, ...) likewise.
# An unterminated OSC/DCS loses only its introducer (its text stays visible, nothing is swallowed).
_TERMINAL_SEQ = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -~]?"
)
_TERMINAL_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def terminal_safe(text: str | None) -> str:
    """`text` without terminal escape sequences or control characters (newline and tab kept)."""
    return _TERMINAL_CONTROLS.sub("", _TERMINAL_SEQ.sub("", text or ""))


#: `<` (or a full-width / small look-alike), optional spacing or invisible characters, optional `/`,
#: then `source`: what could open or close a fence in the answer prompt.
_FENCE = re.compile(
    r"[<\uff1c\ufe64](?=[\s\u200b-\u200f\u2060\ufeff]*[/\uff0f]?[\s\u200b-\u200f\u2060\ufeff]*source)",
    re.IGNORECASE,
)


def fence_safe(text: str | None) -> str:
    """`text` that cannot end or forge a `<source ...>` block: such a `<` becomes `‹`."""
    return _FENCE.sub("\u2039", text or "")


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def has_invalid_text(text: str) -> bool:
    """True when `text` holds a lone surrogate (it cannot be encoded as UTF-8)."""
    return _SURROGATE.search(text) is not None


def describe_invalid_text(text: str, what: str = "the text") -> str:
    """A one-line message saying where `text` stops being valid UTF-8 (for a `has_invalid_text` str)."""
    match = _SURROGATE.search(text)
    if match is None:
        return ""
    code = ord(match.group())
    # surrogateescape maps an undecodable byte b to U+DC00+b; other surrogates came from an escape
    detail = (
        f"invalid UTF-8 byte 0x{code - 0xDC00:02x}"
        if 0xDC80 <= code <= 0xDCFF
        else f"a lone surrogate U+{code:04X}"
    )
    return (
        f"{what} is not valid UTF-8 text ({detail} at character {match.start() + 1}); "
        "save or type it as UTF-8 and try again"
    )


#: Controls json.dumps(ensure_ascii=False) leaves raw: DEL and the C1 range (0x9b is a CSI introducer).
_JSON_RAW_CONTROLS = re.compile(r"[\x7f-\x9f]")


def json_text(obj: object, indent: int | None = None) -> str:
    """JSON text safe to print: every control character escaped; lone surrogates as `\\udxxx`."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    if has_invalid_text(text):
        return json.dumps(obj, ensure_ascii=True, indent=indent)
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
