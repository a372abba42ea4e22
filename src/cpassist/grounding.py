"""Claim grounding: is what one answer sentence asserts found in the source sentences it rests on?

Contract: `ClaimChecker(sources, index, companions).check(claim, question="", cited=())` returns a
`Verdict`: `ok` (the claim may be shown under a citation), `score` (0-1 support), `grounding` (the
source sentences it rests on, as (0-based source index, sentence)), `reason` (why it was rejected,
empty when ok) and `exact` (the claim is one of its source sentences, verbatim). `companions[i]` are
other-language versions of source i (parallel passages): their sentences ground claims for source i.

How: the claim is matched to its best source sentence (multilingual embedding + shared words, with a
small id/en glossary across languages), plus a second sentence when that covers more of the claim
(a summary of two sentences), plus each one's other-language version. Then what the claim adds
beyond the question must be in those sentences: its content words (a share), and exactly its
numbers, ordinals, research methods, trends with their negation, universal quantifiers, causal links,
agents ("initiated by X"), who gives to whom ("A received help from B"), and names (in the source or
its title). A claim naming two studies must split into one clause per study, each grounded in its
own study. It does not generate, rewrite or drop anything itself: callers decide what to show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cpassist.actors import split_hyphens, translations
from cpassist.assertions import AssertionChecks
from cpassist.claim_text import _features, _norm, _roots, _Sentence, _stems
from cpassist.evidence import EvidenceIndex, scaled_cosine
from cpassist.language import detect_language
from cpassist.lexicon import translations as _translations
from cpassist.name_checks import _names
from cpassist.schema import Passage
from cpassist.study_mix import by_study, studies_named, study_names
from cpassist.text import (
    content_stems,
    named_terms,
    root,
    split_sentences,
    stem,
    strip_citations,
    words,
)

#: A claim is accepted when its support reaches this and no assertion check fails.
ACCEPT_SUPPORT = 0.62
#: ... and at least this share of the content words it adds to the question are in its grounding.
MIN_COVERAGE = 0.6
#: A second sentence joins the grounding when it adds at least this many claim words.
SECOND_SENTENCE_GAIN = 1
#: A claim's numbers found in a source sentence add this share to its match score.
NUMBER_WEIGHT = 0.2
#: Added to the e5 cosine of a sentence in the other language than the claim's (as in extractive).
CROSS_LANGUAGE_COS = 0.06
#: Passage-side cosine above which two sentences of different languages are versions of each other.
PARALLEL_COS = 0.86


@dataclass
class Verdict:
    ok: bool
    score: float
    grounding: list[tuple[int, str]] = field(default_factory=list)
    reason: str = ""
    exact: bool = False


class ClaimChecker(AssertionChecks):
    """Checks claims against a fixed list of numbered sources (see the module docstring)."""

    def __init__(
        self,
        sources: Sequence[Passage],
        index: EvidenceIndex,
        companions: Mapping[int, Sequence[Passage]] | None = None,
    ) -> None:
        self.sources = list(sources)
        self.index = index
        self.study_names = study_names(self.sources)
        self._sentences: list[_Sentence] = []
        self._names: set[str] = set()
        self._claim_roots: dict[str, str] = {}
        self._claim_language = ""
        self._context: list[set[str]] = []  # per source: name stems of its text, title and study
        companions = companions or {}
        for i, source in enumerate(self.sources):
            context = {stem(w) for w in source.study.split("-")}
            for passage in [source, *companions.get(i, [])]:
                context |= {
                    stem(w)
                    for w in split_hyphens(words(f"{passage.text} {passage.title}"))
                    if w[:1].isupper() or w.isdigit()
                }
                for j, text in enumerate(split_sentences(passage.text)):
                    if _KEYWORDS.match(text):
                        continue  # a keyword list asserts nothing
                    self._sentences.append(
                        _Sentence(
                            source=i,
                            text=text,
                            language=passage.language,
                            stems=set(_stems(text)),
                            feats=_features(text),
                            position=j,
                        )
                    )
            self._context.append(context)
        # names the sources use mid-sentence ("... antara Nepal dan ECPAT"): a claim opening with
        # one of them opens with an actor
        self._known: set[str] = set()
        lower: set[str] = set()
        for passage in [*self.sources, *(p for g in companions.values() for p in g)]:
            self._known |= named_terms(passage.text)
            lower |= {stem(w) for w in words(passage.text) if w[:1].islower()}
        self._known -= lower  # "Program" is a name in "Down to Zero Program", a word elsewhere

    # --- public ------------------------------------------------------------------------------
    def check(self, claim: str, question: str = "", cited: Sequence[int] = ()) -> Verdict:
        claim = strip_citations(claim)
        if not self._sentences or not content_stems(claim):
            return Verdict(False, 0.0, [], "nothing to check")
        named = studies_named(claim, self.study_names)
        if len(named) >= 2:
            parts = by_study(claim, self.study_names)
            if parts is None:
                return Verdict(False, 0.0, [], "names two studies in one statement")
            verdicts = [self._check_one(part, question, {study}) for study, part in parts.items()]
            bad = next((v for v in verdicts if not v.ok), None)
            if bad is not None:
                return bad
            return Verdict(
                True,
                min(v.score for v in verdicts),
                [g for v in verdicts for g in v.grounding],
                "",
                all(v.exact for v in verdicts),
            )
        return self._check_one(claim, question, named)

    # --- steps -------------------------------------------------------------------------------
    def _candidates(self, studies: set[str]) -> list[_Sentence]:
        if not studies:
            return self._sentences
        return [s for s in self._sentences if self.sources[s.source].study in studies]

    def _check_one(self, claim: str, question: str, studies: set[str]) -> Verdict:
        candidates = self._candidates(studies)
        if not candidates:
            return Verdict(False, 0.0, [], "no source of the study it names")
        key = _norm(claim)
        for s in candidates:
            if _norm(s.text) == key:
                return Verdict(True, 1.0, [(s.source, s.text)], "", exact=True)
        claim_stems = set(_stems(claim))
        language = detect_language(claim, default=candidates[0].language)
        self._claim_language = language
        self._names = _names(claim)
        self._claim_roots = {
            stem(w): root(w) for w in words(claim) if len(w) > 5 and w[:1].islower()
        }
        cosines = self.index.cosines(claim, [s.text for s in candidates])
        scored = []
        numbers = _features(claim).numbers
        for s, cos in zip(candidates, cosines, strict=True):
            if s.language == language:
                pool = s.stems
            else:
                pool = (translations if self._has_version(s) else _translations)(s.stems)
            lex = len(claim_stems & pool) / len(claim_stems)
            # the claim's numbers pick out the sentence it restates ("93 percent")
            shared = len(numbers & s.feats.numbers) / len(numbers) if numbers else 0.0
            if not self._has_version(s):  # a one-language document asked in the other language
                cos += CROSS_LANGUAGE_COS
            scored.append((0.5 * scaled_cosine(cos) + 0.5 * lex + NUMBER_WEIGHT * shared, cos, s))
        scored.sort(key=lambda t: -t[0])
        top_score, top_cos, best = scored[0]
        grounding = [best]
        novel = claim_stems - set(_stems(question))
        covered = self._covered(novel, grounding)
        for _, _, other in scored[1:8]:  # a second sentence when it covers more of the claim
            if (
                other.source != best.source
                and self.sources[other.source].study != self.sources[best.source].study
            ):
                continue
            gain = self._covered(novel, [*grounding, other]) - covered
            if len(gain) >= SECOND_SENTENCE_GAIN and other.text != best.text:
                grounding.append(other)
                covered |= gain
                break
        evidence = grounding + self._versions(grounding)
        coverage = len(self._covered(novel, evidence)) / len(novel) if novel else 1.0
        score = 0.5 * scaled_cosine(top_cos) + 0.5 * coverage
        found = [(s.source, s.text) for s in grounding]
        reason = self._assertion_problem(claim, question, evidence, grounding)
        if reason:
            return Verdict(False, round(score, 3), found, reason)
        if coverage < MIN_COVERAGE:
            return Verdict(
                False,
                round(score, 3),
                found,
                f"only {coverage:.0%} of what it says is in the source",
            )
        if score < ACCEPT_SUPPORT:
            return Verdict(False, round(score, 3), found, "no passage supports it")
        return Verdict(True, round(max(score, top_score), 3), found, "")

    def _has_version(self, sentence: _Sentence) -> bool:
        """Whether `sentence` is in the claim's language or has a version in it (its source has a
        parallel passage, or a companion holds text in that language)."""
        if sentence.language == self._claim_language:
            return True
        return bool(self.sources[sentence.source].parallel_ids) or any(
            s.source == sentence.source and s.language == self._claim_language
            for s in self._sentences
        )

    def _versions(self, grounding: Sequence[_Sentence]) -> list[_Sentence]:
        """The other-language version of each grounding sentence, when its source has one."""
        out = []
        for g in grounding:
            others = [
                s
                for s in self._sentences
                if s.source == g.source and s.language != g.language and s is not g
            ]
            if not others:
                continue
            vecs = self.index.doc_vectors([g.text, *[s.text for s in others]])
            sims = [sum(a * b for a, b in zip(vecs[0], v, strict=False)) for v in vecs[1:]]
            best = max(range(len(others)), key=sims.__getitem__)
            if sims[best] >= PARALLEL_COS:
                out.append(others[best])
        return out

    def _covered(self, novel: set[str], evidence: Sequence[_Sentence]) -> set[str]:
        """The claim stems in `novel` found in `evidence`: the same stem, its glossary equivalent,
        or a word of the same Indonesian root ("menjalin" ~ "terjalinnya")."""
        pool: set[str] = set()
        roots: set[str] = set()
        for s in evidence:
            # a sentence with no version in the claim's language (a one-language document
            # asked about in the other language) is bridged with the full glossary
            bridge = translations if self._has_version(s) else _translations
            pool |= bridge(s.stems)
            pool |= self._context[s.source] & self._names
            roots |= _roots(s.text)
        return {x for x in novel if x in pool or self._claim_roots.get(x, "") in roots}


_KEYWORDS = re.compile(r"^\s*(kata kunci|keywords?)\s*:", re.IGNORECASE)
