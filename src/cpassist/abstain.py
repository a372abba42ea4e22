"""Calibrated abstention: decides whether the retrieved passages can answer a question at all, and
writes the short "the studies do not cover this" message in the user's language.

Relevance of the evidence = 0.5 * scaled_cosine(best e5 cosine of the question with a retrieved
passage) + 0.5 * (share of the question's content stems found in the retrieved passages and their
titles). Fused retrieval scores are rank-based (RRF), so they cannot say "nothing here is relevant";
these two absolute signals can.

Calibration (tests/answer_cases.py QUESTIONS: 20 on-topic questions in both languages, 12 off-topic
ones incl. two injection attempts; tests/test_abstain.py re-checks it on the real store):
on-topic relevance 0.41-1.00 (lowest: "Compare the research methods of the two studies."), off-topic
0.00-0.13 (highest: "Berapa harga beras di Jakarta hari ini?"), so `ABSTAIN_BELOW` = 0.30 sits in the gap,
a little nearer the off-topic side because a wrong refusal costs more than a cited near-miss.
An LLM answer with nothing verified falls back to the extractive answer, as the extractive
generator would give it (the gate has already judged the evidence; a second relevance bar on the
fallback refused 10 of 236 correct extractive answers on the probe sets for 2 of 11 unanswerable
ones: docs/decisions.md, 2026-11-30, seventh session).
It does not judge whether an on-topic question's exact answer is present (e.g. a number the study
never gives): the generator's "I do not know" and verification handle that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.evidence import EvidenceIndex, scaled_cosine
from cpassist.lexicon import shared_across, translations
from cpassist.prompts import render
from cpassist.schema import Passage
from cpassist.text import STOPWORDS, content_stems, stem, words

ABSTAIN_BELOW = 0.30


def _relevance(question: str, texts: Sequence[str], vocabulary: str, index: EvidenceIndex) -> float:
    best_cos = max(index.cosines(question, list(texts)), default=0.0)
    question_stems = content_stems(question)
    said = content_stems(vocabulary)
    # a question in the other language counts too: glossary twins and loanwords ("asesmen")
    found = (question_stems & translations(said)) | shared_across(question_stems, said)
    coverage = len(found) / len(question_stems) if question_stems else 0.0
    return 0.5 * scaled_cosine(best_cos) + 0.5 * coverage


def relevance(question: str, passages: Sequence[Passage], index: EvidenceIndex) -> float:
    """How well the retrieved `passages` can answer `question` (0..1; see module docstring)."""
    if not passages:
        return 0.0
    vocabulary = " ".join(f"{p.text} {p.title}" for p in passages)
    return _relevance(question, [p.text for p in passages], vocabulary, index)


def should_abstain(
    question: str,
    passages: Sequence[Passage],
    index: EvidenceIndex,
    threshold: float = ABSTAIN_BELOW,
) -> tuple[bool, float]:
    """(abstain?, relevance) for `question` given what retrieval found."""
    score = relevance(question, passages, index)
    return score < threshold, score


def absent_name(question: str, passages: Sequence[Passage]) -> str:
    """A proper name of the question ("Filipina", "UNICEF") that no retrieved passage, parallel or
    title contains, in any spelling the glossary knows ("" when every name is found). A question
    about a country or organisation the studies never mention is refused rather than answered
    with the nearest other place."""
    # a comma or bracket ends a run: "in Sentani, Jayapura Regency" names two places
    tokens = [
        part
        for chunk in re.split(r"[,;:()/]", question)
        for w in [*words(chunk), ","]
        for part in (w.split("-") if w != "," else [","])
        if part
    ]
    groups: list[list[str]] = []  # runs of capitalised words: "Southwest Sumba", "ECPAT Indonesia"
    for i, t in enumerate(tokens):
        capital = t != "," and (
            (t[:1].isupper() and i > 0 and len(t) >= 4)
            or (t.isupper() and len(t) >= 3)
            or (len(t) >= 3 and t[:1].isupper() and any(c.isupper() for c in t[1:]))  # "MTs"
        )
        if capital and groups and groups[-1] and tokens[i - 1] == groups[-1][-1]:
            groups[-1].append(t)
        elif capital:
            groups.append([t])
    if not groups:
        return ""
    found: set[str] = set()
    of_document: dict[str, set[str]] = {}
    for p in passages:
        said = words(f"{p.text} {p.title} {p.study.replace('-', ' ')}")
        stems = {stem(w) for w in said}
        stems |= {stem(part) for w in said if "-" in w for part in w.split("-") if part}  # CRIES-8
        found |= stems
        of_document.setdefault(p.study, set()).update(stems)
    found = translations(found)
    of_document = {study: translations(stems) for study, stems in of_document.items()}
    for group in groups:  # a run is found when any of its words is ("Southwest Sumba": Sumba)
        if not any(stem(w) in found or stem(w) in STOPWORDS for w in group):
            return " ".join(group)
        # ... and its acronyms are, as a lone acronym must be ("BPJS Kesehatan" is not found in
        # "Dinas Kesehatan"); a two-word name needs both ("Samarinda Seberang" is another
        # kecamatan than those of "Kota Samarinda"; "Southwest Sumba": "Sumba Barat Daya")
        if not any(stem(w) in STOPWORDS for w in group) and any(
            w.isupper() and len(w) >= 3 and stem(w) not in found for w in group
        ):  # (a run across a sentence's end, "HACKED. What", is no name)
            return " ".join(group)
        if (
            len(group) == 2
            and not any(stem(w) in STOPWORDS for w in group)
            and not any(
                all(stem(w) in stems or stem(w) in STOPWORDS for w in group)
                for stems in of_document.values()
            )
        ):  # (both in one document: "Selatan" of another report's "Cahaya Selatan" is not it)
            return " ".join(group)
    return ""


def abstain_message(language: str, study_titles: Sequence[str]) -> str:
    """The short refusal in `language` ("id" or "en"), naming the studies that are available."""
    studies = "; ".join(dict.fromkeys(t for t in study_titles if t)) or "-"
    return render(f"abstain_{'id' if language == 'id' else 'en'}", studies=studies).strip()
