"""Claim grounding: is what one answer sentence asserts found in the sources it rests on?

Contract: `ClaimChecker(sources, index).check(claim, question="", cited=())` returns a `Verdict`:
`ok` (the claim may be shown under a citation), `score` (0-1 support), `grounding` (the source
sentences it rests on, as (0-based source index, sentence)) and `reason` (why it was rejected, empty
when ok). `cited` are 0-based source indexes the writer named; the checker may ground elsewhere.
It does not generate, rewrite or drop anything itself: callers decide what to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cpassist.evidence import EvidenceIndex
from cpassist.schema import Passage


@dataclass
class Verdict:
    ok: bool
    score: float
    grounding: list[tuple[int, str]] = field(default_factory=list)
    reason: str = ""


class ClaimChecker:
    """Checks claims against a fixed list of numbered sources (provisional: topic support only)."""

    def __init__(self, sources: Sequence[Passage], index: EvidenceIndex) -> None:
        from cpassist.verify import SUPPORT_THRESHOLD, Verifier

        self.sources = list(sources)
        self._verifier = Verifier(self.sources, index)
        self._threshold = SUPPORT_THRESHOLD

    def check(self, claim: str, question: str = "", cited: Sequence[int] = ()) -> Verdict:
        score, supporting, best = self._verifier.support(claim, self._threshold)
        if not supporting:
            return Verdict(False, score, [], "no passage supports it")
        return Verdict(True, score, [(best, self.sources[best].text)], "")
