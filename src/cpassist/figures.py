"""Figure checks of claim grounding: a number a claim restates must be said of what the claim says
it counts.

Contract: `FigureChecks` is mixed into `grounding.ClaimChecker` (through `AssertionChecks`) and
reads its sentence index (`sources`, `_versions`, `_covered`, `_claim_language`,
`_claim_roots`); `_number_owner_missing` ties a number to the name the source writes next to it;
`_neighbour_number` to the words around it when a sentence holds several. They do not check
whether the number is in the source at all (`AssertionChecks` does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from cpassist.actors import translations
from cpassist.claim_text import _features, _Sentence, _stems
from cpassist.schema import Passage
from cpassist.text import STOPWORDS, root, stem, words

_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")


def named_near_numbers(text: str) -> dict[str, set[str]]:
    """For each number of `text` (normalised as `lexicon.features` does), the names written within
    four words of it ("the Philippines for 1,390" -> {"1390": {"Philippines"}})."""
    from cpassist.lexicon import number_key

    tokens = [(m.group(0), m.start()) for m in re.finditer(r"[\w’'-]+(?:[.,]\d+)*", text)]
    out: dict[str, set[str]] = {}
    for i, (token, _) in enumerate(tokens):
        if not _NUMBER_TOKEN.fullmatch(token) or re.fullmatch(r"(19|20)\d\d", token):
            continue
        near = tokens[max(0, i - 4) : i] + tokens[i + 1 : i + 5]
        names = {
            w for j, (w, _) in enumerate(near) if w[:1].isupper() and w.lower() not in STOPWORDS
        }
        out.setdefault(number_key(token), set()).update(names)
    return out


def _name_key(name: str) -> str:
    """A name's spelling key across Indonesian and English ("Philippines" ~ "Filipina",
    "Cambodia" ~ "Kamboja"): lower case, ph -> f, c -> k, its first five letters."""
    return name.lower().replace("ph", "f").replace("c", "k")[:5]


def _number_owner_missing(
    claim: str, question: str, evidence: Sequence[_Sentence]
) -> tuple[str, str] | None:
    """(number, the name it goes with) when every evidence sentence holding a number of the claim
    writes it next to a name the claim and question do not mention ("1,390" is the Philippines'
    count, not "last year's")."""
    mine = {stem(w.lower()) for w in words(f"{claim} {question}")}
    mine |= translations(mine)
    spelled = {_name_key(w) for w in words(f"{claim} {question}") if w[:1].isupper()}
    for number in named_near_numbers(claim):
        owners = [
            names
            for s in evidence
            for n, names in named_near_numbers(s.text).items()
            if n == number
        ]
        if not owners or any(not names for names in owners):
            continue  # a bare number somewhere: nothing to attribute

        def held(name: str) -> bool:
            st = stem(name.lower())
            return st in mine or bool(translations({st}) & mine) or _name_key(name) in spelled

        if not any(any(held(name) for name in names) for names in owners):
            return number, sorted(owners[0])[0]
    return None


#: Words around a figure that say nothing of what it counts ("sekitar 700", "more than 40").
_HEDGES = frozenset(
    stem(w)
    for w in "sekitar kira hampir lebih kurang dari sebanyak jumlah jumlahnya total about around "
    "approximately nearly almost over under more less than number total percent persen".split()
)


_TOKEN = re.compile(r"(?:rp\s?|\$)?\d+(?:[.,]\d+)*|[^\W\d_]+(?:['-][^\W\d_]+)*", re.I)


def _windows(text: str) -> list[tuple[set[str], set[str]]]:
    """(number keys, stems of the words within five tokens) for each figure written in `text`."""
    tokens = [m.group(0) for m in _TOKEN.finditer(text)]
    out = []
    figure = [bool(re.search(r"\d", t)) for t in tokens]
    for i, t in enumerate(tokens):
        if not figure[i]:
            continue
        keys = _features(t).numbers
        near = [
            w for j, w in enumerate(tokens[max(0, i - 5) : i + 6], max(0, i - 5)) if not figure[j]
        ]
        stems = {stem(w.lower()) for w in near if w.lower() not in STOPWORDS}
        out.append((keys, translations(stems) | stems))
    return out


#: A clause that changes a figure ("dapat meningkat hingga dua kali lipat selama bulan Ramadan").
_CHANGED = re.compile(
    r"\b(meningkat|naik|turun|menurun|berkurang|bertambah|lipat|double[sd]?|doubling|tripled?|"
    r"increas\w*|ris(?:e|es|en)|rose|fall|falls|fell|decreas\w*|higher|lower|lebih)\b",
    re.I,
)


def figure_of_changed_condition(
    claim: str, numbers: set[str], evidence: Sequence[_Sentence]
) -> str:
    """A figure of the claim said of a condition ("During Ramadan, the income was Rp85.000") that
    its source sentence names only in another clause, one that changes the figure ("Rp85.000 per
    hari dan dapat meningkat hingga dua kali lipat selama bulan Ramadan"); "" when none. A claim
    that itself says the change is not caught."""
    from cpassist.superlatives import clauses

    if _CHANGED.search(claim):
        return ""
    said = {stem(w.lower()) for w in words(claim) if w.lower() not in STOPWORDS}
    for number in numbers:
        if re.fullmatch(r"(19|20)\d\d", number):
            continue
        for s in evidence:
            if number not in s.feats.numbers:
                continue
            parts = clauses(s.text)
            own = [p for p in parts if number in _features(p).numbers]
            if len(own) != 1:
                continue
            own_words = {stem(w.lower()) for w in words(own[0])}
            for part in parts:
                if part is own[0] or re.search(r"\d", part) or not _CHANGED.search(part):
                    continue
                elsewhere = ({stem(w.lower()) for w in words(part)} - own_words) & said
                if any(len(w) >= 4 for w in elsewhere):
                    return number
    return ""


_NUM = r"\d+(?:[.,]\d+)*%?"
_YR = r"(?:19|20)\d\d"
#: "412 kasus pada 2019", "531 kasus, pada 2021", "467 in 2022": a figure, then its year.
_FIGURE_THEN_YEAR = re.compile(
    rf"(?<![\w.,])(?P<n>{_NUM})(?:\s+[^\s\d,.;:()|]+){{0,2}}?,?\s+(?:pada|in|tahun|on|di|during|selama)"
    rf"\s+(?:(?:tahun|the year|year)\s+)?(?P<y>{_YR})\b",
    re.I,
)
#: "in 2022, there were 531 cases", "pada 2021 tercatat 531 kasus": a year, then its figure.
_YEAR_THEN_FIGURE = re.compile(
    rf"\b(?:pada|in|tahun|by|during|selama)\s+(?:(?:tahun|the year|year)\s+)?(?P<y>{_YR}),?\s+"
    rf"(?:(?:there\s+(?:were|was)|terdapat|ada|sebanyak|tercatat|it\s+was|reached|mencapai|"
    rf"the number (?:was|reached)|jumlahnya(?: mencapai)?)\s+)?(?P<n>{_NUM})(?![\d.,]*\d)",
    re.I,
)


@lru_cache(maxsize=20_000)
def year_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The (figure, year) pairs `text` writes tightly ("412 kasus pada 2019", "in 2022, there were
    467 cases"; figures normalised as `lexicon.features` does). Table rows are not read. Cached:
    every claim checked reads the same evidence sentences."""
    from cpassist.lexicon import number_key

    out: set[tuple[str, str]] = set()
    for pattern in (_FIGURE_THEN_YEAR, _YEAR_THEN_FIGURE):
        for m in pattern.finditer(text):
            figure = m.group("n").rstrip("%")
            if not re.fullmatch(_YR, figure):
                out.add((number_key(figure), m.group("y")))
    return frozenset(out)


def year_figure_conflict(claim: str, evidence: Sequence[str]) -> tuple[str, str, str] | None:
    """(figure, the claim's year, the source's year) when the claim gives a figure for a year
    ("in 2022, there were 531 cases") that the evidence gives for another year ("531 kasus, pada
    2021") while it gives another figure for the claim's year ("467 pada 2022"); None otherwise,
    and for a figure the evidence also gives for the claim's year."""
    claimed = year_pairs(claim)
    if not claimed:
        return None
    said = set().union(*(year_pairs(t) for t in evidence)) if evidence else set()
    for figure, year in sorted(claimed):
        if (figure, year) in said:
            continue
        elsewhere = sorted(y for n, y in said if n == figure and y != year)
        other_figure = any(y == year and n != figure for n, y in said)
        if elsewhere and other_figure:
            return figure, year, elsewhere[0]
    return None


def _neighbour_number(claim: str, numbers: set[str], evidence: Sequence[_Sentence]) -> str:
    """A figure of the claim written, in a source sentence holding several, next to words that
    share nothing with the claim's words around it, while another figure of that sentence sits
    next to two or more of them ("earn Rp2.835.021 a month" where the source gives Rp850.000 a
    month and Rp2.835.021 as the minimum wage). "" when none."""
    claim_windows = _windows(claim)
    said = set().union(*(year_pairs(s.text) for s in evidence)) if evidence else set()
    dated = {n for n, y in year_pairs(claim) if (n, y) in said}  # "in 2022, 467 cases" as the
    # source dates it: placed by its year, whatever words stand around it
    for keys, near in claim_windows:
        for number in keys & numbers:
            if re.fullmatch(r"(19|20)\d\d", number) or number in dated:
                continue
            for s in evidence:
                windows = _windows(s.text)
                own = [w for k, w in windows if number in k]
                others = [
                    w
                    for k, w in windows
                    if number not in k
                    and not k & numbers
                    and not any(re.fullmatch(r"(19|20)\d\d", x) for x in k)
                ]
                if not own or not others:
                    continue
                if not any(near & w for w in own) and any(len(near & w) >= 2 for w in others):
                    return number
    return ""


class FigureChecks:
    """The figure checks (see the module docstring); mixed into `ClaimChecker`."""

    sources: list[Passage]
    _claim_language: str
    _claim_roots: dict[str, str]

    def _figure_joined(
        self, claim: str, question: str, numbers: set[str], grounding: Sequence[_Sentence]
    ) -> str:
        """A figure of the claim said of two or more of the question's words that no sentence
        holding the claim's figures says, while one sentence of the same passage holding another
        figure says them all: "1.148 children ... worked in fisheries" where "terdapat 1.148
        anak berusia 10-17 tahun" and "27,4% di antaranya melakukan pekerjaan di sektor
        perikanan". "" when none. (The question's words need no grounding of their own, so a
        claim can give the question's predicate to the wrong figure.)"""
        figures = {n for n in numbers if not re.fullmatch(r"(19|20)\d\d", n)}
        figures -= _features(question).numbers
        if not figures or not grounding:
            return ""
        passages = {g.source for g in grounding}
        near = [s for s in self._sentences if s.source in passages]
        holders = [s for s in near if s.feats.numbers & figures]
        others = [
            s
            for s in near
            if not s.feats.numbers & numbers
            and any(not re.fullmatch(r"(19|20)\d\d", n) for n in s.feats.numbers)
        ]
        if not holders or not others:
            return ""
        repeated = {
            x
            for x in (set(_stems(claim)) & set(_stems(question))) - _HEDGES - self._names
            if not any(ch.isdigit() for ch in x)
        }
        missing = repeated - self._covered(repeated, [*holders, *self._versions(holders)])
        if len(missing) < 2:
            return ""
        for other in others:
            if self._covered(missing, [other, *self._versions([other])]) == missing:
                return sorted(figures)[0]
        return ""

    def _number_elsewhere(
        self, claim: str, question: str, numbers: set[str], evidence: Sequence[_Sentence]
    ) -> str:
        """A figure of the claim whose every evidence sentence shares under a third of the claim's
        content words, the question's included: "700 children died in accidents" where the 700 are
        the child miners counted ("" when each figure is said of what the claim says)."""
        if not numbers:
            return ""
        own = {stem(w.lower()) for w in words(claim) if w[:1].islower() and len(w) > 2}
        own = {x for x in own if x not in STOPWORDS and x not in _HEDGES} & set(_stems(claim))
        if len(own) < 2:
            return ""
        for number in sorted(numbers):
            if re.fullmatch(r"(19|20)\d\d", number):
                continue  # a year dates what is said; the other checks see to it
            holders = [s for s in evidence if number in s.feats.numbers]
            holders += [v for v in self._versions(holders) if v not in holders]
            if not holders:
                continue
            best = max(len(self._covered(own, [s])) for s in holders)
            # across languages the glossary misses words: one shared word is enough there
            same = any(s.language == self._claim_language for s in holders)
            if (len(own) >= 3 and best < len(own) / 3) if same else not best:
                return number
            # what the question asks the figure of ("died in accidents") is said with it, or in
            # the document's title ("... di Pertambangan"), not merely echoed by the claim
            # (two thirds of it in the same language; a third across languages, where the glossary
            # misses words: "average monthly remittance" is not a wage of "Rp850.000 per bulan")
            asked = own & set(_stems(question))
            if len(asked) >= 2:
                titles = {
                    stem(w.lower()) for s in holders for w in words(self.sources[s.source].title)
                }
                roots = {root(w) for s in holders for w in words(self.sources[s.source].title)}
                said = set().union(*(self._covered(asked, [s]) for s in holders))
                said |= {x for x in asked if x in titles or self._claim_roots.get(x) in roots}
                if len(said) * 3 < len(asked) * (2 if same else 1):
                    return number
        return ""

    def _year_elsewhere(
        self, claim: str, question: str, numbers: set[str], evidence: Sequence[_Sentence]
    ) -> str:
        """A year a claim gives for "when ...?" that no evidence sentence holding it says of what
        the question asks: "the fieldwork was done in 2019" where 2019 dates a partnership."""
        from cpassist.answer_type import expected_answer_type
        from cpassist.focus import KIND_FOCI, question_focus
        from cpassist.text import named_terms

        if expected_answer_type(question) != "year":
            return ""
        asked = set(_stems(question)) - named_terms(question) - _WHEN_WORDS
        years = {n for n in numbers if re.fullmatch(r"(19|20)\d\d", n)}
        years -= {m.group(0) for m in re.finditer(r"\b(19|20)\d\d\b", question)}
        if not asked or not years:
            return ""
        # "when was the fieldwork done?" is dated by a sentence of its kind ("the team
        # administered a survey between July and November 2021") as well as by its words
        focus = question_focus(question)
        cues = focus.cue_stems if focus.names & KIND_FOCI else set()
        for year in sorted(years):
            holders = [s for s in evidence if year in s.feats.numbers]
            holders += [v for v in self._versions(holders) if v not in holders]
            if holders and not any(
                self._covered(asked, [s]) or cues & translations(set(s.stems)) for s in holders
            ):
                return year
        return ""


#: Words of a "when" question that say nothing of what is dated.
_WHEN_WORDS = frozenset(
    stem(w)
    for w in "when year years tahun kapan what which in done did was were dilakukan happen "
    "happened terjadi".split()
)


_NUMBER_WORD_VALUES = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "satu": "1", "dua": "2", "tiga": "3",
    "empat": "4", "lima": "5", "enam": "6", "tujuh": "7", "delapan": "8", "sembilan": "9",
    "sepuluh": "10", "seorang": "1",
}  # fmt: skip


