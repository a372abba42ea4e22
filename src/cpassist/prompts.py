"""Loads the prompt files in `prompts/` by name and renders them strictly.

A prompt is `prompts/<name>.txt` with `{placeholders}` (LangChain f-string syntax; literal braces are
doubled). Rendering with a missing *or an unexpected* variable raises, so a renamed placeholder cannot
silently produce a broken prompt. This module does not choose which prompt to use: callers do.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from langchain_core.prompts import PromptTemplate

from cpassist.errors import ConfigError


def prompts_dir() -> Path:
    """The folder holding the prompt files (the checkout's `prompts/`, or the copy inside the wheel)."""
    packaged = Path(__file__).parent / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "prompts"


def prompt_names() -> list[str]:
    """Names of every prompt file, sorted."""
    return sorted(p.stem for p in prompts_dir().glob("*.txt"))


@cache
def load_prompt(name: str) -> PromptTemplate:
    """The prompt called `name` as a LangChain `PromptTemplate`."""
    path = prompts_dir() / f"{name}.txt"
    if not path.is_file():
        raise ConfigError(
            f"Prompt {name!r} not found at {path}. Available: {', '.join(prompt_names()) or 'none'}."
        )
    return PromptTemplate.from_template(path.read_text(encoding="utf-8"))


def render(name: str, **variables: object) -> str:
    """Render prompt `name`; every placeholder must be given and nothing else."""
    template = load_prompt(name)
    expected = set(template.input_variables)
    given = set(variables)
    if expected != given:
        missing = ", ".join(sorted(expected - given)) or "none"
        extra = ", ".join(sorted(given - expected)) or "none"
        raise ConfigError(f"Prompt {name!r}: missing variables: {missing}; unexpected: {extra}.")
    return template.format(**{k: str(v) for k, v in variables.items()})
