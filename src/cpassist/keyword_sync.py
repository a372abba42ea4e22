"""Keeping a `KeywordIndex` in step with the store (`cpassist.store.ChromaStore`), on disk next to it.

- `sync(store, index, saved)` compares the index with the store by a stamp: the collection's id, its
  chunk count and a digest of its sorted chunk ids (reading ids only, no texts). Equal: nothing is
  read. Different: only the added chunks, and the other chunks of the files (`source`) that gained or
  lost chunks (their metadata, e.g. `parallel_ids`, may have been rewritten), are fetched; more than
  half the corpus new: a full rebuild.
- `IndexStore` persists an index in a folder: each save goes to a new version folder, and the pointer
  file `current.json` (holding the stamp) is replaced atomically after it, so a process killed while
  saving leaves the previous complete version; a kill during an ingest leaves a stamp that differs
  from the store, and the next `sync` fetches the difference.
- Where it lives (`index_dir`): `DATA_DIR/keyword-index/<collection>` for the embedded store; with a
  Chroma server `DATA_DIR/keyword-index/<host>_<port>/<collection>`, a per-machine cache of the
  server's collection that every process checks at start and when the count changes.
Known limit: a rewrite of only the metadata of unchanged chunks (same ids, same count, no chunk of
that file added or removed) is not seen by the stamp; `HybridRetriever.refresh(full=True)` re-reads all.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpassist.keyword_index import FORMAT, KeywordIndex, ids_digest

if TYPE_CHECKING:
    from cpassist.store import ChromaStore

#: Chunks fetched from the store per request when reading texts back.
PAGE = 5000


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


def _fetch(store: ChromaStore, **where: Any) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """(ids, texts, metadatas) of the chunks `ids=[...]` or matching `where=...` (all without)."""
    data = store.get(
        ids=where.get("ids"),
        where=where.get("where"),
        include=("documents", "metadatas"),
        batch=PAGE,
    )
    return (
        data["ids"],
        [t or "" for t in data["documents"]],
        [dict(m or {}) for m in data["metadatas"]],
    )


def sync(
    store: ChromaStore,
    index: KeywordIndex | None = None,
    saved: IndexStore | None = None,
    *,
    full: bool = False,
) -> KeywordIndex:
    """`index` (or the one saved in `saved`) brought up to date with `store`; saved when changed.

    See the module docstring for what is read."""
    collection_id = store.id
    current = store.ids()
    stamp = {"collection": collection_id, "count": len(current), "ids": ids_digest(current)}
    if index is None and saved is not None and not full:
        loaded = saved.load()
        if loaded is not None:
            index, saved_stamp = loaded
            if saved_stamp == stamp:
                return index
            if saved_stamp.get("collection") != collection_id:
                index = None  # the collection was dropped and created again
    if index is not None and not full and index.stamp(collection_id) == stamp:
        return index
    have = set(index.ids) if index is not None else set()
    now = set(current)
    added = [c for c in current if c not in have]
    if index is None or full or len(added) > len(current) // 2:
        index = KeywordIndex.build(*_fetch(store))
    else:
        removed = have - now
        new_ids, new_texts, new_metas = _fetch(store, ids=added)
        sources = {str(m.get("source", "")) for m in new_metas}
        sources |= {str((index.record(c) or ("", {}))[1].get("source", "")) for c in removed}
        sources.discard("")
        fetched = set(new_ids)
        names = sorted(sources)
        for start in range(0, len(names), 100):  # the other chunks of files that changed
            part = names[start : start + 100]
            where = {"source": part[0]} if len(part) == 1 else {"source": {"$in": part}}
            ids, texts, metas = _fetch(store, where=where)
            for chunk_id, text, meta in zip(ids, texts, metas, strict=False):
                if chunk_id not in fetched:
                    fetched.add(chunk_id)
                    new_ids.append(chunk_id)
                    new_texts.append(text)
                    new_metas.append(meta)
        index = index.updated(removed, new_ids, new_texts, new_metas)
    if saved is not None:
        # a read-only data dir: the index still works, it is brought up to date at the next start
        with contextlib.suppress(OSError):
            saved.save(index, index.stamp(collection_id))
    return index