def _counted_pairs(text: str) -> dict[str, set[str]]:
    """What each count of `text` counts: the stem of the word right after a number ("12
    pesantren" -> {"pesant": {"12"}}); years, shares and ranges are left out."""
    from cpassist.lexicon import number_key

    tokens = re.findall(r"[\w’'-]+(?:[.,]\d+)*%?", text)
    out: dict[str, set[str]] = {}
    for i, token in enumerate(tokens[:-1]):
        low = token.lower()
        value = _NUMBER_WORD_VALUES.get(low)
        if value is None and _NUMBER_TOKEN.fullmatch(token):
            if re.fullmatch(r"(19|20)\d\d", token):
                continue
            value = number_key(token)
        if value is None:
            continue
        following = tokens[i + 1]
        if following.lower() in STOPWORDS or not following[:1].isalpha():
            continue
        if following.lower() in ("percent", "persen", "per", "of", "dari", "out"):
            continue
        out.setdefault(stem(following.lower()), set()).add(value)
    return out


#: Units after a figure say how it is measured, not what it counts ("12-17 tahun", "4 days").
_UNITS = frozenset(
    stem(w)
    for w in "percent persen per tahun years year bulan months month minggu weeks week hari days "
    "day jam hours hour kali times kilometer km meter menit minutes rupiah rp".split()
)


