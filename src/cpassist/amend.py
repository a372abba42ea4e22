"""Amendments the check step makes to a verified answer: a false premise corrected, a study the
question names but the answer left out added, an off-question answer recognised.

Contract: `correct_premise` leads the claims with what the studies say when the premise of a why /
yes-no question is contradicted or stated nowhere in a way the claim checker can tell (opposite
trend, negation, reversed roles, another ordinal, method or actor, a wrong kind of body, an end or
refusal, "only", a role or funding the document gives another: the sentence naming who funded it
leads), or a "most X ..." premise the studies give as a share under half
(`cpassist.majority`), one ranking first an item a list of the studies ranks lower
(`cpassist.ranked_lists`), or one comparing two groups the other way round from their shares
(`cpassist.comparisons`); `each_named_study` adds the best sentence of each named study no claim cites;
a sentence of the asked document that negates the premise's words (`cpassist.negated`) leads too;
`with_best_quote` adds the extractive answer's lead sentence when no verified sentence rests on it;
`misses_ordinal` tells when an answer to "and the second?" rests on no sentence carrying that place;
`addresses` tells whether claims share a content word with the question. It does not generate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cpassist.answer_type import is_recommendation
from cpassist.comparisons import compared_shares
from cpassist.evidence import EvidenceIndex
from cpassist.extractive import (
    FIGURES,
    PRONOUN_START,
    extractive_answer,
    list_lines,
    two_parts,
)
from cpassist.focus import premise_of, presumes_method_only
from cpassist.grounding import ClaimChecker
from cpassist.lexicon import features, shared_across, translations
from cpassist.majority import majority_share, names_kind
from cpassist.negated import asked_sentences, negated_premise, premise_words
from cpassist.ranked_lists import ranked_place
from cpassist.roles import roles_in
from cpassist.schema import Passage, VerificationReport
from cpassist.study_mix import about_named, studies_named, study_names
from cpassist.text import content_stems, named_terms, split_sentences
from cpassist.verify import Claim

#: Verdict reasons (grounding.ClaimChecker) that mean the studies do not say what a premise takes
#: for granted (they say the opposite, or something else of the same kind).
CONTRADICTIONS = (
    "the trend is the opposite",
    "the source says the opposite",
    "who helps whom is reversed",
    "the ordinal",
    "method ",
    "the actor",
    "the source does not say its subject is",
    "an end, stop or refusal",
    "a payment or funding",
    "a negation the source does not make",
    "a trend the source does not state",
    "generalises beyond the source",
    "number ",
    "where the research was done",
    "what the source recommends is stated as done",
)


def addresses(question: str, claims: Sequence[Claim]) -> bool:
    """Whether some claim shares a content word with the question (a verified but off-question
    answer, e.g. the methods when asked who initiated the programme, is replaced)."""
    stems = content_stems(question)
    return not stems or any(stems & content_stems(c.text) for c in claims)


def correct_premise(
    question: str,
    sources: Sequence[Passage],
    companions: dict[int, list[Passage]],
    claims: list[Claim],
    index: EvidenceIndex,
) -> tuple[list[Claim], bool]:
    """`claims` led by the source sentence that contradicts the premise of a why / yes-no question
    ("Why did cases fall?" when the study says they did not fall consistently), and whether it
    does. Only the verdicts in `CONTRADICTIONS` count, never a premise merely not found."""
    premise = premise_of(question)
    if not premise or not sources:
        return claims, False
    share = majority_share(premise, sources, index)  # "most X ...": the share the studies give
    if share is not None and share[2] >= 50:
        return claims, False  # "Sebagian besar pengasuh (72,4%) ...": so it is
    if share is not None and names_kind(premise):  # "most were girls": "41,3% perempuan"
        return _led_by(share[0], share[1], claims, premise, sources)
    compared = compared_shares(premise, sources)  # "more in Riau than in West Kalimantan"
    if compared is not None:
        if compared[2]:
            return claims, False  # the shares run the premise's way
        return _led_by(compared[0], compared[1], claims, premise, sources)
    ranked = ranked_place(premise, sources)  # "X was the most common": where a list ranks it
    if ranked is not None:
        if ranked[2] == 0:
            return claims, False  # first in the list: so it is
        return _led_by(ranked[0], ranked[1], claims, premise, sources)
    # a report calling the premise a mistaken assumption: the report asked about, not another
    asked = {id(p) for p in about_named(question, sources)}
    assumed = (
        None
        if presumes_method_only(question)
        else _contrary_assumption(premise, sources, lambda p: id(p) in asked)
    )
    if assumed:  # "Contrary to the common assumption that X, ...": the premise is that X
        source, sentence = assumed
        rest = [c for c in claims if c.text != sentence and not _echoes(c, premise, sources)]
        return [Claim(text=sentence, sources=[source]), *rest], True
    verdict = ClaimChecker(sources, index, companions).check(premise)
    contradicted = verdict.grounding and verdict.reason.startswith(CONTRADICTIONS)
    if (
        not verdict.ok
        and not contradicted
        and share is not None
        and len(shared_across(content_stems(premise), content_stems(share[1]))) >= 2
    ):
        # "kebanyakan ... selalu pakai helm": "Only 379 of the 1,197 riders (31.7%) ... always"
        return _led_by(share[0], share[1], claims, premise, sources)
    if not verdict.ok and not contradicted:
        negated = (
            None
            if presumes_method_only(question)
            else negated_premise(premise, sources, lambda p: id(p) in asked)
        )
        if negated:  # "Since the schools were randomly assigned": "... tidak dilakukan secara acak"
            return _led_by(negated[0], negated[1], claims, premise, sources)
    if (
        contradicted
        and verdict.reason.startswith("a trend the source does not state")
        and not _WHY.match(question)
        and _same_trend(premise, question, sources)
    ):  # "how did the number grow?" asks how, and "Jumlahnya bertambah menjadi 12 kelurahan ..."
        return claims, False  # states it ("why did it keep climbing?" stays a premise to check)
    if verdict.ok or not contradicted:
        if share is not None:  # the share of "most X ..." is under half (when nothing else)
            return _led_by(share[0], share[1], claims, premise, sources)
        return claims, False
    if presumes_method_only(question) and not verdict.reason.startswith("method "):
        return claims, False  # "Menurut survei di Makassar, di mana ...?" presumes a survey only
    if verdict.reason.startswith("number ") and not re.search(r"\d", premise):
        return claims, False  # "the two studies": a number word, not a figure the premise asserts
    source, sentence = verdict.grounding[0]
    if verdict.reason == "the source says the opposite (negation)":
        # the sentence that says "not" ("delapan dari dua belas sekolah tidak memiliki aturan
        # tertulis"), not a recommendation the grounding also holds
        source, sentence = next(
            ((i, s) for i, s in verdict.grounding if features(s).negated), (source, sentence)
        )
    elif is_recommendation(sentence, ""):  # what should be does not say what is
        source, sentence = next(
            ((i, s) for i, s in verdict.grounding if not is_recommendation(s, "")),
            (source, sentence),
        )
    if verdict.reason.startswith(("the trend", "a trend")):
        # the sentence stating the trend says otherwise, not the one that grounds the subject
        # ("KEKAR was launched in 2020", then "the number of children fell from 1.236 to 811")
        asserted = features(premise).trends
        flipped = {("up" if d == "down" else "down", n) for d, n in asserted}
        flipped |= {(d, not n) for d, n in asserted}
        running = [
            (i, s)
            for i, s in verdict.grounding
            if features(s).trends & flipped and not features(s).trends & asserted
        ]
        asked_stems = content_stems(premise) - named_terms(premise)

        def says(t: tuple[int, str]) -> int:  # the premise's words it holds ("no significant
            # change in cyberbullying" for "menurunkan cyberbullying secara signifikan"), and
            # whether it says how far ("fell from 36.9% ... to 28.4%"), not the background
            return len(asked_stems & translations(content_stems(t[1]))) + (
                len(FIGURES.findall(t[1])) >= 2
            )

        running.sort(key=lambda t: -says(t))
        other = _opposite_trend(premise, question, sources, index)
        if running and other and says(other) > says(running[0]):
            running.insert(0, other)  # the document's sentence says it better than the grounding
        source, sentence = (
            (
                running[0] if running else None
            )  # a grounding sentence whose trend runs the other way ...
            or other  # ... or the document's
            or next(((i, s) for i, s in verdict.grounding if features(s).trends), None)
            or (source, sentence)
        )
    elif features(premise).trends and not verdict.reason.startswith("method "):
        # "terus naik dari 2019 sampai 2023?" rejected for a figure or a year: the sentence whose
        # trend runs the other way says what is wrong ("lower than 68.4% in 2019")
        found = _opposite_trend(premise, question, sources, index)
        if found and features(found[1]).numbers & features(premise).numbers:  # a year it names
            source, sentence = found
    if verdict.reason.startswith("generalises beyond"):
        # "Why was Playen the worst for water?": the sentence giving Playen's own figure on water
        # ("Air tersedia ... di 10 dari 12 sekolah di Playen, tetapi hanya di 3 dari 10 ...")
        source, sentence = _of_the_name(premise, sources, source) or (source, sentence)
    if verdict.reason.startswith("a payment or funding") or _PAID.search(premise):
        # "Since it was paid for out of the district budget": the sentence naming who funded it
        # ("didanai oleh Yayasan Bahari Cendekia"), of the document the grounding is from
        source, sentence = _funding_sentence(premise, sources, source, index) or (source, sentence)
    if verdict.reason.startswith("method ") or features(premise).methods - {"documents"}:
        # a premise about the method is answered by the sentence naming the study's own method
        source, sentence = _method_sentence(question, sources, index) or (source, sentence)
    return _led_by(source, sentence, claims, premise, sources)


def _led_by(
    source: int, sentence: str, claims: list[Claim], premise: str, sources: Sequence[Passage]
) -> tuple[list[Claim], bool]:
    """`claims` led by the source sentence that says otherwise than `premise`, none repeating it;
    an item of a list comes with the list's lead and the items before it ("Children lived with:",
    "Grandparents: 46.3%", "Aunts or uncles: 34.5%")."""
    own = sentence in split_sentences(sources[source].text)  # not the other-language version
    if not own:
        return claims, bool(claims)
    lead = [Claim(text=t, sources=[source]) for t in _up_to_item(sentence, sources[source].text)]
    said = {c.text for c in lead}
    if claims:  # the answer is what the studies say instead, led by the sentence that says so
        # the sentence that says otherwise comes first; no claim repeats the premise
        rest = [c for c in claims if c.text not in said and not _echoes(c, premise, sources)]
        # what another document says is no part of the correction ("None of the children ...
        # reported it to the police" is not followed by another report's case counts)
        study = sources[source].study
        rest = [c for c in rest if any(sources[i].study == study for i in c.sources)]
        return [*lead, *rest], True
    return lead, True


def _up_to_item(sentence: str, text: str) -> list[str]:
    """`sentence`, or, when it is an item of a list in `text`, the list's lead and its items up
    to `sentence`."""
    sentences = split_sentences(text)
    listed = list_lines(text)
    if sentence not in listed:
        at = sentences.index(sentence) if sentence in sentences else 0
        if at > 0 and PRONOUN_START.match(sentence):  # "This is lower than 68.4% in 2019": with
            return sentences[at - 1 : at + 1]  # the sentence its "this" stands for
        return [sentence]
    at = sentences.index(sentence)
    start = at
    while start > 0 and sentences[start - 1] in listed:
        start -= 1
    if start > 0 and sentences[start - 1].rstrip().endswith(":"):
        return sentences[start - 1 : at + 1]
    return [sentence]


#: A report saying what was assumed and is not so: "Bertentangan dengan anggapan umum bahwa X",
#: "Contrary to the common assumption that X", "It is often assumed that X", "had expected X".
_ASSUMED = re.compile(
    r"\b(?:bertentangan|berlawanan|berbeda) dengan (?:anggapan|asumsi|dugaan|harapan)"
    r"(?: umum| banyak pihak)?(?: bahwa)?\s+(?P<id>[^,;]+)|"
    r"\bcontrary to (?:the )?(?:common |popular |widespread )?(?:assumption|belief|expectation|"
    r"view)s?(?: that)?\s+(?P<en>[^,;]+)|"
    r"\b(?:it is|it was) (?:often |commonly |widely )?(?:assumed|believed|expected) that\s+"
    r"(?P<en2>[^.;]+)|\bhad expected\s+(?P<en3>[^.;]+)|"
    r"\b(?:sering|umumnya|banyak yang) (?:dianggap|diasumsikan|diduga) bahwa\s+(?P<id2>[^.;]+)",
    re.I,
)
#: Share of a premise's words (beyond its names) an assumption must hold to be that premise (and
#: two words at least): "pregnancy ... dispensation" of "pregnancy was the top reason given in the
#: dispensation cases".
ASSUMED_SHARE = 1 / 3


def _contrary_assumption(
    premise: str, sources: Sequence[Passage], asked: Callable[[Passage], bool] = lambda p: True
) -> tuple[int, str] | None:
    """The source sentence that names the premise as a mistaken assumption ("Bertentangan dengan
    anggapan umum bahwa sebagian besar dispensasi diajukan karena kehamilan, ..." for "Since
    pregnancy was the top reason ..."), with its source index; None when none does."""
    wanted = premise_words(premise)
    if len(wanted) < 2:
        return None
    for i, _, sentence in asked_sentences(sources, asked):
        m = _ASSUMED.search(sentence)
        if not m:
            continue
        assumption = next(g for g in m.groups() if g)
        said = translations(content_stems(assumption))
        shared = (wanted & said) | shared_across(wanted, content_stems(assumption))
        if len(shared) >= max(2, ASSUMED_SHARE * len(wanted)):
            return i, sentence
    return None


#: Share of a premise's words a claim holding a figure repeats to be restating the premise.
ECHO_SHARE = 0.5


def _echoes(claim: Claim, premise: str, sources: Sequence[Passage]) -> bool:
    """Whether a generated `claim` restates the contradicted premise ("41,2% of cases cited
    pregnancy as the top reason" for "pregnancy was the top reason"): it shares at least half of
    the premise's words beyond its names, negates nothing and is no sentence of its sources."""
    wanted = content_stems(premise) - named_terms(premise)
    text = claim.text
    if len(wanted) < 2 or features(text).negated:
        return False
    if any(text in split_sentences(sources[i].text) for i in claim.sources if i < len(sources)):
        return False  # a quote says what the source says
    return len(wanted & translations(content_stems(text))) >= ECHO_SHARE * len(wanted)


def _same_trend(premise: str, question: str, sources: Sequence[Passage]) -> bool:
    """Whether a sentence of the asked document states the premise's trend (same direction, not
    negated) and shares a content word with it, read with the sentence before it ("PATBM pertama
    kali dibentuk ... di empat kelurahan. Jumlahnya bertambah menjadi 12 kelurahan ...")."""
    asserted = features(premise).trends
    if not asserted:
        return False
    asked = {id(p) for p in about_named(question, sources)}
    wanted = translations(content_stems(premise) - named_terms(premise))
    for p in sources:
        if id(p) not in asked:
            continue
        sentences = split_sentences(p.text)
        for j, sentence in enumerate(sentences):
            read = " ".join(sentences[max(0, j - 1) : j + 1])
            if features(sentence).trends & asserted and translations(content_stems(read)) & wanted:
                return True
    return False


#: A question asking why (its premise is checked), not how something changed.
_WHY = re.compile(r"\s*(why|kenapa|mengapa|knp|ngapain)\b", re.I)
#: A premise of a steady trend: any turn the other way contradicts it.
_STEADY = re.compile(
    r"\b(keep|keeps|kept|continu\w*|every year|each year|year after year|steadily|consistently|"
    r"terus|selalu|setiap tahun|tiap tahun|konsisten|terus-menerus)\b",
    re.I,
)


def _opposite_trend(
    premise: str, question: str, sources: Sequence[Passage], index: EvidenceIndex
) -> tuple[int, str] | None:
    """The source sentence of the asked document closest to `premise` whose trend runs the other
    way ("requests kept rising" -> "Jumlah permohonan ... menurun dari 452 perkara pada 2021"),
    sharing a content word, figure or year with it; None when there is none."""
    asserted = features(premise).trends
    if not asserted:
        return None
    flipped = {("up" if d == "down" else "down", neg) for d, neg in asserted}
    flipped |= {(d, not neg) for d, neg in asserted}
    asked = {id(p) for p in about_named(question, sources)}
    wanted = translations(content_stems(premise)) | features(premise).numbers
    # "kept declining every year": "dropped in 2020, then rose ..." says otherwise too
    steady = bool(_STEADY.search(premise))
    found = [
        (i, s)
        for i, p in enumerate(sources)
        if id(p) in asked
        for s in split_sentences(p.text)
        if features(s).trends & flipped
        and (steady or not features(s).trends & asserted)
        and (translations(content_stems(s)) | features(s).numbers) & wanted
    ]
    if not found:
        return None
    # the sentence saying most of the premise's words (across languages too), then the closest
    cosines = index.cosines(premise, [s for _, s in found])
    said = [
        len(shared_across(content_stems(premise), content_stems(s)))
        + (len(FIGURES.findall(s)) >= 2)  # "fell from 36.9% ... to 28.4%" says how far
        for _, s in found
    ]
    return found[max(range(len(found)), key=lambda k: (said[k], cosines[k]))]


def _method_sentence(
    question: str, sources: Sequence[Passage], index: EvidenceIndex
) -> tuple[int, str] | None:
    """The source sentence closest to `question` that names a research method, from the study
    the question names when it names one; None when no source names a method."""
    named = studies_named(question, study_names(sources))
    found = [
        (i, s)
        for i, p in enumerate(sources)
        if not named or p.study in named
        for s in split_sentences(p.text)
        if features(s).methods
    ]
    if not found:
        return None
    # a design or an instrument ("quasi-experimental", "questionnaire") before documents, which
    # every report mentions ("reports", "laporan")
    strong = [(i, s) for i, s in found if features(s).methods - {"documents"}]
    found = strong or found
    cosines = index.cosines(question, [s for _, s in found])
    return found[max(range(len(found)), key=cosines.__getitem__)]


def _of_the_name(premise: str, sources: Sequence[Passage], grounded: int) -> tuple[int, str] | None:
    """The sentence of the grounded document naming what `premise` singles out by name (not a
    name of the document's title) with a figure, sharing the most of the premise's other words;
    None when the premise names nothing of that kind or no such sentence shares a word."""
    study = sources[grounded].study
    title = {w.lower() for w in named_terms(sources[grounded].title)}
    names = {w.lower() for w in named_terms(premise)} - title
    if not names:
        return None
    asked = content_stems(premise) - named_terms(premise)
    best, found = 0, None
    for i, p in enumerate(sources):
        if p.study != study:
            continue
        for s in split_sentences(p.text):
            said = content_stems(s)
            if not names & {w.lower() for w in said} or not FIGURES.search(s):
                continue
            shared = len(shared_across(asked, said)) + len(asked & said)
            if shared > best:
                best, found = shared, (i, s)
    return found


#: A premise saying who paid: "paid for out of the district budget", "didanai APBD".
_PAID = re.compile(
    r"\b(paid for|funded|financed|sponsored|didanai|dibiayai|dibayar|pendanaan)\b", re.I
)


def _funding_sentence(
    premise: str, sources: Sequence[Passage], grounded: int, index: EvidenceIndex
) -> tuple[int, str] | None:
    """The sentence of the grounded document that says who funded it, closest to `premise`; None
    when that document says it nowhere (a recommendation to fund it says nothing of who did)."""
    study = sources[grounded].study
    found = [
        (i, s)
        for i, p in enumerate(sources)
        if p.study == study
        for s in split_sentences(p.text)
        if any(role == "funded" for role, _ in roles_in(s)) and not is_recommendation(s, "")
    ]
    if not found:
        return None
    cosines = index.cosines(premise, [s for _, s in found])
    return found[max(range(len(found)), key=cosines.__getitem__)]


def each_named_study(
    question: str,
    sources: Sequence[Passage],
    claims: list[Claim],
    report: VerificationReport,
    index: EvidenceIndex,
) -> list[Claim]:
    """`claims` plus the best evidence sentence of each study the question names that no
    verified sentence cites (a cross-study question answered for one study only)."""
    named = studies_named(question, study_names(sources))
    cited = {sources[i].study for c in claims for i in c.sources}
    added = []
    for study in sorted(named - cited):
        own = [i for i, s in enumerate(sources) if s.study == study]
        extra = extractive_answer(question, [sources[i] for i in own], index, 1)
        added += [Claim(text=c.text, sources=[own[i] for i in c.sources]) for c in extra]
    if added:
        note = f"added the best evidence sentence of {len(added)} study(ies) the answer left out"
        report.reason = "; ".join(x for x in (report.reason, note) if x)
    return claims + added


def _figures(text: str) -> set[str]:
    """The numbers of `text` as `features` normalises them ("61%" -> "61")."""
    return set(features(text).numbers)


def misses_ordinal(
    question: str,
    hits: Sequence[Passage],
    claims: list[Claim],
    report: VerificationReport,
    index: EvidenceIndex,
) -> bool:
    """Whether a question asking for one place of a ranking ("and what came second?") got an
    answer resting on no sentence that carries that place, while the extractive answer over every
    hit has one ("2. Short-term and uncertain funding", "Posisi kedua ditempati ..."): a small
    model that names the first and third items has answered another question."""
    from cpassist.focus import LAST, question_focus

    wanted = question_focus(question).ordinal
    if not wanted or wanted == LAST or not claims:
        return False
    covered = {c.text for c in claims} | {
        g for check in report.sentences if check.status != "dropped" for g in check.grounding
    }
    for c in extractive_answer(question, hits, index):
        if wanted in _places(c.text, [hits[i] for i in c.sources if i < len(hits)]):
            return c.text not in covered
    return False


def _places(sentence: str, passages: Sequence[Passage]) -> set[int]:
    """The ordinals `sentence` carries: its own words ("second, ...", "Posisi kedua") or the
    number of the list line it is in one of `passages` ("2. Short-term ...")."""
    out = {o for o in features(sentence).ordinals if o < 99}
    for p in passages:
        m = re.search(rf"^[ \t]*(\d{{1,2}})[.)][ \t]+{re.escape(sentence)}", p.text, re.M)
        if m:
            out.add(int(m.group(1)))
    return out


def with_best_quote(
    question: str,
    sources: Sequence[Passage],
    hits: Sequence[Passage],
    claims: list[Claim],
    report: VerificationReport,
    index: EvidenceIndex,
) -> tuple[list[Claim], list[Passage]]:
    """`claims` plus the sentences the extractive answer over every hit leads with (the best of
    each part of a two-part question, a list's items with their lead) that no kept sentence rests
    on, quoted: what a small model left out ("... and what came second?") is shown in the source's
    words. Only a sentence with a figure the claims lack, or a word of a two-part question's second
    part, is added.
    Returns the claims and `sources` with the passages they newly cite appended."""
    from cpassist.compose import quoted_report

    covered = {c.text for c in claims} | {
        g for check in report.sentences if check.status != "dropped" for g in check.grounding
    }
    best = [c for c in extractive_answer(question, hits, index, 1) if c.text not in covered]
    said = set().union(set(), *(_figures(c.text) for c in claims))
    parts = two_parts(question)
    # what adds: a figure the answer lacks, or for a two-part question a word of its second part
    # ("... and which other districts do they cover?": "Kabupaten Banyuasin")
    second = content_stems(parts[1]) - named_terms(parts[1]) if parts else set()
    best = [
        c for c in best if _figures(c.text) - said or shared_across(second, content_stems(c.text))
    ]
    # only from a document the answer rests on: another report's sentence adds nothing to it
    # ("The three most frequently cited reasons were family poverty ..." of a study of child
    # domestic workers, after the menstruation study's list)
    answered = {sources[i].study for c in claims for i in c.sources if i < len(sources)}
    if answered:
        best = [c for c in best if all(hits[i].study in answered for i in c.sources)]
    if not best:
        return claims, list(sources)
    out = list(sources)
    place = {p.chunk_id: i for i, p in enumerate(out)}
    added = []
    for c in best:
        cited = []
        for i in c.sources:
            if hits[i].chunk_id not in place:
                place[hits[i].chunk_id] = len(out)
                out.append(hits[i])
            cited.append(place[hits[i].chunk_id])
        added.append(Claim(text=c.text, sources=cited))
    report.sentences += quoted_report(added).sentences
    note = f"quoted {len(added)} evidence sentence(s) the answer did not rest on"
    report.reason = "; ".join(x for x in (report.reason, note) if x)
    return claims + added, out
