"""A BM25 keyword index (Lucene BM25, the scoring of `bm25s`, on a scipy sparse matrix) over chunks
in both Indonesian and English, with the files it is saved to. Keeping it in step with the store is
`cpassist.keyword_sync`.

Tokenizer: deliberately light: lowercase, Unicode words (so `child-trafficking` and `isu-isu`
split), a short stopword list for both languages and a plural `s` strip (all three from
`cpassist.text`). It does not stem Indonesian affixes. The index keeps a term-count matrix (chunks x
words); BM25 weights are recomputed from it with numpy in one pass, so adding or removing chunks
(`KeywordIndex.updated`) tokenizes only the new chunks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpassist.text import KEYWORD_STOPWORDS, WORD_TOKEN, plural_stem


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens without stopwords; a trailing plural `s` is dropped (`goals` -> `goal`)."""
    return [
        plural_stem(word)
        for word in WORD_TOKEN.findall((text or "").lower())
        if word not in KEYWORD_STOPWORDS
    ]


K1 = 1.5
B = 0.75
#: Version of the files `save_to` writes (a saved index of another version is rebuilt).
FORMAT = 1


def _dumps(obj: Any) -> bytes:
    try:
        import orjson

        return orjson.dumps(obj)
    except ImportError:  # pragma: no cover - orjson comes with chromadb
        return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _loads(data: bytes) -> Any:
    try:
        import orjson

        return orjson.loads(data)
    except ImportError:  # pragma: no cover
        return json.loads(data)


