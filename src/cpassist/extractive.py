"""The `extractive` generator: no LLM; the answer is the best evidence sentences, cited.

Candidate sentences come from the numbered sources (the assistant gives the question-language version
of each hit, i.e. the parallel passage when the hit is in the other language). Each sentence is scored
0.6 * scaled e5 cosine with the question + 0.4 * share of the question's content stems it contains, a
little rank prior, minus a penalty for keyword lists and for sentences whose study does not carry the
proper names the question asks about ("Nepal", "Down to Zero"). The best sentence is taken, plus up to
`max_sentences - 1` others close to it; when the question spans both studies, the best sentence of each
study that scores near the best is taken too, and of each study the question names ("the Nepal study and
the Down to Zero study") in any case. Sentences that answer the question's kind ("why" ->
"factors", "where" -> "conducted at") get a bonus, and a chosen sentence brings the next one when that
one continues it ("This issue is driven by ..."). The best sentence comes first. Sentences are verbatim, so they need no verification.
It does not paraphrase, translate or summarise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.evidence import (
    EvidenceIndex,
    content_stems,
    lexical_overlap,
    named_terms,
    scaled_cosine,
    split_sentences,
    stem,
    words,
)
from cpassist.schema import Passage
from cpassist.verify import Claim, studies_named, study_names

_KEYWORDS = re.compile(r"^\s*(kata kunci|keywords?)\b", re.IGNORECASE)
#: A sentence opening like this continues the one before it ("This issue is driven by ...").
_CONTINUES = re.compile(
    r"^\s*(this|these|it|such|hal ini|hal tersebut|ini|faktor|factors?)\b", re.I
)
#: Question cue words -> words of the sentences that answer that kind of question (both languages).
_CUES: list[tuple[str, str]] = [
    (
        "why mengapa kenapa faktor factor factors penyebab cause causes sebab",
        "factors faktor driven didasari disebabkan because karena caused due led mendorong akibat impact dampak",
    ),
    (
        "where dimana mana lokasi location tempat",
        "conducted dilakukan lokasi location office kantor pusat head",
    ),
    (
        "who siapa initiated inisiasi menginisiasi",
        "initiation initiated inisiasi oleh actors aktor organizations organisasi",
    ),
    (
        "method methods metode data collect collected dikumpulkan sumber sources",
        "method metode data interviews wawancara documents dokumen qualitative kualitatif journals jurnal",
    ),
    ("theory theories teori concept concepts konsep", "theory teori concept konsep concepts"),
    ("goal goals tujuan aim aims purpose", "goals tujuan aims bertujuan aim"),
    (
        "benefit benefits keuntungan manfaat gain",
        "benefit benefits keuntungan manfaat assistance bantuan",
    ),
    (
        "role peran found findings temuan hasil result results",
        "role peran berperan found menemukan first second third pertama kedua ketiga",
    ),
]
_CUE_STEMS = [({stem(w) for w in a.split()}, {stem(w) for w in b.split()}) for a, b in _CUES]
CUE_BONUS = 0.2
#: Other sentences are kept when they score at least this share of the best one.
NEAR_BEST = 0.8
#: A second study's best sentence is added when it scores at least this share of the best one.
OTHER_STUDY = 0.75


def extractive_answer(
    question: str, sources: Sequence[Passage], index: EvidenceIndex, max_sentences: int = 3
) -> list[Claim]:
    """Claims (verbatim sentences with their 0-based source) answering `question` from `sources`."""
    q_stems = content_stems(question)
    q_names = named_terms(question) | {
        stem(w) for w in words(question) if w.isupper() and len(w) > 2
    }
    candidates: list[tuple[str, int, int]] = []  # sentence, source index, position
    seen: set[str] = set()
    for i, source in enumerate(sources):
        for j, sentence in enumerate(split_sentences(source.text)):
            key = " ".join(words(sentence.lower()))
            if key and key not in seen and len(words(sentence)) >= 4:
                seen.add(key)
                candidates.append((sentence, i, j))
    if not candidates:
        return []
    cosines = index.cosines(question, [c[0] for c in candidates])
    names_of = [
        {stem(w) for w in words(f"{s.text} {s.title} {s.study.replace('-', ' ')}")} for s in sources
    ]
    q_all = {stem(w) for w in words(question.lower())}
    cues = set().union(*(answer for trigger, answer in _CUE_STEMS if trigger & q_all))
    scored: list[tuple[float, str, int, int]] = []
    for (sentence, i, j), cos in zip(candidates, cosines, strict=True):
        score = 0.6 * scaled_cosine(cos) + 0.4 * lexical_overlap(q_stems, sentence)
        if cues and cues & {stem(w) for w in words(sentence.lower())}:
            score += CUE_BONUS
        score += 0.05 * (1.0 - i / max(1, len(sources)))
        if _KEYWORDS.match(sentence):
            score -= 0.15
        if q_names:
            score *= 1.0 - 0.5 * len(q_names - names_of[i]) / len(q_names)
        scored.append((score, sentence, i, j))
    scored.sort(key=lambda t: -t[0])
    best = scored[0][0]
    chosen = [scored[0]]
    studies = {sources[scored[0][2]].study}
    named = studies_named(question, study_names(sources))
    for item in scored[1:]:
        study = sources[item[2]].study
        if study not in studies and (item[0] >= OTHER_STUDY * best or study in named):
            chosen.append(item)
            studies.add(study)
    for item in scored[1:]:
        if len(chosen) >= max_sentences:
            break
        if item not in chosen and item[0] >= NEAR_BEST * best:
            chosen.append(item)
    chosen = chosen[:max_sentences]
    # a chosen sentence followed by one that continues it ("This issue is driven by ...") brings it
    by_place = {(i, j): (sc, sent, i, j) for sc, sent, i, j in scored}
    followers: dict[tuple[int, int], tuple[float, str, int, int]] = {}
    for item in list(chosen):
        follower = by_place.get((item[2], item[3] + 1))
        if follower and follower not in chosen and _CONTINUES.match(follower[1]):
            if len(chosen) + len(followers) >= max_sentences:
                # never the only sentence of a study the question names
                spare = [c for c in chosen[1:] if sources[c[2]].study not in named]
                if item not in chosen or not spare:
                    continue
                chosen.remove(min(spare, key=lambda t: t[0]))
            followers[(item[2], item[3])] = follower
    ordered = []  # best first; a continuation right after the sentence it continues
    for item in chosen:
        ordered.append(item)
        if (item[2], item[3]) in followers:
            ordered.append(followers[(item[2], item[3])])
    return [Claim(text=sentence, sources=[i]) for _, sentence, i, _ in ordered]
