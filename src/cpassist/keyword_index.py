"""An in-memory BM25 keyword index (bm25s, sparse) over the chunks of a Chroma collection, for both
Indonesian and English.

The tokenizer is deliberately light: lowercase, Unicode words (so `child-trafficking` and
`isu-isu` split), a short stopword list for both languages and a plural `s` strip. It does not
stem Indonesian affixes, translate, or talk to Chroma: the retriever hands it the records and
decides when to rebuild it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

#: Function words of both languages; content words (also short ones like "isu") are kept.
_STOPWORDS = (
    # Indonesian
    "yang dan di ke dari untuk dengan ini itu apa siapa bagaimana mengapa kenapa kapan dimana mana "
    "adalah ialah merupakan tidak atau dalam pada oleh juga serta sebagai karena apakah saja bisa "
    "akan telah sudah sedang ada para tersebut lain lainnya kami kita saya anda mereka ia dia nya "
    "tentang terhadap bagi hingga sampai secara yaitu yakni namun tetapi tapi jadi maka agar supaya "
    "sebutkan jelaskan gimana gak nggak ga sih dong kah lah pun nih tuh aja "
    # English
    "a an the and or of to in on at by for with from as is are was were be been being it its this "
    "that these those what which who whom how why when where does do did has have had not no but "
    "into about than then so such can could would should will shall may might also both there their "
    "they them he she his her we our you your i me my please tell explain list"
)
STOPWORDS = frozenset(_STOPWORDS.split())


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens without stopwords; a trailing plural `s` is dropped (`goals` -> `goal`)."""
    out: list[str] = []
    for word in _WORD.findall((text or "").lower()):
        if word in STOPWORDS:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


@dataclass
class KeywordIndex:
    """BM25 over `texts`, remembering the ids, texts and metadata of the records it was built from."""

    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    _bm25: Any = field(default=None, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    _languages: Any = field(default=None, repr=False)

    @classmethod
    def build(
        cls, ids: Sequence[str], texts: Sequence[str], metadatas: Sequence[dict[str, Any] | None]
    ) -> KeywordIndex:
        import bm25s
        import numpy as np

        index = cls(list(ids), [t or "" for t in texts], [dict(m or {}) for m in metadatas])
        index._position = {chunk_id: i for i, chunk_id in enumerate(index.ids)}
        index._languages = np.array([str(m.get("language", "")) for m in index.metadatas])
        if index.ids:
            bm25 = bm25s.BM25()
            bm25.index([tokenize(t) for t in index.texts], show_progress=False)
            index._bm25 = bm25
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._position

    def record(self, chunk_id: str) -> tuple[str, dict[str, Any]] | None:
        """(text, metadata) of `chunk_id`, or None when the index does not hold it."""
        i = self._position.get(chunk_id)
        return None if i is None else (self.texts[i], self.metadatas[i])

    def search(
        self, query: str, n: int, languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Up to `n` (chunk_id, bm25 score) pairs, best first; only chunks matching a query word."""
        import numpy as np

        if self._bm25 is None or n <= 0:
            return []
        token_ids = self._bm25.get_tokens_ids(tokenize(query))
        if not token_ids:
            return []
        scores = self._bm25.get_scores_from_ids(token_ids)
        if languages:
            scores = np.where(np.isin(self._languages, list(languages)), scores, 0.0)
        hits = np.flatnonzero(scores > 0)
        if hits.size > n:
            hits = hits[np.argpartition(-scores[hits], n - 1)[:n]]
        hits = hits[np.argsort(-scores[hits], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in hits]


def token_scores(index: KeywordIndex, tokens: Sequence[str]) -> dict[str, Any]:
    """BM25 score of every chunk of `index` for each token on its own (a numpy array per token, in
    the index's id order); tokens the index does not know are left out. BM25 sums over query tokens,
    so the arrays add up to `search`'s scores. Used to weigh keyword hits by what they matched."""
    bm25 = index._bm25
    if bm25 is None:
        return {}
    out: dict[str, Any] = {}
    for token in dict.fromkeys(tokens):
        ids = bm25.get_tokens_ids([token])
        if ids:
            out[token] = bm25.get_scores_from_ids(ids)
    return out


def language_array(index: KeywordIndex) -> Any:
    """The language of every chunk of `index` (numpy array of str, in the index's id order)."""
    return index._languages
