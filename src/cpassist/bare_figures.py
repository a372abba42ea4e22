"""A claim that adds nothing to the question but a figure ("The average monthly household income
was 18,2%") must find that figure said of the question's words in its source.

Contract: `bare_figure_misplaced(claim, question, sources, titles)` returns the figure when the claim
says nothing beyond the question's words and its figures, and no clause of `sources` holding the
figure says a third of the words the claim repeats from the question (in either language;
names and the words of the documents' `titles` are not asked of the clause); "" otherwise. The
claim checker excuses the question's words everywhere else: this is where a small model gives
them to the wrong figure. It does not check that the figure is in the source (`figures.py` does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cpassist.lexicon import features, shared_across, translations
from cpassist.text import content_stems, named_terms, root, stem, words

#: Where a sentence's clauses part: ";", a comma not inside a number, "but", "tetapi", "and" ...
#: and, unlike `figures._CLAUSE`, "yang": "18,2% rumah tangga | yang menerima PKH" keeps what the
#: figure counts apart from what is said of it.
_CLAUSE = re.compile(
    r";|(?<!\d),|,(?!\d)|\b(while|whereas|but|and|sedangkan|sementara|tetapi|namun|dan|yang)\b",
    re.I,
)
#: Words saying how a figure is given, not what it is of.
_HOW = frozenset(
    stem(w)
    for w in "was were is are adalah ialah sebesar sebanyak sekitar about around approximately "
    "nearly almost total number jumlah percent persen per cent point points poin".split()
)
#: A question asking for an item ("at which stage ...?"): the words a claim copies from beside the
#: figure may be that item, its answer.
_ASKS_ITEM = re.compile(
    r"\b(which|where|who|what kind|what type|mana|siapa|apa saja|jenis apa|bentuk apa)\b", re.I
)
#: Words saying when a figure was measured, not what it is of ("at endline").
_WHEN = frozenset(
    stem(w) for w in "baseline endline midline awal akhir year years tahun month bulan".split()
)
#: Share of the repeated question words the figure's clause must say (a third: across languages the
#: glossary misses some).
SAID_SHARE = 1 / 3


def _stems(text: str) -> set[str]:
    out = {stem(w.lower()) for w in words(text)} | {root(w.lower()) for w in words(text)}
    return out | translations(out)


def bare_figure_misplaced(
    claim: str, question: str, sources: Iterable[str], titles: Iterable[str] = ()
) -> str:
    """The figure of a claim that only puts a figure to the question's words, when no clause of
    `sources` holding it says half of those words; "" otherwise (module docstring)."""
    numbers = features(claim).numbers
    if not numbers or not question:
        return ""
    asked = content_stems(question)
    own = content_stems(claim) - _HOW - {n for n in numbers}
    extra = {s for s in own if not s[:1].isdigit()} - translations(asked)
    held = [
        _stems(c)
        for text in sources
        for c in _CLAUSE.split(text)
        if c and numbers & features(c).numbers
    ]
    if extra and (_ASKS_ITEM.search(question) or not any(extra <= said for said in held)):
        return ""  # the claim says something of its own: the other checks judge it
    # ... words it only copies from beside the figure ("62.4% of tracked children") are no more
    # than the figure itself
    titled = translations(set().union(set(), *(content_stems(t) for t in titles)))
    repeated = (own & translations(asked)) - titled - named_terms(question) - named_terms(claim)
    repeated = {s for s in repeated if not s[:1].isdigit()} - _WHEN
    if len(repeated) < 2:
        return ""
    for number in sorted(numbers):
        clauses = [
            c
            for text in sources
            for c in _CLAUSE.split(text)
            if c and number in features(c).numbers
        ]
        if not clauses:
            continue
        if not any(
            len(shared_across(repeated, _stems(c))) >= SAID_SHARE * len(repeated) for c in clauses
        ):
            return number
    return ""