#: Kinds of payment, each in both languages: an amount is of one kind ("upah" is no remittance).
_MONEY_KINDS = (
    frozenset("upah wage wages gaji salary salaries honor honorarium".split()),
    frozenset("kiriman remitansi remittance remittances".split()),
    frozenset("anggaran budget budgets".split()),
    frozenset("biaya cost costs fee fees ongkos".split()),
    frozenset("pendapatan penghasilan income earnings".split()),
    frozenset("harga price prices".split()),
    frozenset("tunjangan allowance allowances top-up cash tunai transfer transfers".split()),
    frozenset("utang hutang debt debts pinjaman loan loans".split()),
    frozenset("denda fine fines".split()),
)


def _money_kind_conflict(claim: str, grounding: Sequence[_Sentence]) -> str:
    """An amount of the claim that its grounding sentence gives as another kind of payment: "the
    average remittance ... is Rp850.000" where the sentence says "upah rata-rata Rp850.000" (a
    wage). The kind the claim names must be among the sentence's kinds. "" when none."""
    if not grounding or not _features(claim).numbers:
        return ""
    mine = {w.lower() for w in words(claim)}
    theirs = {w.lower() for g in grounding for w in words(g.text)}
    claimed = [k for k in _MONEY_KINDS if k & mine]
    said = [k for k in _MONEY_KINDS if k & theirs]
    if claimed and said and not any(k in said for k in claimed):
        return sorted(claimed[0] & mine)[0]
    return ""


