"""Helpers shared by the `cpassist` subcommands (`cpassist.cli`, `cpassist.cli_answer`,
`cpassist.cli_docs`): settings from the common options, JSON output, valid-text checks of argv and
input lines, and a stdin that turns a bad byte into that line's error. No command logic.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from typing import TextIO

from cpassist.errors import ConfigError, InputError
from cpassist.sanitize import describe_invalid_text, has_invalid_text, json_text
from cpassist.settings import Settings, describe_settings_error


def settings_of(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    for field in ("data_dir", "embedder", "generator", "judge", "top_k", "chroma_url"):
        value = getattr(args, field, None)
        if value is not None:
            overrides[field] = value
    try:
        return Settings(**overrides)
    except ValueError as exc:  # pydantic's ValidationError: one line per field, with the range
        raise ConfigError(describe_settings_error(exc)) from None


def print_json(obj: object) -> None:
    print(json_text(obj, indent=2))


def valid_text(text: str, what: str) -> str:
    """`text` when it is valid Unicode text; else an InputError saying where it is not."""
    if has_invalid_text(text):
        raise InputError(describe_invalid_text(text, what))
    return text


def stdin_lenient() -> TextIO:
    """stdin as UTF-8 in which a bad byte becomes a lone surrogate (refused for its line, later)
    instead of a UnicodeDecodeError that would end the whole run; `input()` follows the setting."""
    # AttributeError: a test's StringIO; ValueError/UnsupportedOperation: stdin already read from
    with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
        sys.stdin.reconfigure(encoding="utf-8", errors="surrogateescape")  # type: ignore[union-attr]
    return sys.stdin
