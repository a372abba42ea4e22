"""The words and patterns the assertion checks look for in a claim: ends and refusals, payments,
judging words, a study's own aim and focus, where it was done, purpose clauses, and pairs whose swap
reverses a finding.

Contract: module-level patterns and small pure helpers over text, used by `assertions`; no state,
no evidence lookup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.claim_text import _Sentence
from cpassist.text import root, stem, words

_PRONOUN_OPENING = re.compile(r"^\s*(this|these|it|such|hal ini|hal tersebut|ini)\b", re.I)


#: Something ending, stopped or refused ("ECPAT stopped the programme", "Nepal menolak").
_ENDED = re.compile(
    r"(?<!the )(?<!an )\b(stop|stops|stopped|stopping|end|ended|ending|ends)\b(?!\s+up\b)|\b(cancel\w*|terminat\w*|discontinu\w*|"
    r"shut down|abolish\w*|withdr[ae]w\w*|berhenti|menghentikan|dihentikan|mengakhiri|diakhiri|"
    r"berakhir|dibatalkan|membatalkan|ditutup|refus\w*|reject\w*|declined|menolak|ditolak)\b",
    re.I,
)


#: Money changing hands ("ECPAT paid Nepal", "didanai oleh"): a payment or funding needs a source
#: that speaks of one.
_PAID = re.compile(
    r"\b(paid|pay|pays|paying|payments?|fund|funds|funded|funding|financ\w*|grants?|donat\w*|"
    r"bayar|membayar|dibayar|pembayaran|dana|mendanai|didanai|pendanaan|membiayai|dibiayai|"
    r"pembiayaan|hibah)\b",
    re.I,
)


#: A claim about the study's own aim ("the aim of the research is ...", "penelitian ini bertujuan")
#: rests on a sentence about the study, not on the aim of a programme it describes.
_STUDY_AIM = re.compile(
    r"\b(aims?|goals?|purpose|objectives?|tujuan)\s+(of\s+)?(the\s+|this\s+|dari\s+)?"
    r"([\w-]+\s+){0,3}?(research|study|thesis|paper|penelitian|studi|skripsi)\b|"
    r"\b(research|study|thesis|penelitian|studi|skripsi)\s+(\w+\s+){0,3}?(aims?|bertujuan)\b",
    re.I,
)
_STUDY_SENTENCE = re.compile(
    r"\b(this|the) (research|study|thesis|paper)\b|\b(penelitian|studi|skripsi|tulisan) ini\b",
    re.I,
)
_DESCRIBES = re.compile(
    r"\b(describe[sd]?|mendeskripsikan|menjelaskan|explain[sd]?|focus\w*|berfokus)\b", re.I
)


#: "The research was conducted in Nepal": where a study was done needs a source saying so.
_CONDUCTED = re.compile(
    r"\b(conducted|carried out|done|performed|dilakukan|dilaksanakan)\s+(in|at|di)\s+((?:[\w-]+\s*){1,4})",
    re.I,
)


#: Words that judge rather than report ("a complex issue", "a successful programme"): a claim may
#: use one only when its evidence does (either language).
_EVALUATIVE = frozenset(
    "complex complicated serious severe major huge critical crucial successful success "
    "unsuccessful effective ineffective efficient failed failure important key primary "
    "substantial dramatic dramatically sharp sharply rapid rapidly strong strongly widespread "
    "alarming urgent remarkable excellent poor kompleks rumit serius parah besar kritis penting "
    "berhasil sukses gagal efektif utama signifikan drastis pesat tajam kuat meluas mendesak".split()
)


def _translated_words(said: set[str]) -> set[str]:
    """The evaluative words whose glossary equivalent is among `said` (whole words)."""
    from cpassist.lexicon import translations as full

    stems = {stem(w) for w in said}
    return {w for w in _EVALUATIVE if full({stem(w)}) & stems}


#: "The study focuses on X" / "penelitian ini berfokus pada X": what the study is about.
_STUDY_FOCUS = re.compile(
    r"\b(study|research|thesis|paper|penelitian|studi|skripsi)\s+([\w-]+\s+){0,2}?"
    r"(focus(es|ed)?|berfokus|memfokuskan|difokuskan)\s+(on|pada|kepada)?",
    re.I,
)


#: A purpose clause: "untuk memperbarui ...", "agar ...", "in order to update ...".
_PURPOSE = re.compile(
    r"\b(untuk|agar|supaya|guna|in order to|so as to)\s+((?:me|mem|men|meng|meny|memper|ber)[a-z]{3,}|"
    r"(?<=to )[a-z]{4,})\b",
    re.I,
)


#: Words whose swap reverses a finding ("most were boys" where the source says girls).
_SIDES = (
    (
        frozenset("laki-laki lelaki pria putra boy boys male males men".split()),
        frozenset("perempuan wanita putri girl girls female females women".split()),
    ),
)


def _opposite_side(claim: str, question: str, evidence: Sequence[_Sentence]) -> str:
    """A word of one side of `_SIDES` the claim adds (not in the question) while its evidence
    names only the other side: "" when none."""
    said = {w.lower() for w in words(claim)} - {w.lower() for w in words(question)}
    found = {w.lower() for s in evidence for w in words(s.text)}
    for a, b in _SIDES:
        for side, other in ((a, b), (b, a)):
            if said & side and found & other and not found & side:
                return sorted(said & side)[0]
    return ""


def _roots_of(text: str) -> set[str]:
    return {root(w) for w in words(text)}