def _counted_nouns_near(text: str) -> dict[str, set[str]]:
    """For each count of `text`, the stems of the up to three words after it that say what it
    counts ("40 pengasuh, dan" -> {"40": {"pengas"}}; "12 public junior schools" -> public, junior,
    school); years and shares are left out."""
    from cpassist.lexicon import number_key

    tokens = re.findall(r"[\w’'-]+(?:[.,]\d+)*%?", text)
    out: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        if not _NUMBER_TOKEN.fullmatch(token) or re.fullmatch(r"(19|20)\d\d", token):
            continue
        nouns: set[str] = set()
        for following in tokens[i + 1 : i + 4]:
            low = following.lower()
            if low in STOPWORDS or not following[:1].isalpha():
                break
            nouns.add(stem(low))
        if nouns and not nouns & _UNITS:
            out.setdefault(number_key(token), set()).update(nouns)
    return out


def _count_noun_dropped(claim: str, grounding: Sequence[_Sentence]) -> str:
    """A count of the claim whose grounding sentence says what it counts with words the claim
    never uses, in either language: "48 children, 40 of whom were migrant workers' children"
    where the sentence says "48 anak ..., 40 pengasuh". "" when none."""
    from cpassist.lexicon import shared_across
    from cpassist.lexicon import translations as full

    numbers = _features(claim).numbers
    if not numbers or not grounding:
        return ""
    said = {stem(w.lower()) for w in words(claim)}
    said |= full(said)
    for value, nouns in _counted_nouns_near(grounding[0].text).items():
        if value not in numbers:
            continue
        if not nouns & said and not shared_across(nouns, said) and not full(nouns) & said:
            return value
    return ""


