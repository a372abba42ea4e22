"""The sentence record and the cached text features the claim checker works on.

Contract: `_Sentence` is one source sentence with its stems and features; `_features`, `_roots`,
`_stems` are cached views of a text; `_norm` is its lower-case word form. No checks here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cpassist.lexicon import Features, features
from cpassist.text import content_stems, root, words


@dataclass
class _Sentence:
    source: int
    text: str
    language: str
    stems: set[str]
    feats: Features
    position: int


@lru_cache(maxsize=20_000)
def _features(text: str) -> Features:
    return features(text)


@lru_cache(maxsize=20_000)
def _roots(text: str) -> frozenset[str]:
    return frozenset(root(w) for w in words(text) if len(w) > 5)


@lru_cache(maxsize=20_000)
def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in words(text))
