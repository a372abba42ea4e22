"""Post-generation verification: every sentence of a generated answer must rest on a numbered source.

`verify_answer(answer, sources, index, language, question=...)` checks each sentence (citations
stripped) with `cpassist.grounding.ClaimChecker`: a sentence no source supports is dropped; a
supported one keeps its citations when a cited source supports it, else they are corrected to the
supporting sources. A sentence is also dropped when it says nothing of its own (echoes the question
or is a question, has no lower-case content word, repeats an earlier sentence, relates a name to
itself), says the sources lack the answer, or is the cut-off end of an answer at the token limit.
A sentence naming two studies needs a supporting source of each (`cpassist.study_mix`).
`Verified.needs_fallback` says when too little survives (`MIN_SURVIVING_SHARE`) or the answer is in
another language. `Verifier` scores support alone (e5 cosine, lexical overlap, missing names) for
the evaluation. `[n]` are the numbers of the sources as given. It does not generate or fall back:
it reports and the caller decides (`cpassist.assistant`). Calibration: docs/decisions.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cpassist.evidence import EvidenceIndex, lexical_overlap, scaled_cosine
from cpassist.language import detect_language
from cpassist.schema import Passage, SentenceCheck, VerificationReport
from cpassist.study_mix import by_study, capitalised, studies_named, study_names
from cpassist.text import (
    citations_in,
    content_stems,
    named_terms,
    split_sentences,
    stem,
    strip_citations,
    words,
)

SUPPORT_THRESHOLD = 0.62
#: How much a missing proper name costs: a name the source lacks is the sign of a mixed-up study
#: (0.75 let "Program Down to Zero dilaksanakan di Nepal" through, see tests/test_assistant_llm.py).
NAMES_WEIGHT = 1.0
#: Below this share of content sentences surviving, the answer is replaced by the extractive one.
MIN_SURVIVING_SHARE = 0.5

_UNKNOWN = re.compile(
    r"\b(?:i do not know|i don't know|i don’t know|do not know|don't know|not (?:mentioned|stated|"
    r"found|covered|provided|available|contain\w*) in the (?:sources?|passages?|studies|text)|"
    r"(?:sources?|passages?|studies) do(?:es)? not (?:contain|mention|say|cover|provide)|"
    r"no information|cannot answer|can't answer|unable to answer|"
    r"tidak tahu|tidak mengetahui|tidak ada (?:informasi|keterangan|data)|tidak (?:disebutkan|dijelaskan|"
    r"dibahas|terdapat|ditemukan|tercantum)|tidak dapat menjawab|belum ada informasi|"
    r"sumber tidak (?:menyebutkan|menjelaskan|membahas|memuat))\b",
    re.IGNORECASE,
)


def says_unknown(text: str) -> bool:
    """True when `text` says the answer is not known / not in the sources (id or en)."""
    return bool(_UNKNOWN.search(text or ""))


@dataclass
class Claim:
    """One answer sentence (no citation markers) and the 0-based sources it rests on."""

    text: str
    sources: list[int] = field(default_factory=list)


@dataclass
class Verified:
    claims: list[Claim]
    report: VerificationReport
    unknown: bool = False
    """The generator said it does not know (and nothing else in its answer was supported)."""
    needs_fallback: bool = False


def _name_context(source: Passage) -> set[str]:
    return {
        stem(w) for w in words(f"{source.text} {source.title} {source.study.replace('-', ' ')}")
    }


class Verifier:
    """Checks sentences against a fixed list of numbered sources (built once per answer)."""

    def __init__(self, sources: Sequence[Passage], index: EvidenceIndex) -> None:
        self.sources = list(sources)
        self.index = index
        self._stems = [content_stems(s.text) for s in self.sources]
        self._names = [_name_context(s) for s in self.sources]
        self._sentences = [split_sentences(s.text) + [s.text] for s in self.sources]
        self.study_names = study_names(self.sources)

    def scores(self, claim: str) -> list[float]:
        """Support of `claim` by each source (0..1); 0 from the sources of a study the claim does not
        name when it names another one."""
        named = studies_named(claim, self.study_names)
        stems = content_stems(claim)
        names = named_terms(claim)
        out = []
        for i in range(len(self.sources)):
            if named and self.sources[i].study not in named:
                out.append(0.0)
                continue
            cos = max(self.index.cosines(claim, self._sentences[i]), default=0.0)
            lex = lexical_overlap(stems, self._stems[i])
            missing = len(names - self._names[i]) / len(names) if names else 0.0
            out.append((0.5 * scaled_cosine(cos) + 0.5 * lex) * (1.0 - NAMES_WEIGHT * missing))
        return out

    def support(self, claim: str, threshold: float) -> tuple[float, list[int], int]:
        """(support, the 0-based sources that support `claim` at `threshold` or more, the best
        source). A claim naming several studies is split into clauses that each name one
        (`by_study`); it needs a supporting source of each study (then the best of each is given,
        and the support is the weakest clause's); one that cannot be split is not supported."""
        scores = self.scores(claim)
        if not scores:
            return 0.0, [], -1
        best = max(range(len(scores)), key=scores.__getitem__)
        named = studies_named(claim, self.study_names)
        if len(named) < 2:
            return scores[best], [i for i, sc in enumerate(scores) if sc >= threshold], best
        parts = by_study(claim, self.study_names)
        if parts is None:
            return 0.0, [], best
        used, weakest = [], 1.0
        for study, part in parts.items():
            part_scores = self.scores(part)
            own = [i for i, src in enumerate(self.sources) if src.study == study]
            top = max(own, key=part_scores.__getitem__)
            weakest = min(weakest, part_scores[top])
            used.append(top)
        if weakest < threshold:
            return weakest, [], best
        return weakest, sorted(used), best


def _self_relation(text: str) -> bool:
    """A name related to itself within a few words ("ECPAT Indonesia juga menjadi partner ECPAT
    Indonesia"): the same run of capitalised words twice, with only lower-case words between."""
    tokens = words(text)
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        if capitalised(tokens[i]):
            j = i
            while j + 1 < len(tokens) and capitalised(tokens[j + 1]):
                j += 1
            runs.append((i, j + 1, " ".join(tokens[i : j + 1]).lower()))
            i = j + 1
        else:
            i += 1
    for a, (_, end_a, name) in enumerate(runs):
        for start_b, _, other in runs[a + 1 :]:
            if other == name and 1 <= start_b - end_a <= 5:
                return True
            break  # another name comes between: a relation between two things
    return False


def _new_number(text: str, question_stems: set[str]) -> bool:
    """Whether `text` holds a number the question does not ("... adalah 93%": an answer)."""
    return any(w.isdigit() and w not in question_stems for w in words(text))


def _empty_reason(
    text: str, stems: set[str], question_stems: set[str], earlier: Sequence[set[str]]
) -> str:
    """Why `text` says nothing of its own ("" when it does)."""
    if text.rstrip().endswith("?"):
        return "a question"
    if not any(w[:1].islower() and stem(w) in stems for w in words(text)):
        return "a heading or reference"  # only names and numbers: "ECPAT Indonesia, 2023."
    if question_stems and stems <= question_stems and not _new_number(text, question_stems):
        return "echoes the question"
    for prior in earlier:
        if prior and len(stems & prior) / len(stems | prior) >= 0.8:
            return "repeats an earlier sentence"
    if _self_relation(text):
        return "relates a name to itself"
    tokens = [w for w in words(text) if any(c.isalpha() for c in w)]
    if len(tokens) < 4 and text.lstrip()[:1].islower():
        return "a fragment"  # "kekerasan seksual (11,3%)." cut from a longer sentence
    if len(tokens) <= 6 and _POINTS_BACK.search(text):
        return "points to what it does not say"  # "Temuan evaluasi justru sebaliknya."
    return ""


#: A sentence that opens by pointing at the one before it ("This share was 27%").
_REFERS_BACK = re.compile(
    r"^\s*(this|these|that|those|it|its|they|their|such|ini|itu|hal (ini|itu|tersebut)|"
    r"(jumlah|angka|persentase|proporsi|tahap|kelompok|mereka) (ini|itu|tersebut)|mereka)\b",
    re.I,
)
#: A short sentence whose whole content is a pointer to another one ("The finding was the opposite").
_POINTS_BACK = re.compile(
    r"\b(sebaliknya|the opposite|the reverse|otherwise|hal (ini|itu|tersebut)|demikian)\W*$", re.I
)
_BULLET = re.compile(r"\s*(?:[-*•]|\d+[.)])\s+")  # a list item needs no full stop
_ENDS = re.compile(r"""[.!?:;)\]"'”’*]\s*$""")


def verify_answer(
    answer: str,
    sources: Sequence[Passage],
    index: EvidenceIndex,
    language: str,
    *,
    question: str = "",
    threshold: float = SUPPORT_THRESHOLD,
    companions: Mapping[int, Sequence[Passage]] | None = None,
) -> Verified:
    """Check each sentence of `answer` against `sources` (numbered 1..n in that order) with
    `grounding.ClaimChecker` (what a sentence asserts must be in the source sentences it rests on;
    `companions[i]` are other-language versions of source i); sentences that echo `question`,
    repeat each other or were cut off are dropped too (module docstring)."""
    from cpassist.grounding import ClaimChecker

    checker = ClaimChecker(sources, index, companions)
    study_names_ = checker.study_names
    checks: list[SentenceCheck] = []
    claims: list[Claim] = []
    unknown = False
    content_sentences = 0
    question_stems = content_stems(question)
    sentences = split_sentences(answer)
    last_line = answer.rstrip().rsplit("\n", 1)[-1]
    if len(sentences) > 1 and not _ENDS.search(sentences[-1]) and not _BULLET.match(last_line):
        cut = strip_citations(sentences.pop())  # the answer hit the token limit mid-sentence
        checks_tail = [
            SentenceCheck(
                text=cut, status="dropped", cited=[], support=0.0, note="cut off at the token limit"
            )
        ]
    else:
        checks_tail = []
    kept_stems: list[set[str]] = []
    previous_dropped = (
        False  # the sentence before was rejected: a "This ..." after it lost its referent
    )
    for sentence in sentences:
        text = strip_citations(sentence)
        cited = citations_in(sentence)
        if says_unknown(text):
            unknown = True
            checks.append(
                SentenceCheck(
                    text=text,
                    status="dropped",
                    cited=cited,
                    note="says the sources lack the answer",
                )
            )
            continue
        stems = content_stems(text)
        if not stems:
            continue  # "Sources:", a lone "[1]", a heading: nothing to verify and nothing to keep
        empty = _empty_reason(text, stems, question_stems, kept_stems)
        if empty:
            # not counted below: an echo or a repeat takes nothing away from what survives
            checks.append(SentenceCheck(text=text, status="dropped", cited=cited, note=empty))
            continue
        content_sentences += 1
        if previous_dropped and _REFERS_BACK.match(text):
            checks.append(
                SentenceCheck(
                    text=text, status="dropped", cited=cited,
                    note="refers to the sentence before it, which was dropped",
                )
            )  # fmt: skip
            continue
        verdict = checker.check(text, question=question, cited=[n - 1 for n in cited])
        previous_dropped = not verdict.ok
        grounding = [g for _, g in verdict.grounding]
        if not verdict.ok:
            checks.append(
                SentenceCheck(
                    text=text,
                    status="dropped",
                    cited=cited,
                    support=round(verdict.score, 3),
                    note=verdict.reason or "no passage supports it",
                    grounding=grounding,
                )
            )
            continue
        used = list(dict.fromkeys(i for i, _ in verdict.grounding))
        several = len(studies_named(text, study_names_)) >= 2
        valid = [n - 1 for n in cited if n - 1 in used]
        status = "kept" if valid and (not several or sorted(valid) == sorted(used)) else "corrected"
        claims.append(Claim(text=text, sources=used))
        kept_stems.append(stems)
        checks.append(
            SentenceCheck(
                text=text,
                status=status,
                cited=cited,
                supported_by=[i + 1 for i in used],
                support=round(verdict.score, 3),
                quoted=verdict.exact,
                grounding=grounding,
            )
        )
    checks.extend(checks_tail)

    report = VerificationReport(sentences=checks)
    survivors = len(claims)
    if unknown and survivors == 0:
        report.reason = "the generator said the sources do not contain the answer"
        return Verified(claims=[], report=report, unknown=True)
    reasons = []
    if survivors == 0:
        reasons.append("no sentence of the generated answer is supported by the sources")
    elif survivors < math.ceil(MIN_SURVIVING_SHARE * content_sentences):
        reasons.append(
            f"only {survivors} of {content_sentences} generated sentences are supported by the sources"
        )
    answer_language = detect_language(" ".join(c.text for c in claims), default=language)
    if claims and answer_language != language:
        reasons.append(f"the generated answer is in {answer_language!r}, not {language!r}")
    report.reason = "; ".join(reasons)
    return Verified(claims=claims, report=report, needs_fallback=bool(reasons))
