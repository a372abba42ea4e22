"""Split a cleaned document into runs of sentences of one language (Indonesian/English) and one
section.

Language is decided per sentence with `cpassist.language.question_language` (names left out), then smoothed over the
whole document with a two-state Viterbi pass (a language switch costs as much as a sentence of 6
lower-case words disagreeing with its detected language; capitalised words, names, do not count). So a document whose two languages follow each other
without any heading or even a paragraph break (the Nepal study) is cut exactly where the language
changes, while one odd short sentence does not start a new part.

Sections: a heading (INTISARI, ABSTRAK, ABSTRACT, a markdown or all-caps heading) names the section
of what follows; a `Kata Kunci:` / `Keywords:` line is its own section ("Kata Kunci" / "Keywords",
language fixed by the label), after which the section is "body" again until the next heading. Text
without any heading is section "body" (as in `cpassist.schema`), also for the language halves of
a study without headings. This module does not chunk or embed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cpassist.ingest.chunking import split_sentences
from cpassist.ingest.clean import Mapped, Paragraph, heading_name
from cpassist.text import LIST_ITEM, join_sentences, letter_words

SWITCH_PENALTY = 6.0
MAX_SENTENCE_WEIGHT = 25.0


@dataclass
class Segment:
    """Consecutive sentences of one language and one section."""

    language: str
    section: str
    sentences: list[Mapped] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_sentences(s.text for s in self.sentences)


@dataclass
class _Unit:
    mapped: Mapped
    section: str
    fixed_language: str | None


def _keywords_section(text: str) -> tuple[str, str]:
    if text.lower().lstrip(" *_").startswith("kata"):
        return "Kata Kunci", "id"
    return "Keywords", "en"


def _units(paragraphs: list[Paragraph]) -> list[_Unit]:
    units: list[_Unit] = []
    section = "body"
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            section = heading_name(paragraph.text) or paragraph.text
        elif paragraph.kind == "keywords":
            name, language = _keywords_section(paragraph.text)
            units.append(_Unit(paragraph.mapped, name, language))
            section = "body"
        else:
            for sentence in split_sentences(paragraph.mapped):
                last = units[-1] if units else None
                if last and last.section == section and _continues_list(last.mapped.text, sentence):
                    units[-1] = _Unit(_lines(last.mapped, sentence), section, None)
                else:
                    units.append(_Unit(sentence, section, None))
    return units


#: Items a list's lead keeps with it in one unit (a longer list goes on in units of its own).
LIST_ITEMS_KEPT = 16


def _continues_list(before: str, sentence: Mapped) -> bool:
    """Whether `sentence` is an item of the list (or a row of the table) that `before` announces
    or has begun ("... adalah sebagai berikut:", then "1. ...", "2. ..."; "| Tahun | ... |", then
    "| 2022 | ... |"): a chunk never cuts a list from its lead, nor a table's rows from its
    header."""
    if not LIST_ITEM.match(sentence.text):
        return False
    lines = before.split("\n")
    if len(lines) > LIST_ITEMS_KEPT:
        return False
    return before.rstrip().endswith(":") or bool(LIST_ITEM.match(lines[-1]))


def _lines(first: Mapped, second: Mapped) -> Mapped:
    """`first` and `second` as two lines of one unit."""
    joint = first.offsets[-1] + 1 if first.offsets else 0
    return Mapped(f"{first.text}\n{second.text}", [*first.offsets, joint, *second.offsets])


def smooth_languages(
    detected: list[str], weights: list[float], fixed: list[str | None]
) -> list[str]:
    """Two-state Viterbi: the cheapest labelling where disagreeing with a sentence's detected
    language costs its weight and every language switch costs `SWITCH_PENALTY`."""
    states = ("id", "en")
    inf = float("inf")
    cost = {s: 0.0 for s in states}
    back: list[dict[str, str]] = []
    for i, (lang, weight) in enumerate(zip(detected, weights, strict=True)):
        new_cost: dict[str, float] = {}
        pointers: dict[str, str] = {}
        for s in states:
            emit = 0.0 if s == lang else weight
            if fixed[i] is not None and fixed[i] != s:
                emit = inf
            if i == 0:
                new_cost[s], pointers[s] = emit, s
                continue
            prev = min(states, key=lambda p, s=s: cost[p] + (0 if p == s else SWITCH_PENALTY))
            new_cost[s] = cost[prev] + (0 if prev == s else SWITCH_PENALTY) + emit
            pointers[s] = prev
        cost = new_cost
        back.append(pointers)
    if not back:
        return []
    state = min(states, key=lambda s: cost[s])
    path = [state]
    for pointers in reversed(back[1:]):
        state = pointers[state]
        path.append(state)
    return path[::-1]


def split_document(paragraphs: list[Paragraph], default_language: str = "en") -> list[Segment]:
    """Segments of one language and section, in document order."""
    from cpassist.language import question_language

    units = _units(paragraphs)
    # a sentence's names say nothing of its language ("... in Kelurahan Kota Baru, Kelurahan
    # Waena and Kampung Koya Barat"): it is read without them
    detected = [
        u.fixed_language or question_language(u.mapped.text, default=default_language)
        for u in units
    ]
    # names say nothing of the language ("Author: Maria Ulfa, Universitas Airlangga"): a sentence
    # weighs as many of its words as are not capitalised
    weights = [
        min(
            float(sum(1 for w in letter_words(u.mapped.text) if w[:1].islower())),
            MAX_SENTENCE_WEIGHT,
        )
        for u in units
    ]
    languages = smooth_languages(detected, weights, [u.fixed_language for u in units])
    segments: list[Segment] = []
    for unit, language in zip(units, languages, strict=True):
        if not segments or (segments[-1].language, segments[-1].section) != (
            language,
            unit.section,
        ):
            segments.append(Segment(language, unit.section))
        segments[-1].sentences.append(unit.mapped)
    return segments
