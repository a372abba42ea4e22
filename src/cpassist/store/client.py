"""Opening a Chroma client (embedded PersistentClient or a `chroma run` server) and turning
chromadb's, httpx's and the disk's exceptions into `StoreError`s that say what to do.

Only `cpassist.store` imports chromadb; everything above it sees `cpassist.errors` only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from cpassist.errors import (
    CpassistError,
    EmbedderMismatchError,
    StoreError,
    StoreUnavailableError,
)
from cpassist.settings import Settings

if TYPE_CHECKING:
    import chromadb


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """(host, port, ssl) of a Chroma server URL such as `http://127.0.0.1:8000`."""
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreError(
            f"Chroma URL {url!r} is not valid: use the form http://HOST:PORT (e.g. http://127.0.0.1:8000)."
        )
    ssl = parsed.scheme == "https"
    return parsed.hostname, parsed.port or (443 if ssl else 8000), ssl


def open_client(settings: Settings) -> chromadb.ClientAPI:
    """A Chroma HttpClient when `settings.chroma_url` is set, else a PersistentClient in data_dir."""
    import chromadb

    if settings.chroma_url:
        host, port, ssl = parse_chroma_url(settings.chroma_url)
        try:
            client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_chroma_settings())
            client.heartbeat()
        except Exception as exc:  # connection refused, TLS, version mismatch ...
            raise StoreUnavailableError(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({exc}). Start it with "
                "`chroma run --path DIR --host HOST --port PORT`, or unset CPASSIST_CHROMA_URL to use "
                "the embedded store."
            ) from exc
        return client
    path = settings.chroma_path
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as exc:
        raise StoreUnavailableError(
            f"Cannot open the Chroma store in {path} ({exc}). Check that the directory is writable "
            "and not used by another Chroma version, or choose another --data-dir."
        ) from exc


def _library_errors() -> tuple[type[BaseException], ...]:
    """The exception types a store call may raise that are not bugs in cpassist."""
    import sqlite3

    from chromadb.errors import ChromaError

    kinds: list[type[BaseException]] = [ChromaError, sqlite3.Error, OSError]
    with contextlib.suppress(ImportError):
        import httpx

        kinds.append(httpx.HTTPError)
    return tuple(kinds)


@contextlib.contextmanager
def chroma_errors(location: str, collection: str = "") -> Iterator[None]:
    """Turn a library exception raised in the block into a `StoreError` naming `location` (the
    store's folder or server URL) and what to do; cpassist's own errors pass through."""
    try:
        yield
    except CpassistError:
        raise
    except Exception as exc:
        if not isinstance(exc, _library_errors()):
            raise
        from chromadb.errors import InvalidArgumentError, InvalidDimensionException, NotFoundError

        detail = " ".join(str(exc).split())[:300] or type(exc).__name__
        if isinstance(exc, InvalidDimensionException) or (
            isinstance(exc, InvalidArgumentError) and "dimension" in detail.lower()
        ):
            raise EmbedderMismatchError(
                f"The collection {collection!r} in {location} holds vectors of another size than the "
                f"configured embedder makes ({detail}). Use the embedder it was built with, or "
                "re-ingest with `cpassist ingest --rebuild`."
            ) from exc
        if isinstance(exc, NotFoundError):
            raise StoreUnavailableError(
                f"The collection {collection!r} in {location} is gone (dropped by another process, e.g. "
                f"`cpassist ingest --rebuild`?) ({detail}). Start cpassist again, or run "
                "`cpassist ingest`."
            ) from exc
        raise StoreUnavailableError(
            f"The Chroma store in {location} failed ({detail}). If it is a server, check that it still "
            "runs; if it is a folder, that the disk is not full and no other Chroma version uses it."
        ) from exc


def drop_store(client: chromadb.ClientAPI, name: str, location: str = "the store") -> None:
    """Delete the collection `name` if it exists (with every chunk in it)."""
    with chroma_errors(location, name):
        if name in {getattr(c, "name", c) for c in client.list_collections()}:
            client.delete_collection(name)
