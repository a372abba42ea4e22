"""A group the question asks about that the document names only to say it was not studied.

Contract: `excluded_group(question, documents)` returns (the question's word for the group, the
document's sentence) when a name of the question ("SMK", "Pesantren") appears in
`documents` (the whole text of each document the question is about) only in sentences saying
it was left out ("Islamic junior high schools (madrasah tsanawiyah) were not included", "hanya
mencakup SMA negeri, sehingga belum tentu berlaku untuk SMK"); ("", "") otherwise, and always
for a question about what was left out ("which schools were not included?"). "What was the
depression rate at SMK schools?" has no answer in a study of SMA schools however alike its
figures read (measured on probe24). It does not look at retrieval hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cpassist.lexicon import translations
from cpassist.text import STOPWORDS, split_sentences, stem, words

#: A sentence saying who or what the study left out.
LEFT_OUT = re.compile(
    r"\b(not included|were not|was not (included|covered|surveyed|studied)|excluded|exclud\w+|"
    r"did not (cover|include|survey|reach)|not covered|outside the scope|may not apply|"
    r"does not apply|do not apply|cannot be generalised|cannot be generalized|only covered|"
    r"only included|tidak (termasuk|dimasukkan|mencakup|diikutsertakan|dilibatkan|disurvei|"
    r"diteliti|berlaku)|belum tentu berlaku|tidak dapat digeneralisasi|hanya mencakup|"
    r"di luar cakupan|(?:were|was) not (?:observed|measured|collected|asked|recorded|analy[sz]ed|"
    r"broken down|disaggregated)|not analy[sz]ed separately|not broken down|not disaggregated|"
    r"tidak (?:diamati|diukur|dikumpulkan|ditanyakan|dicatat|dipilah|dianalisis)|belum (?:diamati|"
    r"diukur|dipilah|dianalisis))\b",
    re.I,
)
#: A question about what was left out is answered by that very sentence.
ASKS_LEFT_OUT = re.compile(
    r"\b(not included|included|include|excluded|exclud\w+|left out|limitations?|keterbatasan|tidak termasuk|"
    r"tidak dimasukkan|apply|applies|berlaku|generali[sz]\w*|cover(ed|s)?|mencakup|cakupan)\b",
    re.I,
)


def _asked_words(question: str) -> list[str]:
    """The question's words that may name a group: capitalised words inside it and all-capital or
    mixed-case ones anywhere ("SMK", "MTs"). Ordinary words are not: "bentuk" (form) or
    "dibanding" (compared) said in a sentence about what was left out name no group."""
    out = []
    for i, w in enumerate(words(question)):
        if w.lower() in STOPWORDS or w.isdigit():
            continue
        if (w[:1].isupper() and i > 0) or (len(w) >= 2 and any(c.isupper() for c in w[1:])):
            out.append(w)
    return list(dict.fromkeys(out))


def excluded_group(question: str, documents: Iterable[str]) -> tuple[str, str]:
    """(word, sentence) for a group `documents` mention only as left out (see the module)."""
    if ASKS_LEFT_OUT.search(question):
        return "", ""
    sentences = [s for text in documents for s in split_sentences(text)]
    left_out = [s for s in sentences if LEFT_OUT.search(s)]
    if not left_out:  # most documents say nothing was left out: no sentence needs reading
        return "", ""
    stems_of: list[set[str]] = []  # every sentence's stems, read only for a word left out
    for word in _asked_words(question):
        forms = translations({stem(word.lower())}) | {stem(word.lower())}
        said = next((s for s in left_out if {stem(w.lower()) for w in words(s)} & forms), "")
        if not said:
            continue
        stems_of = stems_of or [{stem(w.lower()) for w in words(s)} for s in sentences]
        places = [k for k, stems in enumerate(stems_of) if stems & forms]
        if all(LEFT_OUT.search(sentences[k]) for k in places):
            return word, sentences[places[0]]
    return "", ""


#: An age bound a figure is asked of: "kids under 10", "anak di bawah 8 tahun", "younger than 14".
_UNDER = re.compile(
    r"\b(?:under|below|younger than|di ?bawah(?: usia| umur)?|kurang dari)\s+(\d{1,2})\b"
    r"(?!\s*(?:%|persen|percent|jam|hours?|km|hari|days?|minggu|weeks?|bulan|months?|kali|times))",
    re.I,
)


def unstated_age_bound(question: str, documents: Iterable[str]) -> tuple[str, str]:
    """(the question's bound, the sentence naming it as left out or "") when the question asks a
    figure of children under an age ("how many kids under 10 ...?") that `documents` never give a
    figure for: no sentence names that bound ("under 10", "di bawah usia 10", "aged 5-9") other
    than one saying it was left out ("Survei tidak mencakup anak di bawah usia 10 tahun"), which
    is returned; ("", "") when the question has no bound or a sentence gives it."""
    m = _UNDER.search(question)
    if not m or ASKS_LEFT_OUT.search(question):
        return "", ""
    bound = int(m.group(1))
    states = re.compile(
        rf"\b(?:under|below|younger than|di ?bawah(?: usia| umur)?|kurang dari|<)\s*{bound}\b|"
        rf"\b\d{{1,2}}\s*[-–]\s*{bound - 1}\b"
    )
    sentences = [x for text in documents for x in split_sentences(text)]
    if not sentences:
        return "", ""
    named = [x for x in sentences if states.search(x)]
    if any(not LEFT_OUT.search(x) for x in named):
        return "", ""
    return m.group(0), named[0] if named else ""
