"""Claim grounding: is what one answer sentence asserts found in the source sentences it rests on?

Contract: `ClaimChecker(sources, index, companions).check(claim, question="", cited=())` returns a
`Verdict`: `ok` (the claim may be shown under a citation), `score` (0-1 support), `grounding` (the
source sentences it rests on, as (0-based source index, sentence)), `reason` (why it was rejected,
empty when ok) and `exact` (the claim is one of its source sentences, verbatim). `companions[i]` are
other-language versions of source i (parallel passages): their sentences ground claims for source i.

How: the claim is matched to its best source sentence (multilingual embedding + shared words, with a
small id/en glossary across languages), plus a second sentence when that covers more of the claim
(a summary of two sentences), plus each one's other-language version. Then what the claim adds
beyond the question must be in those sentences: its content words (a share), and exactly its
numbers, ordinals, research methods, trends with their negation, universal quantifiers, causal links,
agents ("initiated by X"), who gives to whom ("A received help from B"), and names (in the source or
its title). A claim naming two studies must split into one clause per study, each grounded in its
own study. It does not generate, rewrite or drop anything itself: callers decide what to show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache

from cpassist.evidence import (
    STOPWORDS,
    EvidenceIndex,
    content_stems,
    named_terms,
    scaled_cosine,
    split_sentences,
    stem,
    strip_citations,
    words,
)
from cpassist.language import detect_language
from cpassist.lexicon import CAUSE_MARKER as _CAUSE_MARKER
from cpassist.lexicon import ORDINALS, Features, aim_object, features, has_aim, root
from cpassist.lexicon import translations as _translations
from cpassist.schema import Passage
from cpassist.verify import by_study, studies_named, study_names

#: A claim is accepted when its support reaches this and no assertion check fails.
ACCEPT_SUPPORT = 0.62
#: ... and at least this share of the content words it adds to the question are in its grounding.
MIN_COVERAGE = 0.6
#: A second sentence joins the grounding when it adds at least this many claim words.
SECOND_SENTENCE_GAIN = 1
#: A claim's numbers found in a source sentence add this share to its match score.
NUMBER_WEIGHT = 0.2
#: Added to the e5 cosine of a sentence in the other language than the claim's (as in extractive).
CROSS_LANGUAGE_COS = 0.06
#: Passage-side cosine above which two sentences of different languages are versions of each other.
PARALLEL_COS = 0.86


@dataclass
class Verdict:
    ok: bool
    score: float
    grounding: list[tuple[int, str]] = field(default_factory=list)
    reason: str = ""
    exact: bool = False


@dataclass
class _Sentence:
    source: int
    text: str
    language: str
    stems: set[str]
    feats: Features
    position: int


@lru_cache(maxsize=20_000)
def _features(text: str) -> Features:
    return features(text)


@lru_cache(maxsize=20_000)
def _roots(text: str) -> frozenset[str]:
    return frozenset(root(w) for w in words(text) if len(w) > 5)


@lru_cache(maxsize=20_000)
def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in words(text))


_AGENT = re.compile(
    r"\b([\w-]+)\s+(?:by|oleh)\s+((?:[\w-]+\s*){1,4})|"
    r"\b(initiat\w*|inisiasi|prakarsa\w*|diprakarsai|didirikan|founded)\s+(?:of|dari|from)\s+((?:[\w-]+\s*){1,4})",
    re.IGNORECASE,
)
_RECEIVE = re.compile(
    r"\b(receives?|received|receiving|gets?|got|obtains?|obtained|mendapat\w*|menerima|memperoleh)\b"
    r"(.{0,60}?)(?:\b(?:from|dari)\s+|\b(?:bantuan|dukungan)\s+)([A-Z][\w-]*)",
)
_GIVE = re.compile(
    r"(?<!receive )(?<!receives )(?<!received )(?<!wants )(?<!get )(?<!gets )(?<!mendapat )"
    r"\b(helps?|helping|helped|assists?|assisting|assisted|supports?|supporting|supported|aids?|"
    r"aided|membantu|mendukung|memberi\w*)\b(?!\s+(?:from|dari)\b)",
)


def edges(text: str, names: Set[str] = frozenset()) -> set[tuple[str, str]]:
    """(giver, receiver) pairs of actors in `text`: "B receives help from A" and "A helps B"."""
    out = set()
    for m in _RECEIVE.finditer(text):
        before = actors(text[: m.start()], names)
        if before:
            out.add((_actor(m.group(3)), before[-1]))
    for m in _GIVE.finditer(text):
        before = actors(text[: m.start()], names)
        after = actors(" ".join(words(text[m.end() :])[:3]), names)
        if before and after:
            out.add((before[-1], after[0]))
    return {(a, b) for a, b in out if a != b}


_ACTIVE_INIT = re.compile(
    r"\b(initiated|founded|started|launched|created|established|menginisiasi|memprakarsai|"
    r"mendirikan|memulai|meluncurkan|membentuk|membuat)\b"
)


def _self_given(text: str, names: Set[str] = frozenset()) -> bool:
    """ "ECPAT and Nepal both receive help from ECPAT": the giver is among the receivers."""
    for m in _RECEIVE.finditer(text):
        clause = re.split(r"[,;]|\b(?:while|whereas|sedangkan|serta)\b", text[: m.start()])[-1]
        if _actor(m.group(3)) in set(actors(clause, names)):
            return True
    return False


_PASSIVE_AUX = frozenset("was were is are be been being".split())


def _agents(text: str) -> list[tuple[str, set[str]]]:
    """(verb stem, agent stems) of "<verb> by X" / "initiation of X" / "X initiated" phrases."""
    out = []
    for m in _ACTIVE_INIT.finditer(text):
        # the actor phrase right before the verb, past one auxiliary or adverb ("The Indonesian
        # government initiated", "pemerintah Indonesia menginisiasi", "ECPAT has founded")
        tokens = words(re.split(r"[,;:]", text[: m.start()])[-1])
        passive = tokens[-1:] and tokens[-1].lower() in _PASSIVE_AUX
        if passive or re.match(r"\s+(by|oleh)\b", text[m.end() :], re.I):
            continue  # "was initiated by X": the agent is after the verb (below)
        end = len(tokens)
        if end and not _is_actor(tokens, end - 1, frozenset()):
            end -= 1
        begin = end
        while begin and _is_actor(tokens, begin - 1, frozenset()):
            begin -= 1
        stems = content_stems(" ".join(tokens[begin:end]))
        if stems:
            out.append((stem(m.group(1).lower()), stems))
    for m in _AGENT.finditer(text):
        verb, agent = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        stems = content_stems(agent)
        if stems:
            out.append((stem(verb), stems))
    return out


class ClaimChecker:
    """Checks claims against a fixed list of numbered sources (see the module docstring)."""

    def __init__(
        self,
        sources: Sequence[Passage],
        index: EvidenceIndex,
        companions: Mapping[int, Sequence[Passage]] | None = None,
    ) -> None:
        self.sources = list(sources)
        self.index = index
        self.study_names = study_names(self.sources)
        self._sentences: list[_Sentence] = []
        self._names: set[str] = set()
        self._claim_roots: dict[str, str] = {}
        self._claim_language = ""
        self._context: list[set[str]] = []  # per source: name stems of its text, title and study
        companions = companions or {}
        for i, source in enumerate(self.sources):
            context = {stem(w) for w in source.study.split("-")}
            for passage in [source, *companions.get(i, [])]:
                context |= {
                    stem(w)
                    for w in _split_hyphens(words(f"{passage.text} {passage.title}"))
                    if w[:1].isupper() or w.isdigit()
                }
                for j, text in enumerate(split_sentences(passage.text)):
                    if _KEYWORDS.match(text):
                        continue  # a keyword list asserts nothing
                    self._sentences.append(
                        _Sentence(
                            source=i,
                            text=text,
                            language=passage.language,
                            stems=set(_stems(text)),
                            feats=_features(text),
                            position=j,
                        )
                    )
            self._context.append(context)
        # names the sources use mid-sentence ("... antara Nepal dan ECPAT"): a claim opening with
        # one of them opens with an actor
        self._known: set[str] = set()
        lower: set[str] = set()
        for passage in [*self.sources, *(p for g in companions.values() for p in g)]:
            self._known |= named_terms(passage.text)
            lower |= {stem(w) for w in words(passage.text) if w[:1].islower()}
        self._known -= lower  # "Program" is a name in "Down to Zero Program", a word elsewhere

    # --- public ------------------------------------------------------------------------------
    def check(self, claim: str, question: str = "", cited: Sequence[int] = ()) -> Verdict:
        claim = strip_citations(claim)
        if not self._sentences or not content_stems(claim):
            return Verdict(False, 0.0, [], "nothing to check")
        named = studies_named(claim, self.study_names)
        if len(named) >= 2:
            parts = by_study(claim, self.study_names)
            if parts is None:
                return Verdict(False, 0.0, [], "names two studies in one statement")
            verdicts = [self._check_one(part, question, {study}) for study, part in parts.items()]
            bad = next((v for v in verdicts if not v.ok), None)
            if bad is not None:
                return bad
            return Verdict(
                True,
                min(v.score for v in verdicts),
                [g for v in verdicts for g in v.grounding],
                "",
                all(v.exact for v in verdicts),
            )
        return self._check_one(claim, question, named)

    # --- steps -------------------------------------------------------------------------------
    def _candidates(self, studies: set[str]) -> list[_Sentence]:
        if not studies:
            return self._sentences
        return [s for s in self._sentences if self.sources[s.source].study in studies]

    def _check_one(self, claim: str, question: str, studies: set[str]) -> Verdict:
        candidates = self._candidates(studies)
        if not candidates:
            return Verdict(False, 0.0, [], "no source of the study it names")
        key = _norm(claim)
        for s in candidates:
            if _norm(s.text) == key:
                return Verdict(True, 1.0, [(s.source, s.text)], "", exact=True)
        claim_stems = set(_stems(claim))
        language = detect_language(claim, default=candidates[0].language)
        self._claim_language = language
        self._names = _names(claim)
        self._claim_roots = {
            stem(w): root(w) for w in words(claim) if len(w) > 5 and w[:1].islower()
        }
        cosines = self.index.cosines(claim, [s.text for s in candidates])
        scored = []
        numbers = _features(claim).numbers
        for s, cos in zip(candidates, cosines, strict=True):
            if s.language == language:
                pool = s.stems
            else:
                pool = (translations if self._has_version(s) else _translations)(s.stems)
            lex = len(claim_stems & pool) / len(claim_stems)
            # the claim's numbers pick out the sentence it restates ("93 percent")
            shared = len(numbers & s.feats.numbers) / len(numbers) if numbers else 0.0
            if not self._has_version(s):  # a one-language document asked in the other language
                cos += CROSS_LANGUAGE_COS
            scored.append((0.5 * scaled_cosine(cos) + 0.5 * lex + NUMBER_WEIGHT * shared, cos, s))
        scored.sort(key=lambda t: -t[0])
        top_score, top_cos, best = scored[0]
        grounding = [best]
        novel = claim_stems - set(_stems(question))
        covered = self._covered(novel, grounding)
        for _, _, other in scored[1:8]:  # a second sentence when it covers more of the claim
            if (
                other.source != best.source
                and self.sources[other.source].study != self.sources[best.source].study
            ):
                continue
            gain = self._covered(novel, [*grounding, other]) - covered
            if len(gain) >= SECOND_SENTENCE_GAIN and other.text != best.text:
                grounding.append(other)
                covered |= gain
                break
        evidence = grounding + self._versions(grounding)
        coverage = len(self._covered(novel, evidence)) / len(novel) if novel else 1.0
        score = 0.5 * scaled_cosine(top_cos) + 0.5 * coverage
        found = [(s.source, s.text) for s in grounding]
        reason = self._assertion_problem(claim, question, evidence, grounding)
        if reason:
            return Verdict(False, round(score, 3), found, reason)
        if coverage < MIN_COVERAGE:
            return Verdict(
                False,
                round(score, 3),
                found,
                f"only {coverage:.0%} of what it says is in the source",
            )
        if score < ACCEPT_SUPPORT:
            return Verdict(False, round(score, 3), found, "no passage supports it")
        return Verdict(True, round(max(score, top_score), 3), found, "")

    def _has_version(self, sentence: _Sentence) -> bool:
        """Whether `sentence` is in the claim's language or has a version in it (its source has a
        parallel passage, or a companion holds text in that language)."""
        if sentence.language == self._claim_language:
            return True
        return bool(self.sources[sentence.source].parallel_ids) or any(
            s.source == sentence.source and s.language == self._claim_language
            for s in self._sentences
        )

    def _versions(self, grounding: Sequence[_Sentence]) -> list[_Sentence]:
        """The other-language version of each grounding sentence, when its source has one."""
        out = []
        for g in grounding:
            others = [
                s
                for s in self._sentences
                if s.source == g.source and s.language != g.language and s is not g
            ]
            if not others:
                continue
            vecs = self.index.doc_vectors([g.text, *[s.text for s in others]])
            sims = [sum(a * b for a, b in zip(vecs[0], v, strict=False)) for v in vecs[1:]]
            best = max(range(len(others)), key=sims.__getitem__)
            if sims[best] >= PARALLEL_COS:
                out.append(others[best])
        return out

    def _covered(self, novel: set[str], evidence: Sequence[_Sentence]) -> set[str]:
        """The claim stems in `novel` found in `evidence`: the same stem, its glossary equivalent,
        or a word of the same Indonesian root ("menjalin" ~ "terjalinnya")."""
        pool: set[str] = set()
        roots: set[str] = set()
        for s in evidence:
            # a sentence with no version in the claim's language (a one-language document
            # asked about in the other language) is bridged with the full glossary
            bridge = translations if self._has_version(s) else _translations
            pool |= bridge(s.stems)
            pool |= self._context[s.source] & self._names
            roots |= _roots(s.text)
        return {x for x in novel if x in pool or self._claim_roots.get(x, "") in roots}

    def _assertion_problem(
        self,
        claim: str,
        question: str,
        evidence: Sequence[_Sentence],
        grounding: Sequence[_Sentence],
    ) -> str:
        """Why the claim asserts something its evidence does not ("" when nothing)."""
        c = _features(claim)
        q = _features(question) if question else Features()
        ev = Features()
        for s in evidence:
            f = s.feats
            ev.numbers |= f.numbers
            ev.ordinals |= f.ordinals
            ev.methods |= f.methods
            ev.trends |= f.trends
            ev.universal |= f.universal
            ev.causal = ev.causal or f.causal
            ev.negated = ev.negated or f.negated
            ev.negated_stems |= translations(f.negated_stems)
        if c.numbers - ev.numbers:
            return f"number {sorted(c.numbers - ev.numbers)[0]} is not in the source"
        if c.ordinals - ev.ordinals or not self._ordinals_match(claim, grounding):
            return "the ordinal (first/second/third) does not match the source"
        study_methods = set().union(
            *(
                s.feats.methods
                for s in self._sentences
                if self.sources[s.source].study in {self.sources[g.source].study for g in grounding}
            )
        )
        if c.methods - ev.methods - study_methods:
            return f"method {sorted(c.methods - ev.methods)[0]!r} is not the source's"
        for trend in c.trends:
            if trend not in ev.trends:
                direction, neg = trend
                opposite = "up" if direction == "down" else "down"
                if (direction, not neg) in ev.trends or (opposite, neg) in ev.trends:
                    return "the trend is the opposite of the source's"
                return "a trend the source does not state"
        if (c.universal - q.universal) - ev.universal - {"only", "hanya"} or (
            {"only", "hanya"} & (c.universal - q.universal) - ev.universal
        ):
            return "generalises beyond the source (all/every/only)"
        anchor = [grounding[0], *self._versions(grounding[:1])]
        if c.causal and not q.causal and not self._causal_grounded(claim, question, grounding):
            return "a causal link the source does not make"
        if has_aim(claim):
            if not has_aim(question) and not any(has_aim(s.text) for s in evidence):
                return "an aim the source does not state"
            aimed = aim_object(claim) - set(_stems(question))
            ev_all = set().union(*(translations(s.stems) for s in evidence))
            if aimed and len(aimed & ev_all) < len(aimed) / 2:
                return "an aim the source does not state"
        problem = self._actor_problem(claim, question, anchor)
        if problem:
            return problem
        claim_stems = set(_stems(claim))
        ev_stems = set().union(*(translations(s.stems) for s in evidence)) if evidence else set()
        if c.negated:
            scope = translations(c.negated_stems & claim_stems)
            unfounded = not ev.negated or (scope & ev_stems and not scope & ev.negated_stems)
            echoed = q.negated and c.negated_stems <= translations(q.negated_stems)
            if unfounded and not echoed:
                return "a negation the source does not make"
        elif ev.negated and not c.negated:
            touched = ev.negated_stems & translations(claim_stems)
            if touched and touched & translations(set(_stems(claim))) - translations(
                set(_stems(question))
            ):
                return "the source says the opposite (negation)"
        for verb, agent in _agents(claim):
            verbs = _verb_forms(verb)
            # the source's own agents of that act ("the initiation of several INGOs") decide
            explicit = [
                a for s in evidence for v, a in _initiators(s.text) if _verb_forms(v) & verbs
            ]
            mine = [a for v, a in _initiators(claim) if v == verb]
            if explicit and mine:
                # the source's own initiators ("the initiation of several INGOs") decide
                ok = any(_aliases(mine[0]) <= _aliases(translations(a) | a) for a in explicit)
            else:
                ok = any(
                    agent <= translations(s.stems)
                    and (verbs & translations(s.stems) or verb in {"by", "oleh"})
                    for s in evidence
                )
            if not ok:
                return "the actor (by whom) is not the source's"
        if _self_given(claim, self._known):
            return "relates an actor to itself (A and B receive help from A)"
        claim_edges = edges(claim, self._known)
        if claim_edges:
            ev_edges = set().union(*(edges(s.text, self._known) for s in evidence))
            for giver, receiver in claim_edges:
                if (receiver, giver) in ev_edges and (giver, receiver) not in ev_edges:
                    return "who helps whom is reversed"
        kind = self._unfounded_kind(claim, question, evidence)
        if kind:
            return f"the source does not say its subject is a {kind!r}"
        phrase = self._unknown_name_phrase(claim, grounding)
        if phrase:
            return f"name {phrase!r} is not written so in the source"
        missing = self._missing_names(claim, question, grounding)
        if missing:
            return f"name {missing!r} is not in the source"
        return ""

    def _unfounded_kind(self, claim: str, question: str, evidence: Sequence[_Sentence]) -> str:
        """What kind of body a claim says its subject is ("ECPAT is a government agency"), when
        no evidence sentence naming that subject calls it so: a kind word there only as the one
        acted on ("advocacy to the government") does not count ("" when founded)."""
        m = _COPULA.match(claim)
        if not m:
            return ""
        head = [w for w in words(m.group(1)) if w.lower() not in STOPWORDS]
        if not head or not all(_actor_word(w) for w in head):
            return ""  # "The second role of ECPAT is ...": the subject is not the actor
        subj = {stem(w.lower()) for w in head} & self._known
        kinds = [w for w in words(_COPULA_END.sub("", m.group(2)).lower()) if w in _KIND_WORDS]
        kinds = [w for w in kinds if stem(w) not in set(_stems(question))]
        if not subj or not kinds:
            return ""
        for word in kinds:
            wanted = translations({stem(word)}) | {stem(word)}
            found = False
            for s in evidence:
                tokens = [t.lower() for t in _split_hyphens(words(s.text))]
                if not subj & {stem(t) for t in tokens}:
                    continue
                for k, t in enumerate(tokens):
                    if stem(t) in wanted and not set(tokens[max(0, k - 3) : k]) & _ACTED_ON:
                        found = True
            if not found:
                return word
        return ""

    def _causal_grounded(self, claim: str, question: str, grounding: Sequence[_Sentence]) -> bool:
        """A causal claim ("X because Y", "Y drives X") rests on one source sentence that makes a
        causal link (with the sentence before it when it opens with "This ..."), and each side of
        the claim's link is in it: at least half of its words, and its trends exactly."""
        marker = _CAUSE_MARKER.search(claim)
        sides = [claim[: marker.start()], claim[marker.end() :]] if marker else [claim]
        for g in grounding:
            group = [g, *self._versions([g])]
            if not any(s.feats.causal for s in group):
                continue
            if _PRONOUN_OPENING.match(g.text):
                group += self._previous(g)
            trends = set().union(*(s.feats.trends for s in group))
            ok = True
            for side in sides:
                stems = set(_stems(side))
                if stems and len(self._covered(stems, group)) < len(stems) / 2:
                    ok = False
                if not _features(side).trends <= trends:
                    ok = False
            if ok:
                return True
        return False

    def _previous(self, sentence: _Sentence) -> list[_Sentence]:
        """The sentence before `sentence` in its passage (and that one's other-language version)."""
        before = [
            s
            for s in self._sentences
            if s.source == sentence.source
            and s.language == sentence.language
            and s.position == sentence.position - 1
        ]
        return before + self._versions(before)

    def _actor_problem(self, claim: str, question: str, anchor: Sequence[_Sentence]) -> str:
        """The actors the claim opens with must be actors of a source clause it restates, and not
        the ones that clause does something to ("advocacy to the government")."""
        opening = subject(claim, self._known)
        if not opening:
            return ""
        wanted = translations(opening) | opening
        claim_stems = set(_stems(claim)) - wanted
        clauses = []
        for s in anchor:
            for clause in _CLAUSE_SPLIT.split(s.text):
                overlap = len(claim_stems & translations(set(_stems(clause))))
                if overlap >= 2:
                    clauses.append((overlap, clause))
        if not clauses:
            return ""

        def holds(clause: str) -> bool:
            present = set(actors(clause, self._known)) - recipients(clause)
            present |= translations(present)
            return all(translations({a}) & present or a in present for a in opening)

        if any(holds(c) for _, c in clauses):
            return ""
        best = max(clauses)[1]
        if wanted & recipients(best):
            return "who does what to whom is reversed"
        if not subject(best, self._known):
            return ""  # the source clause opens with no actor ("This problem ...") to compare with
        return f"the actor {sorted(opening)[0]!r} is not the one the source names"

    def _ordinals_match(self, claim: str, grounding: Sequence[_Sentence]) -> bool:
        """Each ordinal of the claim ("the second role is X") belongs to the source sentence that
        says X: of the sentences of the grounding's study that carry an ordinal, the one sharing
        most words with what follows the ordinal in the claim must carry the same ordinal."""
        tokens = words(claim.lower())
        marks = [(i, ORDINALS[t]) for i, t in enumerate(tokens) if t in ORDINALS]
        if not marks:
            return True
        study = self.sources[grounding[0].source].study
        ordered = [s for s in self._sentences if self.sources[s.source].study == study]
        carriers = [(s, self._ordinals_of(s)) for s in ordered]
        carriers = [(s, o) for s, o in carriers if o]
        for n, (i, value) in enumerate(marks):
            end = marks[n + 1][0] if n + 1 < len(marks) else len(tokens)
            window = content_stems(" ".join(tokens[i + 1 : end])) - _ROLE_WORDS
            if not window:  # "X is the third role": what is numbered comes before
                begin = marks[n - 1][0] + 1 if n else 0
                window = content_stems(" ".join(tokens[begin:i])) - _ROLE_WORDS
            if not window:
                continue
            scored = [(len(window & translations(s.stems)), o, s) for s, o in carriers]
            best = max((sc for sc, _, _ in scored), default=0)
            if best == 0:
                continue
            if not any(value in o for sc, o, _ in scored if sc == best):
                return False
            # "the third role, i.e. advocacy, is dissemination": words of another numbered item
            own = set().union(*(translations(s.stems) for sc, o, s in scored if value in o))
            for _, o, other in scored:
                if value not in o and len((window & translations(other.stems)) - own) >= 2:
                    return False
        return True

    def _ordinals_of(self, sentence: _Sentence) -> set[int]:
        if sentence.feats.ordinals:
            return set(sentence.feats.ordinals)
        return set().union(*(v.feats.ordinals for v in self._versions([sentence])))

    def _unknown_name_phrase(self, claim: str, grounding: Sequence[_Sentence]) -> str:
        """A multi-word name of the claim ("Local in the Global", "ECPAT Internasional") that no
        source of the grounding's study writes in that order ("" when all are found)."""
        studies = {self.sources[s.source].study for s in grounding}
        texts = [
            " " + " ".join(stem(w) for w in words(s.text)) + " "
            for s in self._sentences
            if self.sources[s.source].study in studies
        ]
        texts += [
            " " + " ".join(stem(w) for w in words(src.title)) + " "
            for src in self.sources
            if src.study in studies
        ]
        for m in _NAME_PHRASE.finditer(claim):
            tokens = words(m.group(0))
            if not m.start() and stem(tokens[0].lower()) not in self._known:
                tokens = tokens[1:]  # the sentence's first word, not a name
                while tokens and not tokens[0][:1].isupper():
                    tokens = tokens[1:]
            if sum(t[:1].isupper() for t in tokens) < 2:
                continue
            seq = " " + " ".join(stem(t) for t in tokens) + " "
            if not any(seq in t for t in texts):
                return m.group(0)
        return ""

    def _missing_names(self, claim: str, question: str, grounding: Sequence[_Sentence]) -> str:
        names = _names(claim) - named_terms(question)
        studies = {self.sources[s.source].study for s in grounding}
        context = set().union(
            *(c for i, c in enumerate(self._context) if self.sources[i].study in studies)
        )
        for name in sorted(names):
            if name not in context and not (translations({name}) & context):
                return name
        return ""


