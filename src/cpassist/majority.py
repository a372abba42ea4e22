"""A premise that most of a group do or are something, held against the studies' own shares.

Contract: `majority_share(premise, sources, index)` finds the sentence giving that share;
`minority_against(premise, sources, index)` returns (source index, sentence) when the
premise says "most X ..." / "sebagian besar X ..." and, of the sentences that give a share of what
it asserts, the closest to it in meaning gives that share as under half ("Hanya 29,4% anak yang
pernah mengunjungi orang tuanya" for "most children visit their parents"; "58,7% adalah laki-laki
dan 41,3% perempuan" for "most are girls"); None otherwise, and None when that sentence gives it as
half or more. A share belongs to the clause that holds it alone. It does not compare counts
("104 boys and 74 girls") and judges no other premise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.answer_type import KIN, SEXES
from cpassist.evidence import EvidenceIndex
from cpassist.lexicon import shared_across, translations
from cpassist.schema import Passage
from cpassist.superlatives import SHARE, clauses
from cpassist.text import content_stems, named_terms, split_sentences, stem, word_forms, words

#: "most", "the majority of", "sebagian besar", "kebanyakan": the premise claims more than half.
MAJORITY = re.compile(
    r"\b(?:(?<!the )(?<!\bthe )most(?!\s+(?:\w+ly|common|frequent|often|important|likely|popular|"
    r"useful|effective|significant|serious|vulnerable|affected|cited|mentioned|reported|"
    r"needed|urgent|pressing|difficult)\b)|majority|mostly|mainly|sebagian besar|mayoritas|"
    r"kebanyakan)\b",
    re.I,
)  # "most of the children", not the superlative "the most common reason"
#: Words of a premise that say how it is asked, not what it asserts.
_ASKING = frozenset(
    stem(w)
    for w in "why reason study report thesis research penelitian studi laporan tesis skripsi "
    "kajian according menurut".split()
)


def _clauses(sentence: str) -> list[tuple[float, set[str]]]:
    """(share, the words, stems and roots of its clause) for each clause holding exactly one
    share."""
    out = []
    for clause in clauses(sentence):
        shares = SHARE.findall(clause)
        if len(shares) == 1:
            out.append((float(shares[0].replace(",", ".")), word_forms(clause)))
    return out


def _hits(wanted: set[str], said: set[str]) -> int:
    return len(wanted & said) + len(shared_across(wanted - said, said))


def names_kind(premise: str) -> bool:
    """Whether `premise` names a sex or kind of relative ("most were girls", "diasuh paman"): its
    share is then read from the clause naming it, a surer match than shared words."""
    return bool(_kinds(premise))


def _kinds(text: str) -> list[frozenset[str]]:
    """The sexes and kinds of relative `text` names ("girls", "ibu")."""
    said = {w.lower() for w in words(text)}
    return [side for side in (*SEXES, *KIN) if side & said]


def minority_against(
    premise: str, sources: Sequence[Passage], index: EvidenceIndex
) -> tuple[int, str] | None:
    """The sentence that gives what `premise` says of "most" as a share under half (see the module
    docstring), with its source index; else None."""
    found = majority_share(premise, sources, index)
    return found[:2] if found and found[2] < 50 else None


def majority_share(
    premise: str, sources: Sequence[Passage], index: EvidenceIndex
) -> tuple[int, str, float] | None:
    """(source index, sentence, share) of the sentence closest in meaning to a "most X ..."
    `premise` among those giving a share of what it asserts; None when there is none. See
    `names_kind` for how sure the match is."""
    if not MAJORITY.search(premise):
        return None
    asked = content_stems(MAJORITY.sub(" ", premise)) - named_terms(premise) - _ASKING
    # "most ... were mothers": the sex or relative it names is what it asserts of the group; the
    # group's own words hold for every clause ("orang tua ... ayah (87,4%), sedangkan ibu 12,6%")
    kinds = _kinds(premise)
    found: list[tuple[int, str, float]] = []  # source, sentence, share of its best clause
    shared: list[int] = []  # the premise's other words the sentence holds
    titles = [translations({stem(w.lower()) for w in words(p.title)}) for p in sources]
    # the document about the group the premise names ("child beggars in Palembang"), not another
    # report from the same city
    about = [len(asked & t) + len(shared_across(asked - t, t)) for t in titles]
    for i, passage in enumerate(sources):
        if about[i] < max(about):
            continue
        title = titles[i]
        # what the premise says of the group, not the group the document is about
        wanted = {w for w in asked - title if not shared_across({w}, title)}
        if not wanted:
            continue
        for sentence in split_sentences(passage.text):
            scored = [
                (sum(1 for k in kinds if k & said) if kinds else _hits(wanted, said), share)
                for share, said in _clauses(sentence)
            ]
            scored = [(h, share) for h, share in scored if h]
            if not scored:
                continue
            top = max(h for h, _ in scored)
            shares = [share for h, share in scored if h == top]
            if len(set(s < 50 for s in shares)) == 1:  # the best clauses agree
                found.append((i, sentence, shares[0]))
                shared.append(_hits(wanted, word_forms(sentence)) if kinds else 0)
    if not found:
        return None
    # "most participants were fathers": "men (fathers and grandfathers) made up only 14.2%" of
    # participants, not "fathers working outside the village (21.6%)" among the barriers
    cosines = index.cosines(premise, [s for _, s, _ in found])
    best = max(range(len(found)), key=lambda k: (shared[k], cosines[k]))
    return found[best]
