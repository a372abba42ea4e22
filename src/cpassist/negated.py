"""A premise the asked document states with a "not": "Since the schools were randomly assigned,
...?" against "Pembagian sekolah tidak dilakukan secara acak".

Contract: `negated_premise(premise, sources, asked)` returns (source index, sentence) for the
first sentence of an asked source that shares at least two of the premise's words (beyond its
names, in either language) and puts a negation ("not", "no", "never", "tidak", "bukan", "belum")
at most three words before one of them, when the premise itself negates nothing; None otherwise.
The claim checker grounds such a premise in the sentences most like it as a whole (the programme,
the schools) and misses the short one that says "not". It does not judge trends or figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from cpassist.answer_type import is_recommendation
from cpassist.lexicon import features, shared_across, translations
from cpassist.schema import Passage
from cpassist.text import content_stems, named_terms, split_sentences, stem, words

_NEGATIONS = frozenset("not no never tidak bukan belum tak tanpa without".split())
#: How many words after a negation it still reaches ("tidak dilakukan secara acak").
REACH = 3
#: "none", "nobody", "tidak seorang pun": a negated subject denies its whole clause (this far).
_NONE = frozenset("none nobody nothing neither".split())
SUBJECT_REACH = 15
#: Words too general to carry what a premise asserts ("not all children ..." says nothing of them).
GENERAL_WORDS = frozenset(
    stem(w)
    for w in "child children anak anak-anak study studi penelitian report laporan program "
    "programme school schools sekolah data".split()
)
#: How many a premise speaks of ("sebagian besar", "most"): shared by premises about anything.
QUANTITY_WORDS = frozenset(
    stem(w)
    for w in "sebagian besar most majority mayoritas kebanyakan many banyak all semua some "
    "beberapa".split()
)


def premise_words(premise: str) -> set[str]:
    """The stems saying what `premise` claims: not its names, not how many it speaks of."""
    return content_stems(premise) - named_terms(premise) - QUANTITY_WORDS


def asked_sentences(
    sources: Sequence[Passage], asked: Callable[[Passage], bool]
) -> Iterator[tuple[int, Passage, str]]:
    """(source index, passage, sentence) for every sentence of the `asked` sources, in order."""
    for i, p in enumerate(sources):
        if asked(p):
            for sentence in split_sentences(p.text):
                yield i, p, sentence


def negated_premise(
    premise: str, sources: Sequence[Passage], asked: Callable[[Passage], bool] = lambda p: True
) -> tuple[int, str] | None:
    """The sentence of an asked source negating `premise` (see the module), or None."""
    if not premise or features(premise).negated:
        return None
    wanted = premise_words(premise)
    if len(wanted) < 2:
        return None
    best: tuple[int, int, str] | None = None  # (words of the premise it holds, source, sentence)
    for i, p, sentence in asked_sentences(sources, asked):
        if is_recommendation(sentence, p.section):
            continue  # "... so that they can meet targets without family help": a proposal
        tokens = [t.lower() for t in words(sentence)]
        said = {stem(t) for t in tokens}
        shared = (wanted & translations(said)) | shared_across(wanted, said)
        if len(shared) < 2:
            continue
        for k, token in enumerate(tokens):
            if token not in _NEGATIONS and token not in _NONE:
                continue
            # "None of the children ... had reported it to the police": all the clause is denied
            reach = SUBJECT_REACH if token in _NONE else REACH
            reached = {stem(t) for t in tokens[k + 1 : k + 1 + reach]}
            hit = (wanted & translations(reached)) | shared_across(wanted, reached)
            if hit - GENERAL_WORDS and (best is None or len(shared) > best[0]):
                best = (len(shared), i, sentence)  # the sentence saying most of the premise
    return (best[1], best[2]) if best else None