_COPULA = re.compile(
    r"^\s*((?:[\w’'-]+\s+){1,5}?)(?:is|are|was|were|adalah|merupakan|ialah)\s+"
    r"(?:not\s+|bukan\s+)?(?:a|an|the|one of the|sebuah|suatu|seorang|salah satu)?\s*"
    r"((?:[\w’'-]+\s*){1,4})",
    re.I,
)
_COPULA_END = re.compile(
    r"\b(that|which|who|with|in|of|for|to|by|from|at|on|yang|dengan|di|dari|untuk|dalam|oleh|"
    r"and|dan|as|sebagai|kepada|terhadap|bagi|pada|tentang|about|towards)\b.*",
    re.I,
)


#: Words naming what kind of body an actor is.
_KIND_WORDS = frozenset(
    "government governmental pemerintah state negara agency agencies lembaga badan instansi "
    "ministry kementerian ngo ngos ingo lsm organisation organization organisasi institution "
    "institusi company perusahaan private swasta".split()
)
#: A kind word right after these is what is acted on, not what the subject is.
_ACTED_ON = frozenset("to kepada with dengan bersama from dari advocate advokasi".split())


#: Stems of the verbs of founding or initiating, both languages (their agents are compared).
_INITIATION = frozenset(
    stem(w)
    for w in "initiated initiation inisiasi founded didirikan prakarsa started dimulai "
    "launched diluncurkan established created".split()
)


