"""Offline language identification restricted to Indonesian ("id") and English ("en").

Uses py3langid limited to id/en (unrestricted detectors call Indonesian "Malay"). Very short or
empty text falls back to a small vote of typical words (`cpassist.text.ID_MARKERS`/`EN_MARKERS`),
then to `default`. It does not split documents: the ingestion decides what unit of text to classify.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from cpassist.text import EN_MARKERS, ID_MARKERS, letter_words

Lang = Literal["id", "en"]


@cache
def _identifier():  # noqa: ANN202 - py3langid has no types
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True, langs=["id", "en"])


def _vote(words: list[str]) -> Lang | None:
    id_hits = sum(w in ID_MARKERS for w in words)
    en_hits = sum(w in EN_MARKERS for w in words)
    if id_hits == en_hits:
        return None
    return "id" if id_hits > en_hits else "en"


def detect_language(text: str, default: Lang = "en") -> Lang:
    """Return "id" or "en" for `text`; `default` when there is nothing to go on."""
    words = [w.lower() for w in letter_words(text)]
    if not words:
        return default
    if len(words) <= 3:
        voted = _vote(words)
        if voted:
            return voted
    lang, _prob = _identifier().classify(" ".join(words))
    return "id" if lang == "id" else "en"


def question_language(text: str, default: Lang = "en") -> Lang:
    """`detect_language` for a question, with its names left out: "Berapa biaya program Safe Schools
    Together per siswa?" is Indonesian though half its words are an English programme's name. Words
    capitalised inside the sentence and acronyms are names; they are kept when too little is left.
    Also for a document's sentence ("The pilot operated in ... Jayapura Selatan, Jayapura Utara
    and Muara Tami, ... Kelurahan Kota Baru" is English)."""
    tokens = letter_words(text)
    plain = [w for i, w in enumerate(tokens) if not (i and w[:1].isupper()) and not w.isupper()]
    if len(plain) >= 2:
        return detect_language(" ".join(plain), default=default)
    return detect_language(text, default=default)
