"""The gate of the answer path: can the retrieved evidence answer this question at all?

Contract: `gate(question, passages, evidence, index, language)` returns None (go on) or a `Refusal`
with the reason (for the report) and a detail sentence in the user's language (for the answer). It
refuses, in this order, when the evidence is weak (`abstain.should_abstain`), when the question names a
place or organisation no passage mentions (`abstain.absent_name`), when it asks about a year
the documents it is about never mention (`asked_years.absent_year`), when it asks about a group
they name only as left out of the study (`excluded.excluded_group`), or children under an age
they give no figure for (`excluded.unstated_age_bound`), or a lower-case group, platform or
measure they never name ("lewat facebook", "siswi SD": `subgroups.unmentioned_group`), or a
figure of a place they name only in a list of names (`subgroups.listed_only`), when it asks for
a kind of value (count, year, money, person, place, institution, recommendation) no sentence
about it holds
(`answer_type`; a two-part question only when neither part finds its kind, and "of the 40
caregivers" reads only the report of that group: `of_the_group`), and when "which X?" meets only
"several X" (`answer_type.unnamed_members`).
It does not generate or check answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cpassist.abstain import absent_name, should_abstain
from cpassist.answer_type import (
    evidence_lacks_answer_type,
    is_recommendation,
    unnamed_members,
)
from cpassist.asked_years import absent_year
from cpassist.evidence import EvidenceIndex
from cpassist.excluded import excluded_group, unstated_age_bound
from cpassist.extractive import two_parts
from cpassist.focus import COMPARES_STUDIES
from cpassist.prompts import render
from cpassist.schema import Passage
from cpassist.study_mix import about_named
from cpassist.subgroups import asks_figure, listed_only, unmentioned_group

_TYPE_NAMES = {
    "en": {
        "count": "number", "duration": "length of time", "year": "year", "money": "amount of money", "person": "author's name",
        "named": "names of the people",
        "holder": "name of the person in that position", "share": "percentage",
        "place": "place", "institution": "university or institution", "recommendation":
        "recommendation", "funder": "funder", "company": "company's name",
    },
    "id": {
        "count": "angka", "duration": "lama waktu", "year": "tahun", "money": "jumlah uang", "person": "nama penulis",
        "named": "nama orang-orangnya",
        "holder": "nama orang yang memegang jabatan itu", "share": "persentase",
        "place": "tempat", "institution": "nama universitas atau lembaga", "recommendation":
        "rekomendasi", "funder": "penyandang dana", "company": "nama perusahaan",
    },
}  # fmt: skip


#: "How many of the 40 caregivers ...?", "Dari 214 anak ...": the size of the group asked about.
_GROUP = re.compile(r"\b(?:of the|among the|dari|di antara)\s+(\d[\d.,]*)\s+[a-z]", re.I)


def of_the_group(question: str, passages: Sequence[Passage]) -> list[Passage]:
    """`passages` of the documents that give the size of the group the question asks about ("of
    the 40 caregivers": a report of 40 caregivers, not another report of the same place)."""
    sizes = set(_GROUP.findall(question))
    if not sizes:
        return list(passages)
    studies = {
        p.study for p in passages if any(re.search(rf"\b{re.escape(n)}\b", p.text) for n in sizes)
    }
    return [p for p in passages if p.study in studies] or list(passages)


@dataclass
class Refusal:
    reason: str
    detail: str = ""
    #: the group or measure the question names that the documents never give a figure for
    ungiven: str = ""


def gate(
    question: str,
    passages: Sequence[Passage],
    evidence: Sequence[Passage],
    index: EvidenceIndex,
    language: str,
    documents: Sequence[str] = (),
) -> Refusal | None:
    """None when `evidence` (the question-language versions of every hit, with their parallels)
    may answer `question`; else why not. `passages` are the retrieval hits as returned;
    `documents` the whole text of each document the question is about (for the years it covers)."""
    lang = "id" if language == "id" else "en"
    weak, score = should_abstain(question, passages, index)
    # a comparison of the studies themselves is about the corpus, however few words it shares
    compares = COMPARES_STUDIES.search(question) and len({p.study for p in passages}) >= 2
    if weak and not compares:
        return Refusal(f"evidence too weak: relevance {score:.2f} below the calibrated threshold")
    absent = absent_name(question, evidence)
    if absent:
        return Refusal(
            f"the question names {absent!r}, which no passage found mentions",
            render(f"abstain_absent_{lang}", term=absent).strip(),
        )
    year = absent_year(question, documents)
    if year:
        return Refusal(
            f"the question asks about {year}, which the documents it is about never mention",
            render(f"abstain_year_{lang}", year=year).strip(),
        )
    group, said = excluded_group(question, documents)
    if group:
        return Refusal(
            f"the question asks about {group!r}, which the documents name only as left out",
            render(f"abstain_excluded_{lang}", term=group, sentence=said).strip(),
        )
    bound, said = unstated_age_bound(question, documents)
    if bound:  # "kids under 10" of a survey of ages 10-17
        bound = f"children {bound}" if lang == "en" else f"anak {bound} tahun"
        return Refusal(
            f"the question asks about children {bound!r}, for whom the documents give no figure",
            render(f"abstain_excluded_{lang}", term=bound, sentence=said).strip()
            if said
            else render(f"abstain_absent_{lang}", term=bound).strip(),
        )
    figure_asked = asks_figure(question)
    group, said = unmentioned_group(question, documents, figure_asked)
    if group:  # "lewat facebook" of a survey that never names Facebook
        mentioned = any(group.lower() in d.lower() for d in documents)
        template = "excluded" if said else "nofigure" if mentioned else "absent"
        return Refusal(
            f"the question asks about {group!r}, for whom the documents give no figure",
            render(
                f"abstain_{template}_{lang}", term=group, **({"sentence": said} if said else {})
            ).strip(),
            ungiven=group,
        )
    titles = {p.title for p in evidence}
    name, said = listed_only(question, documents, titles) if figure_asked else ("", "")
    if name:  # "what share of players in Jebres?": Jebres only in the list of sub-districts
        return Refusal(
            f"the question asks a figure of {name!r}, which the documents only list",
            render(f"abstain_listed_{lang}", term=name, sentence=said).strip(),
        )
    named = of_the_group(question, about_named(question, evidence))
    missing = evidence_lacks_answer_type(
        question, [p.text for p in named], {p.title for p in named}
    )
    if missing == "recommendation" and any(is_recommendation("", p.section) for p in named):
        missing = None  # "Expand capacity from 14 to 24 beds." under a "Recommendations" heading
    parts = two_parts(question)
    if missing and parts:  # "When was it done, and how many were surveyed?": refused only when
        # neither part finds its kind of value (the answer gives what the studies hold)
        texts, titles = [p.text for p in named], {p.title for p in named}
        if any(evidence_lacks_answer_type(part, texts, titles) is None for part in parts):
            missing = None
    if missing:
        return Refusal(
            f"the question asks for a {missing} and no passage found contains one",
            render(f"abstain_type_{lang}", kind=_TYPE_NAMES[lang][missing]).strip(),
        )
    vague = unnamed_members(question, [p.text for p in evidence])
    if vague:
        return Refusal(
            f"the studies mention {vague} only vaguely and never name them",
            render(f"abstain_vague_{lang}", noun=vague).strip(),
        )
    return None