def _aliases(stems: set[str]) -> set[str]:
    return {_ACTOR_ALIASES.get(x, x) for x in stems}


def _initiators(text: str) -> list[tuple[str, set[str]]]:
    """(verb stem, actor stems) of the founding / initiating acts of `text`: the actor words
    only ("initiated by several INGOs to fight ..." -> ingo)."""
    out = []
    for verb, _ in _agents(text):
        if verb not in _INITIATION and not _verb_forms(verb) & _INITIATION:
            continue
        out.append(verb)
    if not out:
        return []
    found = []
    for m in _ACTIVE_INIT.finditer(text):
        tokens = words(re.split(r"[,;:]", text[: m.start()])[-1])
        after = re.match(r"\s+(?:by|oleh)\s+((?:[\w-]+\s*){1,5})", text[m.end() :], re.I)
        if after or (tokens[-1:] and tokens[-1].lower() in _PASSIVE_AUX):
            run = _run_after(words(after.group(1))) if after else []
        else:
            run = _run_before(tokens)
        if run:
            found.append((stem(m.group(1).lower()), content_stems(" ".join(run))))
    for m in re.finditer(
        r"\b(initiat\w*|inisiasi|prakarsa\w*|founded|didirikan|diprakarsai|diinisiasi)\s+"
        r"(?:of|dari|by|oleh)\s+((?:[\w-]+\s*){1,5})",
        text,
        re.I,
    ):
        run = _run_after(words(m.group(2)))
        if run:
            found.append((stem(m.group(1).lower()), content_stems(" ".join(run))))
    return found


