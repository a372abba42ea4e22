"""Typed records passed between retrieval, answering, the CLI, the UI and the evaluation.

Plain pydantic models with no behaviour beyond conversion; they import nothing heavy. What is stored
in Chroma (per-chunk metadata keys) is listed in `CHUNK_METADATA_KEYS`, so ingestion and retrieval
agree.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Language = Literal["id", "en"]

#: Metadata stored with every chunk in Chroma (values are str/int; lists are joined with ",").
CHUNK_METADATA_KEYS = (
    "study",  # study id: the file stem (e.g. "ecpat-nepal-child-trafficking"); a file named like a
    # bundled study that is not it gets "<stem>-<8 hex>" (cpassist.ingest.documents.document_identity)
    "title",  # study title in the chunk's language
    "source",  # path of the file the chunk came from
    "source_hash",  # sha256 of the file's bytes: a changed file replaces its chunks
    "language",  # "id" or "en"
    "section",  # heading of the part ("INTISARI", "ABSTRACT", "Kata Kunci", "Keywords", ...) or "body"
    "position",  # 0-based order of the chunk within its file
    "parallel_ids",  # ids of the aligned chunk(s) in the other language of the same study, "," joined
    "original",  # the source span before cleaning (for verification against the file)
    "ingested_at",  # ISO time (UTC) the chunk was first stored; absent on chunks stored before
)
#: Metadata some chunks have (`cpassist.ingest.pages`, `cpassist.ingest.metadata`); absent rather than null.
OPTIONAL_CHUNK_METADATA_KEYS = (
    "page",  # PDF: 1-based physical page the chunk starts on (chunks never span pages)
    "paragraph",  # DOCX: 1-based paragraph the chunk starts in
    "line",  # txt/md: 1-based line the chunk starts on
    "ocr",  # True when the text was read by OCR from a scanned page
    "kind",  # "toc" or "bibliography" (indexed only with CPASSIST_INDEX_REFERENCE_PAGES)
    "authors",  # "; " joined
    "year",  # int
    "institution",
)


class Place(BaseModel):
    """Where a passage came from and who wrote its document (null/empty when unknown)."""

    page: int | None = Field(
        default=None, description="PDF page (1-based); null for other formats."
    )
    paragraph: int | None = Field(default=None, description="DOCX paragraph (1-based).")
    line: int | None = Field(default=None, description="txt/md line (1-based).")
    ocr: bool = Field(default=False, description="Text read by OCR from a scanned page.")
    kind: str = Field(default="body", description='"body", "toc" or "bibliography".')
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    institution: str = ""

    @staticmethod
    def fields_of(metadata: dict[str, Any]) -> dict[str, Any]:
        """Place fields of Chroma metadata."""

        def number(key: str) -> int | None:
            value = metadata.get(key)
            return (
                int(value)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else None
            )

        return {
            "page": number("page"),
            "paragraph": number("paragraph"),
            "line": number("line"),
            "ocr": bool(metadata.get("ocr", False)),
            "kind": str(metadata.get("kind") or "body"),
            "authors": [a for a in str(metadata.get("authors") or "").split("; ") if a],
            "year": number("year"),
            "institution": str(metadata.get("institution") or ""),
        }


class Passage(Place):
    """One retrieved chunk, as `cpassist search --json` prints it."""

    chunk_id: str
    study: str
    title: str
    language: str
    section: str
    text: str
    score: float = 0.0
    parallel_ids: list[str] = Field(default_factory=list)
    source: str = ""
    position: int = 0
    parallel_of: str | None = Field(
        default=None,
        description="Set when this passage was brought along as the parallel of that hit.",
    )

    @classmethod
    def from_metadata(
        cls, chunk_id: str, text: str, metadata: dict[str, Any], score: float = 0.0
    ) -> Passage:
        """Build a passage from a Chroma record."""
        raw = metadata.get("parallel_ids") or ""
        return cls(
            chunk_id=chunk_id,
            study=str(metadata.get("study", "")),
            title=str(metadata.get("title", "")),
            language=str(metadata.get("language", "")),
            section=str(metadata.get("section", "")),
            text=text,
            score=score,
            parallel_ids=[p for p in str(raw).split(",") if p],
            source=str(metadata.get("source", "")),
            position=int(metadata.get("position", 0) or 0),
            **Place.fields_of(metadata),
        )


class Citation(Place):
    """A numbered source `[n]` used in an answer."""

    n: int
    chunk_id: str
    study: str
    title: str
    language: str
    section: str
    text: str
    sentences: list[str] = Field(
        default_factory=list,
        description="The answer sentences that cite this source (for highlighting).",
    )
    parallel_ids: list[str] = Field(default_factory=list)
    reference: str = Field(
        default="", description="Reference line: authors (year). Title. Institution, p. X."
    )
    in_text: str = Field(
        default="", description='Academic in-text citation "(Author, Year, p. X)".'
    )


class SentenceCheck(BaseModel):
    """What verification did with one sentence of a generated answer."""

    text: str
    status: Literal["kept", "corrected", "dropped"]
    cited: list[int] = Field(default_factory=list, description="[n] the generator wrote.")
    supported_by: list[int] = Field(default_factory=list, description="[n] verification attached.")
    support: float = Field(
        default=0.0, description="Best support score found for the sentence (0-1)."
    )
    note: str = Field(default="", description="Why a sentence was dropped (empty otherwise).")
    quoted: bool = Field(
        default=False,
        description="The sentence is a source sentence, verbatim (else a paraphrase).",
    )
    grounding: list[str] = Field(
        default_factory=list, description="The source sentences the sentence was checked against."
    )


class VerificationReport(BaseModel):
    sentences: list[SentenceCheck] = Field(default_factory=list)
    fallback: bool = Field(
        default=False, description="True when the extractive answer replaced the LLM's."
    )
    reason: str = ""

    @property
    def kept(self) -> int:
        return sum(s.status == "kept" for s in self.sentences)

    @property
    def corrected(self) -> int:
        return sum(s.status == "corrected" for s in self.sentences)

    @property
    def dropped(self) -> int:
        return sum(s.status == "dropped" for s in self.sentences)


class Timings(BaseModel):
    retrieve_ms: float = 0.0
    generate_ms: float = 0.0
    verify_ms: float = 0.0
    total_ms: float = 0.0


class ChatTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class AnswerResult(BaseModel):
    """What `Assistant.ask` returns and `cpassist ask --json/--jsonl` prints."""

    question: str
    answer: str
    language: Language
    abstained: bool
    standalone_question: str
    citations: list[Citation] = Field(default_factory=list)
    contexts: list[Passage] = Field(default_factory=list)
    verification: VerificationReport = Field(default_factory=VerificationReport)
    timings: Timings = Field(default_factory=Timings)
    generator: str


class StreamEvent(BaseModel):
    """One event of `Assistant.stream`: tokens as they come, then one final event with the verified result."""

    type: Literal["token", "final"]
    text: str = ""
    result: AnswerResult | None = None
