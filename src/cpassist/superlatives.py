"""Superlatives in claims: "most successful diversions were reached at the prosecution stage" must
give that stage the largest share its source sentence ranks, and "the most common form of
exploitation was family debt" must rank what its source ranks (a form, not a reason).

Contract: `ranked_kind_missing(claim, source)` returns the kind a claim ranks ("exploitation") when
`source` does not name it in any language ("" otherwise). `superlative_misplaced(claim, question,
source)` returns the share the claim's item has
in `source` when `source` ranks a larger one beside it ("" when the claim makes no superlative or
names a rank, the sentence gives fewer than two shares, or the item is not found near one). It
looks at percentages only; whether the claim's numbers are in the source is the figure checks'
business (`figures.py`), not this module's.
"""

from __future__ import annotations

import re

from cpassist.lexicon import translations
from cpassist.text import content_stems, stem

#: A claim ranking its item first: "the most common", "paling banyak", "terbanyak", "the main".
_SUPERLATIVE = re.compile(
    r"\b(most|paling|terbanyak|tertinggi|terbesar|largest|highest|biggest|main|utama|majority|"
    r"mayoritas|sebagian besar|top)\b",
    re.I,
)
#: ... unless it names another rank or the other end ("the second most common", "the lowest").
OTHER_RANK = re.compile(
    r"\b(second|third|fourth|kedua|ketiga|keempat|urutan|least|lowest|smallest|fewest|terendah|"
    r"terkecil|tersedikit|paling (sedikit|rendah|kecil|jarang))\b",
    re.I,
)
#: A percentage, its value in group 1 (also what `extractive` counts for a ranking).
SHARE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b|persen\b)", re.I)
_WORD = re.compile(r"[^\W\d_][\w-]*")
#: How far (characters) a share may stand from the word naming its item.
NEAR = 40


#: Where a clause ends: a comma or semicolon, or a conjunction between two statements ("...
#: smallholders (33.2%), followed by wage-worker households (25.7%)").
_CLAUSE = re.compile(
    r"[,;]\s+|\s+(?:dan|and|sedangkan|sementara|while|whereas|but|tetapi|namun|serta)\s+",
    re.I,
)


def clauses(sentence: str) -> list[str]:
    """`sentence` split into clauses where `_CLAUSE` matches outside brackets ("men (fathers and
    grandfathers) made up 14.2%" stays one clause)."""
    depth, inside = 0, []
    for char in sentence:
        depth += (char == "(") - (char == ")")
        inside.append(depth > 0)
    parts, start = [], 0
    for m in _CLAUSE.finditer(sentence):
        if not inside[m.start()]:
            parts.append(sentence[start : m.start()])
            start = m.end()
    return [*parts, sentence[start:]]


def _clause_share(at: int, sentence: str) -> float | None:
    """The share of the clause of `sentence` holding character `at`, when it holds exactly one."""
    start = 0
    for part in clauses(sentence):
        begin = sentence.find(part, start)
        if begin <= at < begin + len(part):
            found = SHARE.findall(part)
            return _value(found[0]) if len(found) == 1 else None
        start = begin + len(part)
    return None


def _value(text: str) -> float:
    return float(text.replace(",", "."))


def superlative_misplaced(claim: str, question: str, source: str) -> str:
    """The share (as written in `source`) of the item a superlative claim ranks first, when
    `source` gives a larger one; "" otherwise (see the module docstring)."""
    if not _SUPERLATIVE.search(claim) or OTHER_RANK.search(claim):
        return ""
    shares = [(_value(m.group(1)), m.start(), m.group(0)) for m in SHARE.finditer(source)]
    if len({v for v, _, _ in shares}) < 2:
        return ""
    top = max(v for v, _, _ in shares)
    claimed = {_value(m.group(1)) for m in SHARE.finditer(claim)} & {v for v, _, _ in shares}
    if claimed:
        return "" if max(claimed) >= top else next(t for v, _, t in shares if v == max(claimed))
    # no share in the claim: the share nearest the word naming its item in the source
    own = content_stems(claim) - translations(content_stems(question))
    wanted = {s for s in own if len(s) >= 4}
    wanted |= translations(wanted)
    found = [(m.start(), stem(m.group(0).lower())) for m in _WORD.finditer(source)]
    counts: dict[str, int] = {}
    for _, s in found:
        counts[s] = counts.get(s, 0) + 1
    near: list[tuple[float, str]] = []
    for at, s in found:
        if s not in wanted or counts[s] > 1:  # a word said of every item names none of them
            continue
        own_share = _clause_share(at, source)  # "followed by wage-worker households (25.7%)"
        if own_share is not None:
            near.append(next((v, t) for v, _, t in shares if v == own_share))
            continue
        dist, value, text = min((abs(start - at), v, t) for v, start, t in shares)
        if dist <= NEAR:
            near.append((value, text))
    if not near or max(v for v, _ in near) >= top:
        return ""
    return max(near)[1]


#: "the most common form of exploitation was", "the main reason for referral is": what is ranked.
_RANKED_EN = re.compile(
    r"\b(?:most (?:common|frequent|frequently cited|often cited|cited)|main|commonest|"
    r"(?:second|third) most (?:common|frequent))\s+((?:[a-z-]+\s+){0,3}?)(?:was|were|is|are)\b",
    re.I,
)
#: "bentuk eksploitasi yang paling umum adalah", "alasan rujukan yang paling sering ialah".
_RANKED_ID = re.compile(
    r"\b((?:[a-z-]+\s+){1,2})yang\s+paling\s+(?:umum|sering|banyak)(?:\s+[a-z]+)?\s+"
    r"(?:adalah|ialah|yaitu|merupakan)\b",
    re.I,
)
#: Words that classify rather than name a kind ("form of exploitation": the kind is exploitation).
_CLASSIFIERS = frozenset(
    "form forms type types kind kinds sort category bentuk jenis macam tipe kategori".split()
)
_NOT_KINDS = frozenset("one ones thing things".split())


def ranked_kind_missing(claim: str, source: str) -> str:
    """The kind of thing `claim` ranks first or second ("the most common form of exploitation
    was ..." -> "exploitation") when `source` names it nowhere, in either language; "" otherwise."""
    from cpassist.lexicon import shared_across
    from cpassist.text import words

    m = _RANKED_EN.search(claim) or _RANKED_ID.search(claim)
    if not m:
        return ""
    phrase = [w.lower() for w in words(m.group(1)) if w.lower() not in ("the", "of", "for", "in")]
    if phrase and phrase[0] in _CLASSIFIERS:
        phrase = phrase[1:]
    if not phrase or phrase[0] in _NOT_KINDS:
        return ""
    kind = stem(phrase[0])
    said = {stem(w.lower()) for w in words(source)}
    if kind in said or shared_across({kind}, said):
        return ""
    return phrase[0]