def _actor_word(token: str) -> bool:
    low = token.lower()
    return low in _ACTOR_WORDS or (token[:1].isupper() and low not in STOPWORDS)


def _run_after(tokens: Sequence[str]) -> list[str]:
    """The actor words opening `tokens`, past up to two others ("several international NGOs")."""
    i = 0
    while i < len(tokens) and i < 2 and not _actor_word(tokens[i]):
        i += 1
    run = []
    while i < len(tokens) and _actor_word(tokens[i]):
        run.append(tokens[i])
        i += 1
    return run


def _run_before(tokens: Sequence[str]) -> list[str]:
    """The actor words ending `tokens`, past one auxiliary or adverb ("ECPAT has")."""
    end = len(tokens)
    if end and not _actor_word(tokens[end - 1]):
        end -= 1
    begin = end
    while begin and _actor_word(tokens[begin - 1]):
        begin -= 1
    return list(tokens[begin:end])


def _verb_forms(verb: str) -> set[str]:
    """A verb stem with its glossary equivalents and its Indonesian root ("mengin" ~ "inisia")."""
    forms = translations({verb}) | {verb}
    return forms | translations({root(f) for f in forms})


_ROLE_WORDS = {stem(w) for w in "role roles peran berperan step aspect factor faktor".split()}


