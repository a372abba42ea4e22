"""A BM25 keyword index (Lucene BM25, the scoring of `bm25s`, on a scipy sparse matrix) over the chunks
of a Chroma collection, for both Indonesian and English; kept on disk next to the store and brought
up to date from the collection without reading every chunk back.

Tokenizer: deliberately light: lowercase, Unicode words (so `child-trafficking` and `isu-isu` split),
a short stopword list for both languages and a plural `s` strip. It does not stem Indonesian affixes.

Scaling rules (documented behaviour):
- The index keeps a term-count matrix (chunks x words); BM25 weights are recomputed from it with
  numpy in one pass, so adding or removing chunks tokenizes only the new chunks
  (`KeywordIndex.updated`), never the whole corpus.
- `sync(collection, index, store)` compares the index with the collection by a stamp: the
  collection's id, its chunk count and a digest of its sorted chunk ids (reading ids only, no
  texts). Equal: nothing is read. Different: only the added chunks, and the other chunks of the
  files (`source`) that gained or lost chunks (their metadata, e.g. `parallel_ids`, may have been
  rewritten), are fetched; more than half the corpus new: a full rebuild.
- `IndexStore` persists an index in a folder: each save goes to a new version folder, and the
  pointer file `current.json` (holding the stamp) is replaced atomically after it, so a process
  killed while saving leaves the previous complete version; a kill during an ingest leaves a stamp
  that differs from the collection, and the next `sync` fetches the difference.
- Where it lives (`index_dir`): `DATA_DIR/keyword-index/<collection>` for the embedded store;
  with a Chroma server `DATA_DIR/keyword-index/<host>_<port>/<collection>`, a per-machine cache
  of the server's collection: every process checks the stamp at start and when the count changes,
  so processes sharing one server see each other's ingests.
Known limit: a rewrite of only the metadata of unchanged chunks (same ids, same count, no chunk of
that file added or removed) is not seen by the stamp; `HybridRetriever.refresh(full=True)` re-reads all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
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


K1 = 1.5
B = 0.75
#: Chunks fetched from Chroma per request when reading texts back.
PAGE = 5000
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

    def search(
        self, query: str, n: int, languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Up to `n` (chunk_id, bm25 score) pairs, best first; only chunks matching a query word."""
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


class IndexStore:
    """A persisted keyword index in `directory` (versions + an atomically replaced pointer)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @property
    def pointer(self) -> Path:
        return self.directory / "current.json"

    def stamp(self) -> dict[str, Any] | None:
        """The stamp of the saved index, or None when there is none (or it is unreadable)."""
        try:
            data = json.loads(self.pointer.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data.get("stamp") if data.get("format") == FORMAT else None

    def load(self) -> tuple[KeywordIndex, dict[str, Any]] | None:
        """(index, stamp) as last saved, or None (missing, another format, damaged files)."""
        try:
            data = json.loads(self.pointer.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            index = KeywordIndex.load_from(self.directory / data["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return index, data["stamp"]

    def save(self, index: KeywordIndex, stamp: dict[str, Any]) -> None:
        """Write `index` to a new version folder, then point `current.json` at it (atomic)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        version = f"v-{secrets.token_hex(6)}"
        index.save_to(self.directory / version)
        tmp = self.directory / f".current-{version}.json"
        tmp.write_text(
            json.dumps({"format": FORMAT, "version": version, "stamp": stamp}), encoding="utf-8"
        )
        os.replace(tmp, self.pointer)
        for old in self.directory.glob("v-*"):  # earlier versions (other processes' too)
            if old.name != version:
                shutil.rmtree(old, ignore_errors=True)


def index_dir(settings: Any) -> Path:
    """Where the keyword index of `settings`' collection is kept (see the module docstring)."""
    root = Path(settings.data_dir) / "keyword-index"
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = (
            settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}"
        )
        parsed = urlparse(url)
        server = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{parsed.hostname}_{parsed.port or 8000}")
        return root / server / settings.collection
    return root / settings.collection


# --- keeping an index in step with a Chroma collection -----------------------------------------
def _fetch(collection: Any, **where: Any) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    ids: list[str] = []
    texts: list[str] = []
    metadatas: list[dict[str, Any]] = []
    wanted = where.pop("ids", None)
    if wanted is not None:
        for start in range(0, len(wanted), PAGE):
            data = collection.get(
                ids=list(wanted[start : start + PAGE]), include=["documents", "metadatas"]
            )
            ids += data["ids"]
            texts += data.get("documents") or []
            metadatas += data.get("metadatas") or []
        return ids, texts, [dict(m or {}) for m in metadatas]
    offset = 0
    while True:
        data = collection.get(
            include=["documents", "metadatas"], limit=PAGE, offset=offset, **where
        )
        ids += data["ids"]
        texts += data.get("documents") or []
        metadatas += data.get("metadatas") or []
        if len(data["ids"]) < PAGE:
            return ids, texts, [dict(m or {}) for m in metadatas]
        offset += PAGE


def collection_ids(collection: Any) -> list[str]:
    """Every chunk id of `collection` (ids only: no texts, metadata or vectors)."""
    ids: list[str] = []
    offset = 0
    while True:
        data = collection.get(include=[], limit=50_000, offset=offset)
        ids += data["ids"]
        if len(data["ids"]) < 50_000:
            return ids
        offset += 50_000


def sync(
    collection: Any,
    index: KeywordIndex | None = None,
    store: IndexStore | None = None,
    *,
    full: bool = False,
) -> KeywordIndex:
    """`index` (or the one saved in `store`) brought up to date with `collection`; saved when changed.

    See the module docstring for what is read."""
    collection_id = str(getattr(collection, "id", ""))
    current = collection_ids(collection)
    stamp = {"collection": collection_id, "count": len(current), "ids": ids_digest(current)}
    if index is None and store is not None and not full:
        loaded = store.load()
        if loaded is not None:
            index, saved = loaded
            if saved == stamp:
                return index
            if saved.get("collection") != collection_id:
                index = None  # the collection was dropped and created again
    if index is not None and not full and index.stamp(collection_id) == stamp:
        return index
    have = set(index.ids) if index is not None else set()
    now = set(current)
    added = [c for c in current if c not in have]
    if index is None or full or len(added) > len(current) // 2:
        index = KeywordIndex.build(*_fetch(collection))
    else:
        removed = have - now
        new_ids, new_texts, new_metas = _fetch(collection, ids=added)
        sources = {str(m.get("source", "")) for m in new_metas}
        sources |= {str((index.record(c) or ("", {}))[1].get("source", "")) for c in removed}
        sources.discard("")
        fetched = set(new_ids)
        names = sorted(sources)
        for start in range(0, len(names), 100):  # the other chunks of files that changed
            part = names[start : start + 100]
            where = {"source": part[0]} if len(part) == 1 else {"source": {"$in": part}}
            ids, texts, metas = _fetch(collection, where=where)
            for chunk_id, text, meta in zip(ids, texts, metas, strict=False):
                if chunk_id not in fetched:
                    fetched.add(chunk_id)
                    new_ids.append(chunk_id)
                    new_texts.append(text)
                    new_metas.append(meta)
        index = index.updated(removed, new_ids, new_texts, new_metas)
    if store is not None:
        # a read-only data dir: the index still works, it is brought up to date at the next start
        with contextlib.suppress(OSError):
            store.save(index, index.stamp(collection_id))
    return index


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
