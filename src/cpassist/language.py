"""Offline language identification restricted to Indonesian ("id") and English ("en").

Uses py3langid limited to id/en (unrestricted detectors call Indonesian "Malay"). Very short or empty
text falls back to a small function-word vote, then to `default`. It does not split documents: the
ingestion decides what unit of text to classify.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

Lang = Literal["id", "en"]

_ID_WORDS = frozenset(
    "yang dan di ke dari untuk dengan ini itu apa siapa bagaimana mengapa kenapa kapan dimana mana "
    "adalah tidak atau dalam pada oleh juga serta sebagai karena apakah saja bisa jelaskan sebutkan "
    "tujuan penelitian kerja sama anak lalu terhadap tentang nya gimana gak nggak bagi".split()
)
_EN_WORDS = frozenset(
    "the and of to in for with this that what who how why when where which is are was were not or "
    "on by also as because does do did can explain list goals research cooperation children about "
    "study then".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _identifier():  # noqa: ANN202 - py3langid has no types
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True, langs=["id", "en"])


def _vote(words: list[str]) -> Lang | None:
    id_hits = sum(w in _ID_WORDS for w in words)
    en_hits = sum(w in _EN_WORDS for w in words)
    if id_hits == en_hits:
        return None
    return "id" if id_hits > en_hits else "en"


def detect_language(text: str, default: Lang = "en") -> Lang:
    """Return "id" or "en" for `text`; `default` when there is nothing to go on."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return default
    if len(words) <= 3:
        voted = _vote(words)
        if voted:
            return voted
    lang, _prob = _identifier().classify(" ".join(words))
    return "id" if lang == "id" else "en"
