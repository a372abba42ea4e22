"""One file to its chunk records: load it, clean it, name its document and chunk it.

`prepare(path, settings, titles)` returns (loaded file, chunk records) or raises `LoadError` with a
one-line reason, whatever a parser or the cleaning raised. `document_identity` names the document:
the file stem, with the official titles of the studies file only for a bundled study (or a
byte-identical copy); another file with a bundled study's stem gets the stem plus 8 hex digits of
its path. It does not embed, align the two languages or touch the store (`cpassist.ingest.sync`).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from cpassist.errors import ConfigError
from cpassist.ingest.loaders import LoadedFile, LoadError, load_file, one_line
from cpassist.ingest.pages import LoadOptions
from cpassist.ingest.records import ChunkRecord, build_records
from cpassist.settings import Settings

_MD_MARKS = re.compile(r"^(?:#{1,6}\s*)+")


def load_titles(studies_file: Path) -> dict[str, dict[str, str]]:
    """Study id -> {language: title} from the studies metadata file (missing file: empty)."""
    if not studies_file.is_file():
        return {}
    try:
        data = json.loads(studies_file.read_text(encoding="utf-8"))
        return {
            str(study): {str(k): str(v) for k, v in (info.get("title") or {}).items()}
            for study, info in data.items()
        }
    except (json.JSONDecodeError, AttributeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{studies_file} is not valid studies metadata ({exc}); expected "
            '{"study-id": {"title": {"id": "...", "en": "..."}}}. Fix it or point '
            "CPASSIST_STUDIES_FILE elsewhere."
        ) from exc


def _fallback_title(paragraphs: list[Any], stem: str) -> str:
    from cpassist.ingest.clean import KNOWN_HEADINGS, heading_name

    for p in paragraphs[:3]:
        text = _MD_MARKS.sub("", p.text).strip()
        if p.kind == "heading" and text and (heading_name(p.text) or text) not in KNOWN_HEADINGS:
            return text[:150]
        if p.kind == "text" and text and len(text) <= 150:
            return text.rstrip(".")
    return stem.replace("_", " ").replace("-", " ").strip() or stem


def _is_bundled(loaded: LoadedFile, corpus_dir: Path) -> bool:
    """True for a file of the bundled corpus folder, or a byte-identical copy of one."""
    corpus = corpus_dir.expanduser().resolve()
    if loaded.path.resolve().is_relative_to(corpus):
        return True
    original = corpus / loaded.path.name
    try:
        return hashlib.sha256(original.read_bytes()).hexdigest() == loaded.source_hash
    except OSError:
        return False


def document_identity(
    loaded: LoadedFile, settings: Settings, titles: dict[str, dict[str, str]]
) -> tuple[str, dict[str, str]]:
    """(study id, official titles) of a file. The study id is the file stem, and the titles of
    the studies file apply, only when the file is a bundled study (or an identical copy); another
    file with a bundled study's stem gets the stem plus 8 hex digits of its path, and no titles."""
    stem = loaded.path.stem
    if stem not in titles:
        return stem, {}
    if _is_bundled(loaded, settings.corpus_dir):
        return stem, dict(titles[stem])
    return f"{stem}-{hashlib.sha256(str(loaded.path).encode()).hexdigest()[:8]}", {}


def chunk_file(
    loaded: LoadedFile, settings: Settings, titles: dict[str, dict[str, str]]
) -> list[ChunkRecord]:
    """Chunk records of one loaded file (parallel_ids not yet set)."""
    from cpassist.ingest.clean import clean_text
    from cpassist.ingest.metadata import chunk_fields, describe
    from cpassist.ingest.sections import split_document

    paragraphs = clean_text(loaded.text)
    study, study_titles = document_identity(loaded, settings, titles)
    layout = loaded.layout
    fields, _notes = describe(loaded.path, layout.first_page, layout.info)
    if not study_titles:
        title = _fallback_title(paragraphs, loaded.path.stem)
        study_titles = dict(fields.get("title") or {"id": title, "en": title})
    for lang in ("id", "en"):
        study_titles.setdefault(lang, next(iter(study_titles.values())))
    return build_records(
        split_document(paragraphs),
        source_text=loaded.text,
        study=study,
        titles=study_titles,
        source=str(loaded.path),
        source_hash=loaded.source_hash,
        size=settings.chunk_sentences,
        overlap=min(settings.chunk_overlap, settings.chunk_sentences - 1),
        locate=layout.locate,
        split_on="page" if layout.unit == "page" else "",
        extra=chunk_fields(fields),
    )


def notes_of(loaded: LoadedFile) -> list[str]:
    """What was left out of a file (pages, a bad sidecar), for its report row."""
    from cpassist.ingest.metadata import describe

    return [*loaded.layout.notes, *describe(loaded.path, "", {})[1]]


def prepare(path: Path, settings: Settings, titles: dict[str, dict[str, str]]) -> Any:
    """(loaded file, chunk records) of one file; raises `LoadError` with a one-line reason for
    anything that goes wrong, whatever a parser or the cleaning raised."""
    try:
        options = LoadOptions(ocr=settings.ocr, reference_pages=settings.index_reference_pages)
        loaded = load_file(path, settings.max_decompressed_mb * 1024 * 1024, options)
        records = chunk_file(loaded, settings, titles)
    except LoadError:
        raise
    except RecursionError as exc:
        raise LoadError("unreadable: structure nested too deeply") from exc
    except Exception as exc:  # one bad file must never stop the run
        raise LoadError(f"could not be processed: {one_line(exc)}") from exc
    if not records:
        raise LoadError("no text to index (only headings or punctuation)")
    return loaded, records
