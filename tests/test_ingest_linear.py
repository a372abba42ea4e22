"""Cleaning and sentence splitting stay linear on crafted input, and the linear rewrites find exactly
what the former regular expressions found (checked against them on random text). Times are measured
by `bench/bench_ingest_scaling.py`, never asserted here."""

from __future__ import annotations

import random
import re

import pytest

from cpassist import text as text_mod
from cpassist.ingest import clean
from cpassist.ingest.chunking import split_sentences
from cpassist.ingest.clean import Mapped, clean_text, plain_text, strip_controls

# the former (quadratic) patterns, as the reference for what the linear code must find
OLD_EMPHASIS = [
    re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])", re.S),
    re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])", re.S),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", re.S),
]
OLD_TRAILING_WS = re.compile(r"[ \t\u00a0]+(?=\n)|[ \t\u00a0]+$")
OLD_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-Ý])""")
OLD_WORD_BEFORE = re.compile(r"([\w.]+)\.+$")
ALPHABET = [
    "a",
    "B",
    " ",
    " ",
    "*",
    "**",
    "_",
    ".",
    "..",
    "!",
    "?",
    "\n",
    '"',
    ")",
    "Dr",
    "e.g",
    "3",
    "\t",
]


def _random_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(n)]


CRAFTED = {
    "spaces": "a" + " " * 20_000 + "b",
    "dots": "a" + "." * 20_000 + " b",
    "emphasis": "**a " * 5_000,
    "underscores": "_a " * 7_000,
    "abbreviations": "Dr. " * 5_000 + "x",
    "huge word": "a" * 20_000 + "-\nb",
    "blank lines": "kata \n\n" * 3_000,
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_worst_cases_complete(name: str) -> None:
    # each took seconds with the former patterns (quadratic); now milliseconds (see the benchmark)
    paragraphs = clean_text(CRAFTED[name])
    for p in paragraphs:
        split_sentences(p.mapped)


def test_emphasis_pairs_match_the_former_regex() -> None:
    for text in _random_texts(3000):
        m = Mapped.identity(text)
        for old, (mark, opener, closer) in zip(OLD_EMPHASIS, clean._EMPHASIS, strict=True):
            expected = old.sub(r"\1", m.text)
            m = clean.strip_emphasis(m, mark, opener, closer)
            assert m.text == expected, (text, mark)


def test_trailing_spaces_and_boundaries_match_the_former_regex() -> None:
    for text in _random_texts(3000, seed=11):
        assert clean._TRAILING_WS.sub("", text) == OLD_TRAILING_WS.sub("", text), text
        spans = [x.span() for x in text_mod._BOUNDARY.finditer(text)]
        assert spans == [x.span() for x in OLD_BOUNDARY.finditer(text)], text
        for end in range(1, len(text) + 1):
            if text[end - 1] == ".":
                for start in (0, max(0, end - 5)):
                    old = OLD_WORD_BEFORE.search(text[start:end])
                    word = old.group(1).lower() if old else ""
                    expected = bool(old) and (
                        (len(word) == 1 and word.isalpha())
                        or word in text_mod.ABBREVIATIONS
                        or word.rstrip(".") in text_mod.ABBREVIATIONS
                    )
                    assert text_mod._is_abbreviation(text, start, end) == expected, (text, end)


def test_long_words_before_a_full_stop_are_not_abbreviations() -> None:
    text = "x" * 100 + "e.g. Next"
    assert not text_mod._is_abbreviation(text, 0, text.index(". ") + 1)
    assert text_mod._is_abbreviation("see e.g. Next", 0, 8)


def test_control_characters_and_escape_sequences_are_removed_with_offsets_kept() -> None:
    raw = "Bold \x1b[1mtext\x1b[0m and \x1b]8;;http://x.example/\x07link\x1b]8;;\x1b\\ end\x07\x00.\ud800"
    m = strip_controls(Mapped.identity(raw))
    assert m.text == "Bold text and link end."
    assert m.text == plain_text(raw)
    assert m.slice(5, 9).original(raw) == "text"
    # an unterminated OSC loses only its control characters, not the rest of the document
    assert (
        plain_text("\x1b]0;title and then the whole document")
        == "0;title and then the whole document"
    )
    assert plain_text("line\nwith\ttab\r\x0b\x0c\x85\x9b31m") == "line\nwith\ttab"
    (p,) = clean_text("Judul \x1b[2J\x1b[Hlaporan\x1b]0;pwned\x07 anak.")
    assert p.text == "Judul laporan anak."