@dataclass
class KeywordIndex:
    """BM25 over `texts`, remembering the ids, texts and metadata of the records it was built from."""

    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    vocab: dict[str, int] = field(default_factory=dict, repr=False)
    _counts: Any = field(default=None, repr=False)  # csr: chunks x words, term counts
    _weights: Any = field(default=None, repr=False)  # csc: same shape, BM25 weights
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    _languages: Any = field(default=None, repr=False)
    _studies: Any = field(default=None, repr=False)  # numpy str array, built at first use
    #: The languages of the chunks, sorted (without "").
    languages_present: tuple[str, ...] = field(default=(), repr=False)

    # --- building ----------------------------------------------------------------------------
    @staticmethod
    def _count_rows(texts: Iterable[str], vocab: dict[str, int]) -> Any:
        """A csr matrix of term counts of `texts`, growing `vocab` with new words."""
        import numpy as np
        import scipy.sparse as sp

        indptr = [0]
        indices: list[int] = []
        data: list[int] = []
        for text in texts:
            counts: dict[int, int] = {}
            for token in tokenize(text):
                col = vocab.get(token)
                if col is None:
                    col = vocab[token] = len(vocab)
                counts[col] = counts.get(col, 0) + 1
            indices.extend(counts)
            data.extend(counts.values())
            indptr.append(len(indices))
        return sp.csr_matrix(
            (
                np.asarray(data, dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(indptr) - 1, max(len(vocab), 1)),
        )

    @classmethod
    def build(
        cls, ids: Sequence[str], texts: Sequence[str], metadatas: Sequence[dict[str, Any] | None]
    ) -> KeywordIndex:
        index = cls(list(ids), [t or "" for t in texts], [dict(m or {}) for m in metadatas])
        index._counts = cls._count_rows(index.texts, index.vocab)
        index._finish()
        return index

    def _finish(self) -> None:
        """Positions, languages and BM25 weights from `_counts` (vectorised, no tokenizing)."""
        import numpy as np
        import scipy.sparse as sp

        self._position = {chunk_id: i for i, chunk_id in enumerate(self.ids)}
        self._languages = np.array([str(m.get("language", "")) for m in self.metadatas])
        self.languages_present = tuple(str(v) for v in np.unique(self._languages) if str(v))
        counts = self._counts
        n, width = counts.shape
        if n == 0 or counts.nnz == 0:
            self._weights = None
            return
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        average = float(lengths.mean()) or 1.0
        freq = np.bincount(counts.indices, minlength=width).astype(np.float64)
        idf = np.log(1.0 + (n - freq + 0.5) / (freq + 0.5))
        rows = np.repeat(np.arange(n), np.diff(counts.indptr))
        tf = counts.data.astype(np.float64)
        norm = K1 * ((1.0 - B) + B * lengths / average)
        weights = (idf[counts.indices] * tf / (norm[rows] + tf)).astype(np.float32)
        self._weights = sp.csr_matrix(
            (weights, counts.indices, counts.indptr), shape=counts.shape
        ).tocsc()

    def updated(
        self,
        removed: Collection[str],
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any] | None],
    ) -> KeywordIndex:
        """A new index without `removed` (and without the old rows of `ids`), plus the given records
        (only these are tokenized)."""
        import numpy as np
        import scipy.sparse as sp

        drop = set(removed) | set(ids)
        keep = [i for i, chunk_id in enumerate(self.ids) if chunk_id not in drop]
        vocab = dict(self.vocab)
        added = self._count_rows([t or "" for t in texts], vocab)
        width = max(len(vocab), 1)
        old = self._counts[np.asarray(keep, dtype=np.int64)] if keep else None
        parts = []
        if old is not None:
            old.resize((old.shape[0], width))
            parts.append(old)
        added.resize((added.shape[0], width))
        parts.append(added)
        index = KeywordIndex(
            [self.ids[i] for i in keep] + list(ids),
            [self.texts[i] for i in keep] + [t or "" for t in texts],
            [self.metadatas[i] for i in keep] + [dict(m or {}) for m in metadatas],
            vocab=vocab,
        )
        index._counts = sp.vstack(parts, format="csr")
        index._finish()
        return index

    # --- reading -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._position

    def record(self, chunk_id: str) -> tuple[str, dict[str, Any]] | None:
        """(text, metadata) of `chunk_id`, or None when the index does not hold it."""
        i = self._position.get(chunk_id)
        return None if i is None else (self.texts[i], self.metadatas[i])

    def stamp(self, collection_id: str = "") -> dict[str, Any]:
        """What this index holds: collection id, chunk count and digest of the sorted ids."""
        return {"collection": collection_id, "count": len(self.ids), "ids": ids_digest(self.ids)}

    def study_mask(self, studies: Sequence[str]) -> Any:
        """Boolean numpy array: which chunks (in id order) belong to the documents `studies`."""
        import numpy as np

        if self._studies is None:
            self._studies = np.array([str(m.get("study", "")) for m in self.metadatas])
        return np.isin(self._studies, list(studies))

    def search(
        self,
        query: str,
        n: int,
        languages: Sequence[str] | None = None,
        studies: Sequence[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Up to `n` (chunk_id, bm25 score) pairs, best first; only chunks matching a query word
        (of the `languages` and documents `studies` when given)."""
        import numpy as np

        if self._weights is None or n <= 0:
            return []
        columns = [self.vocab[t] for t in tokenize(query) if t in self.vocab]
        if not columns:
            return []
        weights = self._weights
        scores = np.zeros(len(self.ids), dtype=np.float32)
        for col in columns:  # a repeated query word counts again, as in bm25s
            start, end = weights.indptr[col], weights.indptr[col + 1]
            scores[weights.indices[start:end]] += weights.data[start:end]
        if languages:
            scores = np.where(np.isin(self._languages, list(languages)), scores, 0.0)
        if studies is not None:
            scores = np.where(self.study_mask(studies), scores, 0.0)
        hits = np.flatnonzero(scores > 0)
        if hits.size > n:
            hits = hits[np.argpartition(-scores[hits], n - 1)[:n]]
        hits = hits[np.argsort(-scores[hits], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in hits]

    # --- files -------------------------------------------------------------------------------
    def save_to(self, folder: Path) -> None:
        import numpy as np

        folder.mkdir(parents=True, exist_ok=True)
        counts = self._counts
        np.savez(
            folder / "counts.npz",
            data=counts.data,
            indices=counts.indices,
            indptr=counts.indptr,
            shape=np.asarray(counts.shape, dtype=np.int64),
        )
        words = sorted(self.vocab, key=self.vocab.__getitem__)
        (folder / "vocab.json").write_bytes(_dumps(words))
        (folder / "records.json").write_bytes(
            _dumps({"ids": self.ids, "texts": self.texts, "metadatas": self.metadatas})
        )

    @classmethod
    def load_from(cls, folder: Path) -> KeywordIndex:
        import numpy as np
        import scipy.sparse as sp

        records = _loads((folder / "records.json").read_bytes())
        words = _loads((folder / "vocab.json").read_bytes())
        with np.load(folder / "counts.npz") as arrays:
            counts = sp.csr_matrix(
                (arrays["data"], arrays["indices"], arrays["indptr"]),
                shape=tuple(int(x) for x in arrays["shape"]),
            )
        index = cls(
            records["ids"],
            records["texts"],
            records["metadatas"],
            vocab={w: i for i, w in enumerate(words)},
        )
        if counts.shape[0] != len(index.ids):
            raise ValueError("keyword index files disagree")
        index._counts = counts
        index._finish()
        return index


def ids_digest(ids: Iterable[str]) -> str:
    """sha256 of the sorted ids (order-free digest of a collection's membership)."""
    digest = hashlib.sha256()
    for chunk_id in sorted(ids):
        digest.update(chunk_id.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def token_scores(index: KeywordIndex, tokens: Sequence[str]) -> dict[str, Any]:
    """BM25 score of every chunk of `index` for each token on its own (a numpy array per token, in
    the index's id order); tokens the index does not know are left out. BM25 sums over query tokens,
    so the arrays add up to `search`'s scores. Used to weigh keyword hits by what they matched."""
    import numpy as np

    weights = index._weights
    if weights is None:
        return {}
    out: dict[str, Any] = {}
    for token in dict.fromkeys(tokens):
        col = index.vocab.get(token)
        if col is None:
            continue
        scores = np.zeros(len(index.ids), dtype=np.float32)
        start, end = weights.indptr[col], weights.indptr[col + 1]
        scores[weights.indices[start:end]] = weights.data[start:end]
        out[token] = scores
    return out


def language_array(index: KeywordIndex) -> Any:
    """The language of every chunk of `index` (numpy array of str, in the index's id order)."""
    return index._languages