def translations(stems: set[str]) -> set[str]:
    """Glossary equivalents for claim checking: the built-in core pairs only (see lexicon)."""
    return _translations(stems, core=True)


def _split_hyphens(tokens: list[str]) -> list[str]:
    return [part for t in tokens for part in t.split("-") if part]


def _names(text: str) -> set[str]:
    """Stems of the proper names and acronyms of `text` ("Nepal-ECPAT" is two names)."""
    out = set()
    for name in named_terms(text) | {stem(w) for w in words(text) if w.isupper() and len(w) > 2}:
        out |= {p for p in name.split("-") if len(p) > 1}
    return out


_KEYWORDS = re.compile(r"^\s*(kata kunci|keywords?)\s*:", re.IGNORECASE)
_PRONOUN_OPENING = re.compile(r"^\s*(this|these|it|such|hal ini|hal tersebut|ini)\b", re.I)
#: Capitalised words joined by small words: "Global in the Local", "ECPAT Indonesia".
_NAME_PHRASE = re.compile(r"[A-Z][\w-]*(?:\s+(?:in the\s+|of the\s+|of\s+|to\s+)?[A-Z][\w-]*)+")
_ACTOR_WORDS = frozenset(
    "government governments pemerintah state states negara ministry ministries kementerian ngo ngos "
    "ingo ingos lsm author penulis stakeholder stakeholders police polisi community masyarakat".split()
)
_CLAUSE_SPLIT = re.compile(
    r",?\s+\b(?:while|whereas|but|and then|sedangkan|sementara|serta|namun|dan juga)\b\s+|;\s+|,\s+dan\s+",
    re.I,
)
_RECIPIENT = re.compile(r"\b(?:kepada|to the)\s+([\w-]+)", re.I)
_NOT_SUBJECT = frozenset("to kepada of about tentang in di dari from on pada the".split())


