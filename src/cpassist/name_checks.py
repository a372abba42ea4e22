"""The name and ordinal checks of claim grounding: "the third role is X" must be the sentence
numbered third; "Local in the Global" or "ECPAT Internasional" must be written so in the source; a
name the claim adds must be in its study.

Contract: `NameChecks` is mixed into `assertions.AssertionChecks` (and so `grounding.ClaimChecker`),
whose sentence index (`_sentences`, `sources`, `_known`, `_context`, `_versions`) it reads; each
method returns a verdict fragment for `_assertion_problem`. It does not match or score claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cpassist.actors import translations
from cpassist.lexicon import ORDINALS
from cpassist.schema import Passage
from cpassist.text import content_stems, named_terms, stem, words

if TYPE_CHECKING:
    from cpassist.claim_text import _Sentence

_ROLE_WORDS = {stem(w) for w in "role roles peran berperan step aspect factor faktor".split()}
#: Capitalised words joined by small words: "Global in the Local", "ECPAT Indonesia".
_NAME_PHRASE = re.compile(r"[A-Z][\w-]*(?:\s+(?:in the\s+|of the\s+|of\s+|to\s+)?[A-Z][\w-]*)+")


def _names(text: str) -> set[str]:
    """Stems of the proper names and acronyms of `text` ("Nepal-ECPAT" is two names)."""
    out = set()
    for name in named_terms(text) | {stem(w) for w in words(text) if w.isupper() and len(w) > 2}:
        out |= {p for p in name.split("-") if len(p) > 1}
    return out


class NameChecks:
    """Ordinal and name checks (see the module docstring)."""

    sources: list[Passage]
    _sentences: list[_Sentence]
    _known: set[str]
    _context: list[set[str]]

    def _ordinals_match(self, claim: str, grounding: Sequence[_Sentence]) -> bool:
        """Each ordinal of the claim ("the second role is X") belongs to the source sentence that
        says X: of the sentences of the grounding's study that carry an ordinal, the one sharing
        most words with what follows the ordinal in the claim must carry the same ordinal."""
        tokens = words(claim.lower())
        marks = [(i, ORDINALS[t]) for i, t in enumerate(tokens) if t in ORDINALS]
        if not marks:
            return True
        study = self.sources[grounding[0].source].study
        ordered = [s for s in self._sentences if self.sources[s.source].study == study]
        carriers = [(s, self._ordinals_of(s)) for s in ordered]
        carriers = [(s, o) for s, o in carriers if o]
        for n, (i, value) in enumerate(marks):
            end = marks[n + 1][0] if n + 1 < len(marks) else len(tokens)
            window = content_stems(" ".join(tokens[i + 1 : end])) - _ROLE_WORDS
            if not window:  # "X is the third role": what is numbered comes before
                begin = marks[n - 1][0] + 1 if n else 0
                window = content_stems(" ".join(tokens[begin:i])) - _ROLE_WORDS
            if not window:
                continue
            scored = [(len(window & translations(s.stems)), o, s) for s, o in carriers]
            best = max((sc for sc, _, _ in scored), default=0)
            if best == 0:
                continue
            if not any(value in o for sc, o, _ in scored if sc == best):
                return False
            # "the third role, i.e. advocacy, is dissemination": words of another numbered item
            own = set().union(*(translations(s.stems) for sc, o, s in scored if value in o))
            for _, o, other in scored:
                if value not in o and len((window & translations(other.stems)) - own) >= 2:
                    return False
        return True

    def _ordinals_of(self, sentence: _Sentence) -> set[int]:
        if sentence.feats.ordinals:
            return set(sentence.feats.ordinals)
        return set().union(*(v.feats.ordinals for v in self._versions([sentence])))

    def _unknown_name_phrase(self, claim: str, grounding: Sequence[_Sentence]) -> str:
        """A multi-word name of the claim ("Local in the Global", "ECPAT Internasional") that no
        source of the grounding's study writes in that order ("" when all are found)."""
        studies = {self.sources[s.source].study for s in grounding}
        texts = [
            " " + " ".join(stem(w) for w in words(s.text)) + " "
            for s in self._sentences
            if self.sources[s.source].study in studies
        ]
        texts += [
            " " + " ".join(stem(w) for w in words(src.title)) + " "
            for src in self.sources
            if src.study in studies
        ]
        for m in _NAME_PHRASE.finditer(claim):
            tokens = words(m.group(0))
            if not m.start() and stem(tokens[0].lower()) not in self._known:
                tokens = tokens[1:]  # the sentence's first word, not a name
                while tokens and not tokens[0][:1].isupper():
                    tokens = tokens[1:]
            if sum(t[:1].isupper() for t in tokens) < 2:
                continue
            seq = " " + " ".join(stem(t) for t in tokens) + " "
            if not any(seq in t for t in texts):
                return m.group(0)
        return ""

    def _missing_names(self, claim: str, question: str, grounding: Sequence[_Sentence]) -> str:
        names = _names(claim) - named_terms(question)
        studies = {self.sources[s.source].study for s in grounding}
        context = set().union(
            *(c for i, c in enumerate(self._context) if self.sources[i].study in studies)
        )
        for name in sorted(names):
            if name not in context and not (translations({name}) & context):
                return name
        return ""
