"""The one exception hierarchy of cpassist. Every message says what the user should do next.

Only errors a user can act on live here; programming errors stay ordinary Python exceptions. The
boundaries translate their libraries' exceptions into these: `cpassist.store` (chromadb, httpx,
sqlite) and `cpassist.llm` (llama.cpp, openai, ollama, httpx), so nothing above them catches a
library's exception type, and the faces (CLI, UI) catch `CpassistError` only.

    CpassistError
    ├── ConfigError                 a setting is missing or contradictory
    ├── InputError                  a question, file or id the user gave cannot be used
    │   └── UnknownDocumentError    a document id the store does not hold (`--doc`, `docs remove`)
    ├── StoreError                  the vector store cannot be used
    │   ├── StoreUnavailableError   cannot be opened or reached (path, server, a dropped collection)
    │   └── EmbedderMismatchError   the collection was built with another embedder
    └── ModelError                  an embedder or LLM cannot be found, loaded or reached
        └── GenerationError         the LLM failed while answering (server down, timeout, llama.cpp)
"""

from __future__ import annotations


class CpassistError(Exception):
    """Base class of every error cpassist reports to a user (CLI prints it without a traceback)."""


class ConfigError(CpassistError):
    """A setting is missing or contradictory (e.g. a non-loopback host without `CPASSIST_AUTH`)."""


class StoreError(CpassistError):
    """The vector store cannot be opened, is empty, or was built with another embedder."""


class StoreUnavailableError(StoreError):
    """The store cannot be opened or reached, or a store call failed (disk, server, lost collection)."""


class EmbedderMismatchError(StoreError):
    """The collection holds vectors of another embedder than the configured one."""


class ModelError(CpassistError):
    """A model (embedder or LLM) cannot be found, assembled, loaded or reached."""


class GenerationError(ModelError):
    """The LLM failed while generating (server unreachable, timeout, HTTP error, llama.cpp error)."""


class InputError(CpassistError):
    """A question or file the user gave cannot be used as it is."""


class UnknownDocumentError(InputError):
    """A document id that the store does not hold."""