#: One name per kind of actor across languages and spellings.
_ACTOR_ALIASES = {
    "ingo": "ngo", "ingos": "ngo", "ngos": "ngo", "lsm": "ngo", "negara": "state", "pemeri": "govern",
    "kement": "minist", "penuli": "author", "masyar": "commun", "polisi": "police",
}  # fmt: skip


def _actor(token: str) -> str:
    st = stem(token.lower().split("-")[0])
    return _ACTOR_ALIASES.get(st, st)


def _is_actor(tokens: Sequence[str], i: int, names: Set[str]) -> bool:
    t = tokens[i]
    low = t.lower()
    if low in _ACTOR_WORDS:
        return True
    if not t[:1].isupper() or low in STOPWORDS:
        return False
    # a capitalised first word is a name only when the sources use it as one ("Nepal ...")
    return i > 0 or t.isupper() or stem(low) in names


def subject(text: str, names: Set[str] = frozenset()) -> set[str]:
    """The actors of the phrase that opens `text` (within its first 6 words: "The Indonesian
    government", "ECPAT Indonesia"), unless it is the object of a preposition ("advocacy to the
    government") or names a study ("The Nepal study"); empty when there is none."""
    tokens = words(text)[:6]
    for i in range(len(tokens)):
        if not _is_actor(tokens, i, names):
            continue
        before = [t.lower() for t in tokens[max(0, i - 2) : i] if t.lower() != "the"]
        if before and before[-1] in _NOT_SUBJECT:
            return set()
        j = i
        while j + 1 < len(tokens) and _is_actor(tokens, j + 1, names):
            j += 1
        if j + 1 < len(tokens) and tokens[j + 1].lower() in ("study", "research", "studi"):
            return set()
        return {_actor(t) for t in tokens[i : j + 1]}
    return set()


def actors(text: str, names: Set[str] = frozenset()) -> list[str]:
    """The actors of `text` in order: proper names/acronyms and actor nouns (government, state,
    ministries, NGOs, author), as stems (aliases joined: INGO/LSM -> ngo, negara -> state)."""
    tokens = words(text)
    return [_actor(t) for i, t in enumerate(tokens) if _is_actor(tokens, i, names)]


def recipients(text: str) -> set[str]:
    return {
        _actor(m.group(1))
        for m in _RECIPIENT.finditer(text)
        if m.group(1).lower() in _ACTOR_WORDS or m.group(1)[:1].isupper()
    }
