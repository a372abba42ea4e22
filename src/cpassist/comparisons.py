"""A premise comparing two named groups, held against the shares the studies give them.

Contract: `compared_shares(premise, sources)` returns (source index, sentence, agrees) when the
premise says something is more (or less) in one named place or group than in another ("child
labour is more common in Riau than in West Kalimantan", "lebih tinggi di Sleman dibanding
Gunungkidul") and a source sentence names both, each with its own percentage right after it ("higher
in West Kalimantan (31.6%) than in Riau (24.1%)"); `agrees` says whether those shares run the way
the premise says. None when the premise compares nothing this way or no sentence gives both
shares. Names match in either language through the glossary ("West Kalimantan" ~ "Kalimantan
Barat"); two sexes are compared the same way ("girls gamble more than boys", the sex named first
being the one said to be more). It reads percentages only and judges nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.answer_type import SEXES
from cpassist.lexicon import translations
from cpassist.schema import Passage
from cpassist.superlatives import SHARE, clauses
from cpassist.text import split_sentences, stem, words

_MORE = r"more|higher|greater|larger|bigger|lebih (?:banyak|tinggi|besar|sering|umum)"
_LESS = r"less|lower|fewer|smaller|lebih (?:sedikit|rendah|kecil|jarang)"
_NAME = r"((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,2})"
_COMPARED = re.compile(
    rf"\b(?P<way>{_MORE}|{_LESS})\b.*?\b(?:in|di|among|pada|for|untuk)\s+{_NAME}\s*,?\s+"
    rf"(?:than|dibanding(?:kan)?(?:\s+dengan)?|daripada|ketimbang)\s+"
    rf"(?:(?:in|di|among|pada|for|untuk)\s+)?(?:the\s+)?{_NAME}",
)
#: How far (in characters) a share may follow the name it belongs to: "West Kalimantan (31.6%)".
NEAR = 24


def _places(name: str) -> set[str]:
    """The stems of a name, each with its glossary equivalents ("west" ~ "barat")."""
    return {stem(w.lower()) for w in words(name)}


def _share_after(name: str, sentence: str) -> float | None:
    """The percentage right after the last word of `name` in `sentence` (the words of a name may
    come in the other language's order: "Kalimantan Barat")."""
    wanted = _places(name)
    for m in re.finditer(r"[\w-]+", sentence):
        said = {stem(m.group(0).lower())}
        if not (translations(said) & translations(wanted)):
            continue
        tail = sentence[m.end() : m.end() + NEAR]
        found = SHARE.search(tail)
        if found and not re.search(r"[A-Z]", tail[: found.start()].replace("(", "")):
            return float(found.group(1).replace(",", "."))
    return None


def _names_in(name: str, sentence: str) -> bool:
    said = translations({stem(w.lower()) for w in words(sentence)})
    return all(translations({s}) & said for s in _places(name))


def compared_shares(premise: str, sources: Sequence[Passage]) -> tuple[int, str, bool] | None:
    """(source index, sentence, whether its shares run the premise's way); see the module
    docstring."""
    m = _COMPARED.search(premise)
    if not m:
        return _compared_sexes(premise, sources)
    more = not re.match(_LESS, m.group("way"), re.I)
    first, second = m.group(2), m.group(3)
    for i, passage in enumerate(sources):
        for sentence in split_sentences(passage.text):
            if not (_names_in(first, sentence) and _names_in(second, sentence)):
                continue
            a, b = _share_after(first, sentence), _share_after(second, sentence)
            if a is None or b is None or a == b:
                continue
            return i, sentence, (a > b) == more
    return None


_THAN = re.compile(r"\bthan\b|\bdibanding\w*|\bdaripada\b|\bcompared with\b", re.I)
_WAY = re.compile(rf"\b(?P<way>{_MORE}|{_LESS})\b", re.I)


def _side_share(side: frozenset[str], sentence: str) -> float | None:
    """The share of the one clause of `sentence` naming `side` (a sex) with a share."""
    found = []
    parts = [p for c in clauses(sentence) for p in _THAN.split(c)]
    for clause in parts:
        said = {w.lower() for w in words(clause)}
        shares = SHARE.findall(clause)
        if side & said and len(shares) == 1:
            found.append(float(shares[0].replace(",", ".")))
    return found[0] if len(found) == 1 else None


def _compared_sexes(premise: str, sources: Sequence[Passage]) -> tuple[int, str, bool] | None:
    """The same for girls and boys: "girls gambled more than boys" (the sex named first is the one
    said to be more) against "boys (21.3%) ... girls (7.9%)"."""
    way = _WAY.search(premise)
    if not way:
        return None
    said = [w.lower() for w in words(premise)]
    order = sorted(
        (min(said.index(w) for w in side if w in said), side) for side in SEXES if side & set(said)
    )
    if len(order) != 2:
        return None
    more = not re.match(_LESS, way.group("way"), re.I)
    first, second = order[0][1], order[1][1]
    for i, passage in enumerate(sources):
        for sentence in split_sentences(passage.text):
            a, b = _side_share(first, sentence), _side_share(second, sentence)
            if a is None or b is None or a == b:
                continue
            return i, sentence, (a > b) == more
    return None
