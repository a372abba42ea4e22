"""The state one question carries through the answer path (`cpassist.assistant`).

Contract: `Turn` (the question, its standalone rewrite, the language detected once, the hits and the
evidence), `Draft` (what the generate step produced) and `Checked` (the verified claims) are plain
dataclasses; `checked_question` refuses an empty or overlong question with `InputError`. Nothing
here retrieves, generates or checks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from cpassist.errors import InputError
from cpassist.schema import Passage, Timings, VerificationReport
from cpassist.verify import Claim


def ms_since(start: float) -> float:
    """Milliseconds since `start` (a `time.perf_counter()` value), rounded to 0.1."""
    return round((time.perf_counter() - start) * 1000, 1)


@dataclass
class Turn:
    """One question on its way through the steps."""

    question: str
    standalone: str
    previous: str
    language: str
    start: float = 0.0
    #: the assistant's last answer (what the previous question was answered with)
    previous_answer: str = ""
    timings: Timings = field(default_factory=Timings)
    passages: list[Passage] = field(default_factory=list)
    sources: list[Passage] = field(default_factory=list)
    companions: dict[int, list[Passage]] = field(default_factory=dict)


@dataclass
class Draft:
    """What the generate step produced: extractive claims, or the LLM's raw text (or its failure),
    and the sources it was shown (numbered [1..n] in that order)."""

    sources: list[Passage]
    companions: dict[int, list[Passage]]
    claims: list[Claim] = field(default_factory=list)
    raw: str = ""
    error: str = ""
    report: VerificationReport | None = None


@dataclass
class Checked:
    """The verified claims with the sources they cite and the verification report."""

    claims: list[Claim]
    sources: list[Passage]
    report: VerificationReport
    premise_corrected: bool = False


def checked_question(question: str, limit: int) -> str:
    """`question` stripped; `InputError` (saying what to do) when empty or over `limit` chars."""
    question = (question or "").strip()
    if not question:
        raise InputError(
            "The question is empty: ask something about the studies, e.g. "
            '"Apa tujuan kerja sama Nepal dan ECPAT?"'
        )
    if len(question) > limit:
        raise InputError(
            f"The question is {len(question)} characters long; the limit is {limit} "
            "(CPASSIST_MAX_QUESTION_CHARS). Shorten it or ask in parts."
        )
    return question
