"""Document metadata (title, authors, year, institution) of one ingested file.

Sources, later ones winning: the first page (a thesis cover: "oleh"/"by" before the author, a
"Universitas ..."/"University ..." line, the last year 1950-2099 on it), then the file's own
metadata (PDF document information, DOCX core properties: title and author; the year only when
the first page has none), then a sidecar `NAME.meta.json` next to the file (`thesis.pdf.meta.json`
or `thesis.meta.json`), whose schema is `Sidecar`:

    {"title": "..." | {"id": "...", "en": "..."}, "authors": ["..."] | "...",
     "year": 2021, "institution": "..."}

every key optional, no others allowed. A sidecar that is not valid JSON or breaks the schema is
ignored with a note naming it (`SidecarError`); the document is still ingested. Bundled studies keep
their titles from the studies file (`cpassist.ingest.pipeline`). `chunk_fields` gives what goes into
chunk metadata (`authors` joined with "; "; unknown values are left out: Chroma stores no nulls).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_INSTITUTION = re.compile(
    r"\b(universitas|university|institut|institute|sekolah\s+tinggi|politeknik|college"
    r"|akademi|academy)\b",
    re.I,
)
_BY = re.compile(
    r"^(?:disusun\s+oleh|ditulis\s+oleh|oleh|by|written\s+by|author|penulis)\s*:?\s*(.*)$", re.I
)
_ID_NUMBER = re.compile(r"\b(nim|npm|nrp|nip|student\s+id)\b.*$", re.I)
_NOT_TITLE = re.compile(
    r"^(skripsi|tesis|thesis|disertasi|dissertation|tugas\s+akhir|laporan|diajukan|submitted|"
    r"untuk\s+memenuhi|in\s+partial|program\s+studi|study\s+program|fakultas|faculty|jurusan|"
    r"department|halaman|page)\b",
    re.I,
)
_JUNK_TITLES = re.compile(r"^(untitled|microsoft word\b|document\d*$|\S+\.(docx?|pdf)$)", re.I)
_JUNK_AUTHORS = frozenset({"python-docx", "user", "admin", "administrator", "owner", "unknown"})


class SidecarError(Exception):
    """A sidecar was ignored; `str(exc)` names the file and says why."""


class Sidecar(BaseModel):
    """The schema of `NAME.meta.json`."""

    model_config = ConfigDict(extra="forbid")

    title: str | dict[str, str] | None = Field(
        default=None, description="One title, or {language: title} for 'id'/'en'."
    )
    authors: list[str] | str | None = None
    year: int | None = Field(default=None, ge=1000, le=2100)
    institution: str | None = None

    @field_validator("title")
    @classmethod
    def _title_languages(cls, value: Any) -> Any:
        if isinstance(value, dict) and (not value or set(value) - {"id", "en"}):
            raise ValueError("a title object has the keys 'id' and/or 'en'")
        return value


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of `path`, if one exists (`thesis.pdf.meta.json` before `thesis.meta.json`)."""
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> Sidecar | None:
    """The sidecar of document `path` (None when there is none); `SidecarError` when it is bad."""
    found = sidecar_path(path)
    if found is None:
        return None
    try:
        return Sidecar.model_validate(json.loads(found.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(f"sidecar {found.name} ignored: not valid JSON ({exc})") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()
        )
        raise SidecarError(
            f"sidecar {found.name} ignored: {problems} (keys: title, authors, year, institution)"
        ) from exc


def _authors(value: Any) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"\s*(?:;|\band\b|\bdan\b|&)\s*", value)
    return [" ".join(str(a).split()) for a in items if str(a).strip()]


def first_page_fields(text: str) -> dict[str, Any]:
    """Title, authors, year, institution guessed from a cover page (missing ones left out; nothing
    when `text` does not look like a title page: `cpassist.ingest.layout.looks_like_cover`)."""
    from cpassist.ingest.layout import looks_like_cover

    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()][:40]
    found: dict[str, Any] = {}
    if not looks_like_cover(lines):
        return found
    for i, line in enumerate(lines):
        match = _BY.match(line)
        if match and "authors" not in found:
            name = match.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")
            name = _ID_NUMBER.sub("", name).strip(" :,")
            if name and len(name.split()) <= 8:
                found["authors"] = [name]
        if "institution" not in found and _INSTITUTION.search(line) and len(line) <= 120:
            found["institution"] = (
                line.strip(" ,.").title() if line.isupper() else line.strip(" ,.")
            )
    years = _YEAR.findall(" ".join(lines))
    if years:
        found["year"] = int(years[-1])
    title: list[str] = []
    for line in lines:
        if _BY.match(line) or _INSTITUTION.search(line) or _YEAR.fullmatch(line):
            break
        if _NOT_TITLE.match(line) or len(line.split()) < 2:
            if title:
                break
            continue
        title.append(line)
        if len(title) == 3:
            break
    if title:
        found["title"] = " ".join(title)[:200]
    return found


def document_fields(
    first_page: str, info: dict[str, Any], sidecar: Sidecar | None
) -> dict[str, Any]:
    """{title: {lang: title} | absent, authors: [..], year, institution} from all sources."""
    fields = first_page_fields(first_page)
    embedded_title = str(info.get("title") or "").strip()
    if embedded_title and not _JUNK_TITLES.match(embedded_title):
        fields["title"] = embedded_title
    authors = [a for a in _authors(info.get("authors")) if a.lower() not in _JUNK_AUTHORS]
    if authors:
        fields["authors"] = authors
    if "year" not in fields and info.get("year"):
        fields["year"] = int(info["year"])
    if sidecar is not None:
        given = sidecar.model_dump(exclude_none=True)
        if "authors" in given:
            given["authors"] = _authors(given["authors"])
        fields.update(given)
    title = fields.get("title")
    if isinstance(title, str):
        fields["title"] = {"id": title, "en": title}
    elif isinstance(title, dict):
        first = next(iter(title.values()))
        fields["title"] = {"id": title.get("id", first), "en": title.get("en", first)}
    return fields


def chunk_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The chunk metadata of document fields: `authors` ("; " joined), `year`, `institution`."""
    out: dict[str, Any] = {}
    if fields.get("authors"):
        out["authors"] = "; ".join(fields["authors"])
    if fields.get("year"):
        out["year"] = int(fields["year"])
    if fields.get("institution"):
        out["institution"] = str(fields["institution"])
    return out


def describe(path: Path, first_page: str, info: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(document fields, notes) of the document at `path`: a bad sidecar becomes a note."""
    notes: list[str] = []
    try:
        sidecar = read_sidecar(path)
    except SidecarError as exc:
        sidecar, notes = None, [str(exc)]
    return document_fields(first_page, info, sidecar), notes


def merge_sidecar(source: Path, fields: dict[str, Any]) -> Path:
    """Merge `fields` (title, authors, year, institution; None, "" or [] removes one) into
    `source`'s `NAME.meta.json`, creating it when missing, atomically; the sidecar's path."""
    import os
    import tempfile

    path = sidecar_path(source) or source.with_name(source.name + ".meta.json")
    try:
        old = read_sidecar(source)
    except Exception:  # noqa: BLE001 - a broken sidecar is replaced by the edited fields
        old = None
    data = old.model_dump(exclude_none=True) if old is not None else {}
    for key, value in fields.items():
        if value in (None, "", []):
            data.pop(key, None)
        else:
            data[key] = value
    text = Sidecar.model_validate(data).model_dump_json(exclude_none=True, indent=2)
    fd, tmp = tempfile.mkstemp(prefix=".meta-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
