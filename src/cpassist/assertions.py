"""The assertion checks of claim grounding: what a claim asserts (numbers, ordinals, methods,
trends and negation, universals, causes, aims, actors and their acts, names) must be in its
evidence sentences.

Contract: `AssertionChecks` is mixed into `grounding.ClaimChecker`, whose sentence index
(`_sentences`, `sources`, `_known`, `_context`, `_versions`, `_covered`) it reads;
`_assertion_problem` returns why a claim asserts something its evidence does not ("" when
nothing). It does not match claims to sentences or score them.
"""

from __future__ import annotations

from collections.abc import Sequence

from cpassist.actors import (
    ACTED_ON,
    CLAUSE_SPLIT,
    COPULA,
    COPULA_END,
    KIND_WORDS,
    actor_word,
    actors,
    agents,
    aliases,
    edges,
    initiators,
    recipients,
    self_given,
    split_hyphens,
    subject,
    translations,
    verb_forms,
)
from cpassist.answer_type import is_recommendation, proposes
from cpassist.bare_figures import bare_figure_misplaced
from cpassist.claim_text import _features, _Sentence, _stems
from cpassist.claim_words import (
    _CONDUCTED,
    _DESCRIBES,
    _ENDED,
    _EVALUATIVE,
    _PAID,
    _PRONOUN_OPENING,
    _PURPOSE,
    _STUDY_AIM,
    _STUDY_FOCUS,
    _STUDY_SENTENCE,
    _opposite_side,
    _roots_of,
    _translated_words,
)
from cpassist.figures import (
    FigureChecks,
    _count_conflict,
    _count_noun_dropped,
    _money_kind_conflict,
    _neighbour_number,
    _number_owner_missing,
    _ordinal_number_conflict,
    figure_of_changed_condition,
    year_figure_conflict,
)
from cpassist.lexicon import CAUSE_MARKER as _CAUSE_MARKER
from cpassist.lexicon import Features, aim_object, has_aim, universal_kinds
from cpassist.name_checks import NameChecks
from cpassist.roles import misassigned_role
from cpassist.schema import Passage
from cpassist.superlatives import ranked_kind_missing, superlative_misplaced
from cpassist.text import STOPWORDS, content_stems, root, stem, words


