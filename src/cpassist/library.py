"""The document library: what documents the store holds, removing one, and checking document ids
for a restricted search. A service over the `ChromaStore` and the `HybridRetriever` (whose keyword
index it keeps in step), with no UI: the CLI (`cpassist docs`, `--doc`) and a UI call its methods.

A document is what the chunks' `study` metadata names: one ingested file, both language versions of
a bilingual study included (`cpassist.ingest.documents.document_identity`). Removing one deletes all
its chunks from Chroma and from the keyword index; other documents are untouched; an unknown id
raises `UnknownDocumentError` before anything is deleted. The file itself is not deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from cpassist.errors import UnknownDocumentError

if TYPE_CHECKING:
    from cpassist.retrieval import HybridRetriever
    from cpassist.store import ChromaStore


class DocumentInfo(BaseModel):
    """One row of `cpassist docs list`."""

    id: str
    title: str = Field(description="The English title when there is one, else the first.")
    titles: dict[str, str] = Field(default_factory=dict, description="Title per language.")
    languages: list[str] = Field(default_factory=list)
    pages: int | None = Field(default=None, description="Pages of the file; null when unknown.")
    chunks: int = 0
    chunks_per_language: dict[str, int] = Field(default_factory=dict)
    source: str = Field(default="", description="The file the document was ingested from.")
    sources: list[str] = Field(default_factory=list)
    ingested_at: str | None = Field(
        default=None, description="ISO time of the latest chunk stored; null if ingested before."
    )


class RemoveReport(BaseModel):
    """What `Library.remove` did."""

    id: str
    chunks_removed: int
    sources: list[str] = Field(default_factory=list)


def _pages(meta: dict[str, Any]) -> int | None:
    """Pages of the file a chunk's metadata tells (`pages`, or its `page` number), if any."""
    for key in ("pages", "page_count", "page_end", "page"):
        value = meta.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


class Library:
    """List, remove and check the documents of one store (see the module docstring)."""

    def __init__(self, store: ChromaStore, retriever: HybridRetriever | None = None) -> None:
        self.store = store
        self.retriever = retriever

    def documents(self) -> list[DocumentInfo]:
        """Every document, sorted by id (one paged read of the chunks' metadata)."""
        rows: dict[str, dict[str, Any]] = {}
        for page in self.store.pages(("metadatas",)):
            for meta in page.get("metadatas") or []:
                meta = meta or {}
                row = rows.setdefault(
                    str(meta.get("study", "")),
                    {"titles": {}, "langs": {}, "sources": set(), "pages": None, "at": None},
                )
                language = str(meta.get("language", ""))
                row["langs"][language] = row["langs"].get(language, 0) + 1
                if meta.get("title") and language not in row["titles"]:
                    row["titles"][language] = str(meta["title"])
                if meta.get("source"):
                    row["sources"].add(str(meta["source"]))
                pages = _pages(meta)
                if pages is not None:
                    row["pages"] = max(row["pages"] or 0, pages)
                stamp = meta.get("ingested_at")
                if isinstance(stamp, str) and stamp and (row["at"] is None or stamp > row["at"]):
                    row["at"] = stamp
        out = []
        for doc_id, row in sorted(rows.items()):
            titles = dict(sorted(row["titles"].items()))
            sources = sorted(row["sources"])
            out.append(
                DocumentInfo(
                    id=doc_id,
                    title=titles.get("en") or next(iter(titles.values()), doc_id),
                    titles=titles,
                    languages=sorted(lang for lang in row["langs"] if lang),
                    pages=row["pages"],
                    chunks=sum(row["langs"].values()),
                    chunks_per_language=dict(sorted(row["langs"].items())),
                    source=sources[0] if sources else "",
                    sources=sources,
                    ingested_at=row["at"],
                )
            )
        return out

    def document_ids(self) -> list[str]:
        """The ids of every document, sorted."""
        return [doc.id for doc in self.documents()]

    def check_ids(self, ids: Iterable[str]) -> list[str]:
        """`ids` without repeats, once every one is a document of the store; else an
        `UnknownDocumentError` naming the unknown ones and the known ones."""
        wanted = list(dict.fromkeys(str(i).strip() for i in ids))
        known = set(self.document_ids())
        unknown = [i for i in wanted if i not in known]
        if unknown or not wanted:
            names = ", ".join(sorted(known)) or "none (run `cpassist ingest` first)"
            what = ", ".join(repr(i) for i in unknown) or "''"
            raise UnknownDocumentError(
                f"No document with id {what} in the store. Known documents: {names}. "
                "`cpassist docs list` shows them with their titles."
            )
        return wanted

    def remove(self, doc_id: str) -> RemoveReport:
        """Delete every chunk of document `doc_id` from Chroma and the keyword index."""
        (doc_id,) = self.check_ids([doc_id])
        sources = next((d.sources for d in self.documents() if d.id == doc_id), [])
        removed = self.store.delete(where={"study": doc_id})
        if self.retriever is not None:
            self.retriever.refresh()  # drops the removed ids and saves the index
        return RemoveReport(id=doc_id, chunks_removed=removed, sources=sources)

    def restricted(self, ids: Sequence[str]) -> HybridRetriever:
        """The retriever searching only the documents `ids` (checked first)."""
        if self.retriever is None:
            raise ValueError("this Library was built without a retriever")
        return self.retriever.restricted_to(self.check_ids(ids))
