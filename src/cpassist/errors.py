"""The one exception hierarchy of cpassist. Every message says what the user should do next.

Only errors a user can act on live here; programming errors stay ordinary Python exceptions.
"""

from __future__ import annotations


class CpassistError(Exception):
    """Base class of every error cpassist reports to a user (CLI prints it without a traceback)."""


class ConfigError(CpassistError):
    """A setting is missing or contradictory (e.g. a non-loopback host without `CPASSIST_AUTH`)."""


class StoreError(CpassistError):
    """The vector store cannot be opened, is empty, or was built with another embedder."""


class ModelError(CpassistError):
    """A model (embedder or LLM) cannot be found, assembled, loaded or reached."""


class InputError(CpassistError):
    """A question or file the user gave cannot be used as it is."""