class AssertionChecks(NameChecks, FigureChecks):
    """The assertion checks (see the module docstring); mixed into `ClaimChecker`."""

    sources: list[Passage]
    _sentences: list[_Sentence]
    _known: set[str]
    _context: list[set[str]]
    _claim_language: str

    def _focus_elsewhere(self, claim: str, question: str, evidence: Sequence[_Sentence]) -> bool:
        """ "The study focuses on X" where X is what a programme or an actor aims at: some
        evidence sentence that is not about the study covers more of X than any sentence of the
        cited studies about the study itself."""
        focus = _STUDY_FOCUS.search(claim)
        if not focus:
            return False
        after = [w for w in words(claim[focus.end() :])[:5] if w[:1].islower()]
        obj = content_stems(" ".join(after)) - set(_stems(question))
        if not obj:
            return False
        studies = {self.sources[s.source].study for s in evidence}
        about = [
            s
            for s in self._sentences
            if self.sources[s.source].study in studies and _STUDY_SENTENCE.search(s.text)
        ]
        own = max((len(obj & translations(s.stems)) for s in about), default=0)
        other = max(
            (
                len(obj & translations(s.stems))
                for s in evidence
                if not _STUDY_SENTENCE.search(s.text)
            ),
            default=0,
        )
        return other > own and own < len(obj)

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
        owner = _number_owner_missing(claim, question, evidence)
        if owner:
            return f"number {owner[0]} belongs to {owner[1]!r} in the source"
        counted = self._number_elsewhere(claim, question, c.numbers, evidence)
        if counted:
            return f"number {counted} counts something else in the source"
        dated = self._year_elsewhere(claim, question, c.numbers, evidence)
        if dated:
            return f"year {dated} dates something else in the source"
        year_conflict = year_figure_conflict(claim, [s.text for s in evidence])
        if year_conflict:
            figure, year, other = year_conflict
            return f"number {figure} is what the source gives for {other}, not for {year}"
        neighbour = _neighbour_number(claim, c.numbers, evidence)
        if neighbour:
            return f"number {neighbour} is said of what the source says of another number"
        misplaced = _ordinal_number_conflict(claim, grounding)
        if misplaced:
            return f"number {misplaced} is not what the source ranks at that place"
        bare = bare_figure_misplaced(
            claim,
            question,
            [s.text for s in evidence],
            {self.sources[s.source].title for s in evidence},
        )
        if bare:
            return f"number {bare} is said of something else than what the question asks"
        kind = ranked_kind_missing(claim, " ".join(g.text for g in grounding)) if grounding else ""
        if kind:
            return f"the source ranks something else than {kind!r}"
        ranked = superlative_misplaced(claim, question, grounding[0].text) if grounding else ""
        if ranked:
            return f"number: the source ranks a larger share above {ranked!r}"
        changed = figure_of_changed_condition(claim, c.numbers, grounding)
        if changed:
            return f"number {changed} is what the source changes under that condition"
        joined = self._figure_joined(claim, question, c.numbers, grounding)
        if joined:
            return f"number {joined} is joined to what the source says of another figure"
        paid = _money_kind_conflict(claim, grounding)
        if paid:
            return f"number: {paid!r} counts something else in the source"
        dropped = _count_noun_dropped(claim, grounding)
        if dropped:
            return f"number {dropped} counts something else in the source"
        conflict = _count_conflict(claim, grounding)
        if conflict:
            return f"the source gives another count than {conflict!r}"
        if (
            grounding
            and is_recommendation(grounding[0].text)
            and not proposes(claim)
            and not proposes(question)
        ):
            return "what the source recommends is stated as done"
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
        if (
            _ENDED.search(claim)
            and not _ENDED.search(question)
            and not any(_ENDED.search(s.text) for s in evidence)
        ):
            return "an end, stop or refusal the source does not state"
        if (
            _PAID.search(claim)
            and not _PAID.search(question)
            and not any(_PAID.search(s.text) for s in evidence)
        ):
            return "a payment or funding the source does not state"
        # compared by meaning across languages ("most" ~ "paling", "all" ~ "semua")
        c_u, q_u, ev_u = (universal_kinds(x.universal) for x in (c, q, ev))
        if (c_u - q_u) - ev_u - {"only"} or ({"only"} & (c_u - q_u) - ev_u):
            return "generalises beyond the source (all/every/only)"
        anchor = [grounding[0], *self._versions(grounding[:1])]
        swapped = _opposite_side(claim, question, evidence)
        if swapped:
            return f"the source says the opposite ({swapped})"
        purpose = _PURPOSE.search(claim)
        if purpose and not _PURPOSE.search(question):
            verb = purpose.group(2).lower()
            if not any(
                self._covered({stem(verb)}, [s]) or root(verb) in _roots_of(s.text)
                for s in evidence
            ):
                return "a purpose the source does not state"
        if c.causal and not q.causal and not self._causal_grounded(claim, question, grounding):
            return "a causal link the source does not make"
        if has_aim(claim):
            study_aims = [
                s.text
                for s in evidence
                if _STUDY_SENTENCE.search(s.text) and (has_aim(s.text) or _DESCRIBES.search(s.text))
            ]
            if (
                not has_aim(question)
                and not study_aims
                and not any(has_aim(s.text) for s in evidence)
            ):
                return "an aim the source does not state"
            if _STUDY_AIM.search(claim) and not study_aims:
                return "an aim of the study the source gives to something else"
            aimed = aim_object(claim) - set(_stems(question))
            ev_all = set().union(*(translations(s.stems) for s in evidence))
            if aimed and len(aimed & ev_all) < len(aimed) / 2:
                return "an aim the source does not state"
        if self._focus_elsewhere(claim, question, evidence):
            return "a focus of the study the source gives to something else"
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
        for verb, agent in agents(claim):
            verbs = verb_forms(verb)
            # the source's own agents of that act ("the initiation of several INGOs") decide
            explicit = [a for s in evidence for v, a in initiators(s.text) if verb_forms(v) & verbs]
            mine = [a for v, a in initiators(claim) if v == verb]
            if explicit and mine:
                # the source's own initiators ("the initiation of several INGOs") decide
                ok = any(aliases(mine[0]) <= aliases(translations(a) | a) for a in explicit)
            else:
                ok = any(
                    agent <= translations(s.stems)
                    and (verbs & translations(s.stems) or verb in {"by", "oleh"})
                    for s in evidence
                )
            if not ok:
                return "the actor (by whom) is not the source's"
        # the role the report gives an organisation, in any sentence of the grounding's study
        # ("funded by the Andalas Children's Fund, and implemented by Yayasan Rumah Belajar
        # Minang": Yayasan Rumah Belajar Minang did not fund it)
        studies = {self.sources[s.source].study for s in evidence}
        wrong = misassigned_role(
            claim, [s.text for s in self._sentences if self.sources[s.source].study in studies]
        )
        if wrong:
            return f"the actor {wrong[1]!r} {wrong[2]} it; another {wrong[0]} it in the source"
        if self_given(claim, self._known):
            return "relates an actor to itself (A and B receive help from A)"
        claim_edges = edges(claim, self._known)
        if claim_edges:
            # who gives to whom anywhere in the grounding's study, not only in the matched
            # sentences ("Nepal gave money to ECPAT" may match a sentence about something else)
            studies = {self.sources[s.source].study for s in evidence}
            study_sentences = [
                s for s in self._sentences if self.sources[s.source].study in studies
            ]
            ev_edges = set().union(
                *(edges(s.text, self._known) for s in [*evidence, *study_sentences])
            )
            for giver, receiver in claim_edges:
                if (receiver, giver) in ev_edges and (giver, receiver) not in ev_edges:
                    return "who helps whom is reversed"
        judged = {w.lower() for w in words(claim) if w.lower() in _EVALUATIVE} - {
            w.lower() for w in words(question)
        }
        if judged:
            said = {w.lower() for s in evidence for w in words(s.text)}
            if judged - said - _translated_words(said):
                return f"an evaluation the source does not make ({sorted(judged - said)[0]!r})"
        place = _CONDUCTED.search(claim)
        if place and not _CONDUCTED.search(question):
            where = {stem(w.lower()) for w in words(place.group(3)) if w[:1].isupper()}
            if where and not any(
                _CONDUCTED.search(s.text) and where & {stem(w.lower()) for w in words(s.text)}
                for s in evidence
            ):
                return "where the research was done is not the source's"
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
        m = COPULA.match(claim)
        if not m:
            return ""
        head = [w for w in words(m.group(1)) if w.lower() not in STOPWORDS]
        if not head or not all(actor_word(w) for w in head):
            return ""  # "The second role of ECPAT is ...": the subject is not the actor
        subj = {stem(w.lower()) for w in head} & self._known
        kinds = [w for w in words(COPULA_END.sub("", m.group(2)).lower()) if w in KIND_WORDS]
        kinds = [w for w in kinds if stem(w) not in set(_stems(question))]
        if not subj or not kinds:
            return ""
        for word in kinds:
            wanted = translations({stem(word)}) | {stem(word)}
            found = False
            for s in evidence:
                tokens = [t.lower() for t in split_hyphens(words(s.text))]
                if not subj & {stem(t) for t in tokens}:
                    continue
                for k, t in enumerate(tokens):
                    if stem(t) in wanted and not set(tokens[max(0, k - 3) : k]) & ACTED_ON:
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
            for clause in CLAUSE_SPLIT.split(s.text):
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
        opener = subject(best, self._known)
        if not opener:
            return ""  # the source clause opens with no actor ("This problem ...") to compare with
        said = translations(opener) | opener
        if all(translations({a}) & said or a in said for a in opening) or all(
            translations({a}) & wanted or a in wanted for a in opener
        ):
            return ""  # it opens with the claim's own actors ("Teman Sebaya is a programme ...")
        return f"the actor {sorted(opening)[0]!r} is not the one the source names"
