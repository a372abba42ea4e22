"""The document library: what documents the store holds, removing one, and checking document ids
for a restricted search. A service over the `ChromaStore` and the `HybridRetriever` (whose keyword
index it keeps in step), with no UI: the CLI (`cpassist docs`, `--doc`) and a UI call its methods.

A document is what the chunks' `study` metadata names: one ingested file, both language versions
of a bilingual study included (`cpassist.ingest.documents.document_identity`). Removing one deletes all its
chunks from Chroma and from the keyword index; other documents are untouched; an unknown id raises
`UnknownDocumentError` before anything is deleted. The file itself is not deleted.
`update_metadata` rewrites a document's title, authors, year and institution in its chunks' metadata
(batched store updates, the keyword index re-read) and, for files under `sidecar_root` (the uploads),
in the file's `NAME.meta.json` sidecar (written by `cpassist.ingest.metadata.merge_sidecar`, which the face passes in: the core does not
import ingest), so a re-ingest keeps the edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cpassist.errors import InputError, UnknownDocumentError

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


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")


def _line(value: str) -> str:
    return " ".join(_CONTROL.sub(" ", value).split())


class MetadataEdit(BaseModel):
    """What `Library.update_metadata` may change; a key given as None or "" clears that field
    (except `title`, which cannot be empty). Keys not given stay as they are."""

    model_config = ConfigDict(extra="forbid")

    title: str | dict[str, str] | None = Field(default=None, description="One, or per language.")
    authors: list[str] | str | None = Field(default=None, description='A list, or "; " joined.')
    year: int | None = Field(default=None, ge=1000, le=2100)
    institution: str | None = Field(default=None, max_length=300)

    @field_validator("title")
    @classmethod
    def _title(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = _line(value)
        elif isinstance(value, dict):
            if not value or set(value) - {"id", "en"}:
                raise ValueError("a title object has the keys 'id' and/or 'en'")
            value = {k: _line(v) for k, v in value.items()}
        titles = [value] if isinstance(value, str) else list(value.values())
        if any(not t for t in titles) or any(len(t) > 300 for t in titles):
            raise ValueError("a title is 1 to 300 characters")
        return value

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("\n", ";").split(";")
        if isinstance(value, list):
            value = [_line(str(a)) for a in value if _line(str(a))]
            if len(value) > 30 or any(len(a) > 200 for a in value):
                raise ValueError("at most 30 authors of up to 200 characters each")
        return value

    @field_validator("institution")
    @classmethod
    def _institution(cls, value: str | None) -> str | None:
        return _line(value) if value is not None else None


class MetadataReport(BaseModel):
    """What `Library.update_metadata` did."""

    id: str
    chunks_updated: int
    fields: dict[str, Any]
    sidecars: list[str] = Field(default_factory=list, description="Sidecar files written.")


def check_edit(fields: dict[str, Any]) -> tuple[MetadataEdit, set[str]]:
    """(the checked edit, the keys given) of `fields`; `InputError` naming what is wrong."""
    try:
        edit = MetadataEdit.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'fields'}: {e['msg']}" for e in exc.errors()
        )
        raise InputError(f"Invalid document metadata: {problems}.") from exc
    given = set(fields)
    if "title" in given and edit.title is None:
        raise InputError("Invalid document metadata: title: a title cannot be removed.")
    return edit, given


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

    def update_metadata(
        self,
        doc_id: str,
        fields: dict[str, Any],
        sidecar_root: Path | None = None,
        write_sidecar: Callable[[Path, dict[str, Any]], Path] | None = None,
    ) -> MetadataReport:
        """Set the `fields` (see `MetadataEdit`) of document `doc_id` in all its chunks (batched
        updates), re-read the keyword index, and, with `write_sidecar` (the ingest side's
        `cpassist.ingest.metadata.merge_sidecar`, given by the face), merge them into the sidecar
        of each source file under `sidecar_root`. Unknown id or bad fields: an error before
        anything is written."""
        edit, given = check_edit(fields)
        (doc_id,) = self.check_ids([doc_id])
        data = self.store.get(where={"study": doc_id}, include=("metadatas",))
        changes: list[dict[str, Any]] = []
        for meta in data["metadatas"]:
            meta = meta or {}
            change: dict[str, Any] = {}
            if "title" in given and edit.title is not None:
                title = edit.title
                if isinstance(title, dict):
                    title = title.get(str(meta.get("language", ""))) or next(iter(title.values()))
                change["title"] = title
            if "authors" in given:
                change["authors"] = "; ".join(edit.authors or []) or None  # None deletes the key
            if "year" in given:
                change["year"] = edit.year
            if "institution" in given:
                change["institution"] = edit.institution or None
            changes.append(change)
        if given and data["ids"]:
            self.store.update(data["ids"], changes)
            if self.retriever is not None:
                self.retriever.refresh(full=True)  # same ids, new metadata: the stamp cannot tell
        sidecars: list[str] = []
        root = sidecar_root.resolve() if sidecar_root is not None else None
        sources = {str(m.get("source")) for m in data["metadatas"] if m and m.get("source")}
        for source in sorted(sources):
            path = Path(source)
            if (
                write_sidecar is not None
                and root is not None
                and path.resolve().parent == root
                and path.is_file()
            ):
                sidecars.append(str(write_sidecar(path, {k: getattr(edit, k) for k in given})))
        shown = {key: getattr(edit, key) for key in sorted(given)}
        return MetadataReport(
            id=doc_id,
            chunks_updated=len(data["ids"]) if given else 0,
            fields=shown,
            sidecars=sidecars,
        )

    def restricted(self, ids: Sequence[str]) -> HybridRetriever:
        """The retriever searching only the documents `ids` (checked first)."""
        if self.retriever is None:
            raise ValueError("this Library was built without a retriever")
        return self.retriever.restricted_to(self.check_ids(ids))
