"""A premise that ranks an item first, held against a ranked list of the studies.

Contract: `ranked_place(premise, sources)` finds the item and its place;
`misranked_item(premise, sources)` returns (source index, the list item the premise
names) when the premise ranks an item first ("fear of rain was the most
frequent symptom", "... yang paling sering adalah X") and a passage lists the ranked items under a
lead ("Gejala yang paling sering dilaporkan ... adalah:", then "1. Sulit tidur: 38,5%", "2. Takut
saat hujan: 31,2%") with the item it names lower down; None otherwise. A list is ranked when its
lead says so (most, paling, ranked, terbanyak ...) or its items' shares fall. The item is the one
sharing the most words with the premise beyond the lead's, and only a single best counts. It does
not judge sentences that rank inline ("61% ..., followed by 27% ..."): `superlatives` does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.extractive import list_lines
from cpassist.lexicon import shared_across
from cpassist.schema import Passage
from cpassist.superlatives import OTHER_RANK, SHARE
from cpassist.text import content_stems, named_terms, split_sentences, word_forms

#: A premise ranking its item first ("the most common", "paling sering", "the top", "the main").
_FIRST = re.compile(
    r"\b(the most|most common|most frequent|most often|paling|terbanyak|tertinggi|terbesar|"
    r"largest|highest|biggest|main|utama|top|commonest|leading)\b",
    re.I,
)
#: A lead that ranks what it lists.
_RANKED_LEAD = re.compile(
    r"\b(most|paling|terbanyak|tertinggi|terbesar|ranked|rank|urutan|peringkat|main|utama|top|"
    r"common|sering|largest|highest|biggest)\b",
    re.I,
)


def _shares(items: Sequence[str]) -> list[float]:
    found = [SHARE.search(item) for item in items]
    return [float(m.group(1).replace(",", ".")) for m in found if m]


def misranked_item(premise: str, sources: Sequence[Passage]) -> tuple[int, str] | None:
    """(source index, the item) when `premise` ranks first an item a ranked list of `sources` puts
    lower (see the module docstring); else None."""
    found = ranked_place(premise, sources)
    return (found[0], found[1]) if found and found[2] > 0 else None


def ranked_place(premise: str, sources: Sequence[Passage]) -> tuple[int, str, int] | None:
    """(source index, item, its place from 0) of the item `premise` ranks first in a ranked list of
    `sources`; None when the premise ranks nothing first or no ranked list names its item."""
    if not _FIRST.search(premise) or OTHER_RANK.search(premise):
        return None
    names = {w.lower() for w in named_terms(premise)}
    asked = content_stems(premise) - named_terms(premise)
    for i, passage in enumerate(sources):
        listed = list_lines(passage.text)
        if not listed:
            continue
        sentences = split_sentences(passage.text)
        for j, lead in enumerate(sentences):
            if not lead.rstrip().endswith(":"):
                continue
            items = []
            for item in sentences[j + 1 :]:
                if item not in listed:
                    break
                items.append(item)
            shares = _shares(items)
            falling = len(shares) == len(items) >= 2 and shares == sorted(shares, reverse=True)
            if len(items) < 2 or not (_RANKED_LEAD.search(lead) or falling):
                continue
            said = word_forms(lead)
            wanted = {w for w in asked - said if not shared_across({w}, said)}
            forms = [word_forms(item) for item in items]
            hits = [len(wanted & f) + len(shared_across(wanted - f, f)) for f in forms]
            best = max(hits)
            if best == 0 or hits.count(best) > 1:
                continue
            at = hits.index(best)
            # "Playen paling parah soal air": a place ranked, not an item of a list of reasons
            # ("toilet sekolah tidak memiliki air"); the names picking the document do not count
            ranked_names = names - word_forms(f"{passage.title} {lead}")
            if ranked_names and not any(ranked_names & f for f in forms):
                continue
            return i, items[at], at
    return None