def _count_conflict(claim: str, grounding: Sequence[_Sentence]) -> str:
    """A count the claim gives of something its grounding sentence counts differently: "trained
    ... from two pesantren" where the sentence that holds the claim's other figures says "dari 12
    pesantren". "" when none (or when the claim has one figure only)."""
    mine = _counted_pairs(claim)
    if not mine or not grounding or len(_features(claim).numbers) < 2:
        return ""
    theirs = _counted_pairs(grounding[0].text)
    for noun, values in mine.items():
        said = set().union(*(v for n, v in theirs.items() if n in translations({noun})))
        if said and values - said and not values & said:
            return f"{sorted(values - said)[0]} {noun}"
    return ""


#: Clause ends: a semicolon, a comma that is no decimal comma ("33,5%"), a conjunction.
_CLAUSE = re.compile(
    r";|(?<!\d),|,(?!\d)|\b(while|whereas|but|and|sedangkan|sementara|tetapi|namun|dan)\b", re.I
)


def _ordinal_number_conflict(claim: str, grounding: Sequence[_Sentence]) -> str:
    """A claim pairing an ordinal with a figure ("the second most common was bullying (21)") whose
    grounding sentence gives that ordinal in a clause with another figure ("kekerasan seksual
    menempati urutan kedua dengan 9 laporan") and the claim's figure elsewhere. "" when none."""
    from cpassist.lexicon import ORDINALS

    feats = _features(claim)
    wanted = {o for o in feats.ordinals if o < 99}
    if not wanted or not feats.numbers or not grounding:
        return ""
    text = grounding[0].text
    for clause in _CLAUSE.split(text):
        if not clause:
            continue
        ordinals = {ORDINALS.get(w.lower()) for w in words(clause)} & wanted
        if not ordinals:
            continue
        numbers = _features(clause).numbers
        if numbers and not numbers & feats.numbers and feats.numbers & _features(text).numbers:
            return sorted(feats.numbers & _features(text).numbers)[0]
    return ""
