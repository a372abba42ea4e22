"""What a store holds: studies with chunk counts per language, totals per language (for `cpassist info`
and the UI's side panel). It only reads the store.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cpassist.store.chroma import ChromaStore


def corpus_stats(store: ChromaStore) -> dict[str, Any]:
    """What is in the store: studies (with chunk counts per language) and totals per language."""
    metadatas = [m for page in store.pages(("metadatas",)) for m in page.get("metadatas") or []]
    by_language: Counter[str] = Counter()
    studies: dict[str, dict[str, Any]] = {}
    for meta in metadatas:
        meta = meta or {}
        language = str(meta.get("language", "?"))
        by_language[language] += 1
        study = studies.setdefault(
            str(meta.get("study", "?")), {"titles": {}, "chunks": Counter(), "sources": set()}
        )
        study["chunks"][language] += 1
        if meta.get("title"):
            study["titles"][language] = meta["title"]
        if meta.get("source"):
            study["sources"].add(str(meta["source"]))
    return {
        "collection": store.name,
        "embedder": store.recorded_space,
        "total": len(metadatas),
        "languages": dict(sorted(by_language.items())),
        "studies": {
            name: {
                "titles": info["titles"],
                "chunks": dict(sorted(info["chunks"].items())),
                "sources": sorted(info["sources"]),
            }
            for name, info in sorted(studies.items())
        },
    }
